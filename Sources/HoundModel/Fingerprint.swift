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
    /// 64 lowercase hex digits.
    public let hex: String

    /// A fingerprint from its parts; `hex` must be 64 lowercase hex digits.
    public init?(algorithm: Algorithm, hex: String) {
        // Checked on bytes: inventories and baselines parse one per entry.
        guard hex.utf8.count == 64, hex.utf8.allSatisfy(Fingerprint.isLowercaseHexDigit) else { return nil }
        self.algorithm = algorithm
        self.hex = hex
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

    private static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }

    /// The fingerprint of `secret`: HMAC-SHA-256 under `key` when one is given, else SHA-256.
    public static func of<Bytes: Collection>(_ secret: Bytes, key: [UInt8]? = nil) -> Fingerprint
    where Bytes.Element == UInt8 {
        if let key {
            let mac = HMACSHA256.authenticationCode(key: key, message: Array(secret))
            return Fingerprint(uncheckedAlgorithm: .hmacSHA256, hex: Hex.encode(mac))
        }
        return Fingerprint(uncheckedAlgorithm: .sha256, hex: SHA256.hexDigest(secret))
    }

    private init(uncheckedAlgorithm: Algorithm, hex: String) {
        self.algorithm = uncheckedAlgorithm
        self.hex = hex
    }

    /// `algorithm:hex`, the form written to every file.
    public var description: String { "\(algorithm.rawValue):\(hex)" }

    /// A short form for people: the algorithm and the first 12 hex digits.
    public var short: String { "\(algorithm.rawValue):\(hex.prefix(12))" }

    public static func < (lhs: Fingerprint, rhs: Fingerprint) -> Bool { lhs.description < rhs.description }
}
