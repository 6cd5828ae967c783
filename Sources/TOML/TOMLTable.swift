/// A TOML table: keys in document order, their values, and where each was written.
///
/// Positions serve error messages (`config.toml:4:1: unknown field "nmae"`); they take no part
/// in equality, which compares keys and values regardless of order.
public struct TOMLTable: Sendable {
    /// Keys in document order.
    public private(set) var keys: [String]
    /// Values, parallel to `keys`.
    private var values: [TOMLValue]
    /// Where each key was written, parallel to `keys`.
    private var keyPositions: [TOMLPosition]
    /// Where each value starts, parallel to `keys`.
    private var valuePositions: [TOMLPosition]
    /// Finds the index of a key in `keys`.
    private var index: KeyIndex
    /// Where the table starts: the `[` of its `[x]` or `[[x]]` header, the `{` of an inline
    /// table, the first key naming it for tables made by dotted keys, 1:1 for the root.
    public var position: TOMLPosition

    /// An empty table starting at `position`.
    public init(position: TOMLPosition = .start) {
        self.keys = []
        self.values = []
        self.keyPositions = []
        self.valuePositions = []
        self.index = KeyIndex()
        self.position = position
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the table has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for `key`, or nil when the table has no such key.
    public subscript(key: String) -> TOMLValue? {
        guard let found = index.index(of: key, in: keys) else { return nil }
        return values[found]
    }

    /// Where `key` was written in the document (for `a.b.c = 1`, table `a.b` has key `c` at the
    /// `c`), or nil when the table has no such key.
    public func position(of key: String) -> TOMLPosition? {
        guard let found = index.index(of: key, in: keys) else { return nil }
        return keyPositions[found]
    }

    /// Where the value of `key` starts (the `"` of `key = "x"`); for a table made by a header or
    /// by dotted keys, where its key was written. Nil when the table has no such key.
    public func valuePosition(of key: String) -> TOMLPosition? {
        guard let found = index.index(of: key, in: keys) else { return nil }
        return valuePositions[found]
    }

    /// The key–value pairs in document order.
    public var entries: [(key: String, value: TOMLValue)] {
        Array(zip(keys, values))
    }

    /// Sets `value` for `key`: replaces it in place when present (keeping its position unless
    /// one is given), appends it otherwise (at `position`, or the table's own position).
    public mutating func set(_ value: TOMLValue, for key: String, at position: TOMLPosition? = nil) {
        if let found = index.index(of: key, in: keys) {
            values[found] = value
            if let position {
                keyPositions[found] = position
                valuePositions[found] = position
            }
        } else {
            keys.append(key)
            index.didAppend(to: keys)
            values.append(value)
            keyPositions.append(position ?? self.position)
            valuePositions.append(position ?? self.position)
        }
    }
}

extension TOMLTable: Equatable {
    /// Same keys with equal values; order and positions are ignored.
    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        guard lhs.keys.count == rhs.keys.count else { return false }
        for (index, key) in lhs.keys.enumerated() {
            guard let other = rhs[key], other == lhs.values[index] else { return false }
        }
        return true
    }
}

extension TOMLTable: ExpressibleByDictionaryLiteral {
    /// A table from literal pairs, all positioned at 1:1; handy in tests.
    public init(dictionaryLiteral elements: (String, TOMLValue)...) {
        self.init()
        for (key, value) in elements { set(value, for: key) }
    }
}

extension TOMLTable {
    /// A table from parallel arrays built by the parser, with `index` tracking `keys`.
    init(
        keys: [String], values: [TOMLValue], keyPositions: [TOMLPosition], valuePositions: [TOMLPosition],
        index: KeyIndex, position: TOMLPosition
    ) {
        self.keys = keys
        self.values = values
        self.keyPositions = keyPositions
        self.valuePositions = valuePositions
        self.index = index
        self.position = position
    }
}
