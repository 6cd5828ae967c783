/// Finds a key's index in a table's key list: a linear scan while the table is small (most
/// are), a dictionary once it grows past `linearLimit` keys.
struct KeyIndex: Sendable {
    /// The largest table searched linearly.
    static let linearLimit = 8

    /// Key to index, filled only once the table has more than `linearLimit` keys.
    private var dictionary: [String: Int] = [:]

    /// An empty index.
    init() {}

    /// The index of `key` in `keys`, the list this index tracks.
    @inline(__always)
    func index(of key: String, in keys: [String]) -> Int? {
        if keys.count <= Self.linearLimit { return keys.firstIndex(of: key) }
        return dictionary[key]
    }

    /// Records that a new key was appended to `keys`.
    mutating func didAppend(to keys: [String]) {
        if keys.count == Self.linearLimit + 1 {
            dictionary.reserveCapacity(keys.count * 2)
            for (index, key) in keys.enumerated() { dictionary[key] = index }
        } else if keys.count > Self.linearLimit, let last = keys.last {
            dictionary[last] = keys.count - 1
        }
    }
}
