/// A git object id (SHA-1 or SHA-256) held in four words instead of a 40-character string, so
/// a history index of millions of blobs stays small.
public struct ObjectID: Hashable, Comparable, Sendable, CustomStringConvertible {
    private var words: (UInt64, UInt64, UInt64, UInt64)
    /// 20 for SHA-1, 32 for SHA-256.
    public let byteCount: UInt8

    /// Parses 40 or 64 hex digits; nil for anything else.
    public init?(hex: some Collection<UInt8>) {
        guard hex.count == 40 || hex.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &words) { raw -> Bool in
            let slots = raw.bindMemory(to: UInt64.self)
            var index = 0
            for digit in hex {
                let value: UInt8
                switch digit {
                case 0x30...0x39: value = digit - 0x30
                case 0x61...0x66: value = digit - 0x61 + 10
                case 0x41...0x46: value = digit - 0x41 + 10
                default: return false
                }
                slots[index >> 4] |= UInt64(value) << UInt64(60 - 4 * (index & 15))
                index += 1
            }
            return true
        }
        guard valid else { return nil }
        self.words = words
        self.byteCount = UInt8(hex.count / 2)
    }

    /// Parses a hex string.
    public init?(_ text: String) { self.init(hex: Array(text.utf8)) }

    /// Whether every digit is zero (git's "no object" in raw diffs).
    public var isZero: Bool { words == (0, 0, 0, 0) }

    /// The lowercase hex form.
    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(Int(byteCount) * 2)
        let all = [words.0, words.1, words.2, words.3]
        for index in 0..<(Int(byteCount) * 2) {
            text.append(digits[Int((all[index / 16] >> UInt64(60 - 4 * (index % 16))) & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
        lhs.words == rhs.words && lhs.byteCount == rhs.byteCount
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.words.0, lhs.words.1, lhs.words.2, lhs.words.3) < (rhs.words.0, rhs.words.1, rhs.words.2, rhs.words.3)
    }
}
