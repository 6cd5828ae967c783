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
        guard hex.utf8.count == 64, Hex.decode(hex) != nil, hex == hex.lowercased() else { return nil }
        self.algorithm = algorithm
        self.hex = hex
    }

    /// Parses `sha256:<64 hex>` or `hmac-sha256:<64 hex>`; nil for anything else.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"),
            let algorithm = Algorithm(rawValue: String(text[..<colon]))
        else { return nil }
        self.init(algorithm: algorithm, hex: String(text[text.index(after: colon)...]).lowercased())
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
