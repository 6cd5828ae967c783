/// A set of bytes as 256 bits: union and intersection are four word operations, where a
/// `Set<UInt8>` hashes every member.
struct ByteBitSet: Equatable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { insert(byte) }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let word =
            switch byte >> 6 {
            case 0: words.0
            case 1: words.1
            case 2: words.2
            default: words.3
            }
        return word >> UInt64(byte & 63) & 1 != 0
    }

    func union(_ other: ByteBitSet) -> ByteBitSet {
        var result = self
        result.words = (
            words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3
        )
        return result
    }

    func intersection(_ other: ByteBitSet) -> ByteBitSet {
        var result = self
        result.words = (
            words.0 & other.words.0, words.1 & other.words.1, words.2 & other.words.2, words.3 & other.words.3
        )
        return result
    }

    /// The members in ascending order.
    var members: [UInt8] { (0...255).map(UInt8.init).filter(contains) }

    static func == (lhs: ByteBitSet, rhs: ByteBitSet) -> Bool {
        lhs.words == rhs.words
    }
}
