import HoundSupport

/// The identity of a secret without the secret: `sha256:<hex>` or, with an organisation key,
/// `hmac-sha256:<hex>`.
///
/// Baselines, ignore files and the inventory key on fingerprints, never on line numbers, so they
/// survive edits, moves and squash merges.
public struct Fingerprint: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// How the digest was computed.
    public enum Algorithm: String, Sendable, CaseIterable {
        case sha256 = "sha256"
        case hmacSHA256 = "hmac-sha256"
    }

    /// The algorithm named before the colon.
    public let algorithm: Algorithm
    /// The 32-byte digest as four big-endian words: stored inline, so a finding's fingerprint
    /// costs no allocation (a hex `String` cost ~100 bytes of heap per finding), and digests
    /// compare in byte order (the order of their hex) with four integer comparisons.
    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// A fingerprint from its parts; `hex` must be 64 lowercase hex digits.
    public init?(algorithm: Algorithm, hex: String) {
        // Checked on bytes: inventories and baselines parse one per entry.
        var hex = hex
        guard let words = hex.withUTF8(Fingerprint.words(hex:)) else { return nil }
        self.algorithm = algorithm
        self.words = words
    }

    /// 64 lowercase hex digits.
    public var hex: String { Hex.encode(digest) }

    /// The 32 digest bytes.
    public var digest: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for word in [words.0, words.1, words.2, words.3] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return bytes
    }

    /// Parses `sha256:<64 hex>` or `hmac-sha256:<64 hex>`; nil for anything else.
    public init?(parsing text: String) {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")),
            let algorithm = Algorithm(rawValue: String(text[..<colon]))
        else { return nil }
        let hex = String(text[text.utf8.index(after: colon)...])
        let hasUppercase = hex.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") }
        self.init(algorithm: algorithm, hex: hasUppercase ? hex.lowercased() : hex)
    }

    /// The four words of 64 lowercase hex digits; nil for anything else.
    private static func words(hex: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64)? {
        guard hex.count == 64 else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in hex.enumerated() {
            let digit = byte &- UInt8(ascii: "0")
            let letter = byte &- UInt8(ascii: "a")
            guard digit < 10 || letter < 6 else { return nil }
            words[index / 16] = words[index / 16] << 4 | UInt64(digit < 10 ? digit : letter + 10)
        }
        return (words[0], words[1], words[2], words[3])
    }

    /// The four big-endian words of a 32-byte digest.
    private static func words(digest: [UInt8]) -> (UInt64, UInt64, UInt64, UInt64) {
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in digest.prefix(32).enumerated() { words[index / 8] = words[index / 8] << 8 | UInt64(byte) }
        return (words[0], words[1], words[2], words[3])
    }

    /// The fingerprint of `secret`: HMAC-SHA-256 under `key` when one is given, else SHA-256.
    public static func of<Bytes: Collection>(_ secret: Bytes, key: [UInt8]? = nil) -> Fingerprint
    where Bytes.Element == UInt8 {
        if let key {
            let mac = HMACSHA256.authenticationCode(key: key, message: Array(secret))
            return Fingerprint(algorithm: .hmacSHA256, words: words(digest: mac))
        }
        return Fingerprint(algorithm: .sha256, words: words(digest: SHA256.hash(secret)))
    }

    private init(algorithm: Algorithm, words: (UInt64, UInt64, UInt64, UInt64)) {
        self.algorithm = algorithm
        self.words = words
    }

    public static func == (lhs: Fingerprint, rhs: Fingerprint) -> Bool {
        lhs.algorithm == rhs.algorithm && lhs.words == rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(algorithm)
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// `algorithm:hex`, the form written to every file.
    public var description: String { "\(algorithm.rawValue):\(hex)" }

    /// A short form for people: the algorithm and the first 12 hex digits.
    public var short: String { "\(algorithm.rawValue):\(hex.prefix(12))" }

    /// The order of `description`: the algorithm's name, then the digest (lowercase hex sorts
    /// as the bytes do).
    public static func < (lhs: Fingerprint, rhs: Fingerprint) -> Bool {
        if lhs.algorithm != rhs.algorithm { return lhs.algorithm.rawValue < rhs.algorithm.rawValue }
        return lhs.words < rhs.words
    }
}
