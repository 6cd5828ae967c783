import HoundEngine
import HoundModel
import HoundRules
import HoundTestSupport

/// Scans text with the built-in rules, the way `keyhound scan` does.
enum BuiltinScan {
    /// The built-in rules, compiled once for every test.
    static let compiled: CompiledRules = {
        do {
            return try CompiledRules(RuleSet.builtin)
        } catch {
            preconditionFailure("built-in rules do not compile: \(error)")
        }
    }()

    /// What the built-in rules find in `text`.
    static func scan(_ text: String, path: String = "config.txt") -> FragmentResult {
        var scanner = Scanner(compiled)
        return scanner.scan(Fragment(path: path, bytes: Array(text.utf8), provenance: .file))
    }
}

/// Fake credentials for engine tests, assembled at run time (this repository scans clean).
struct EngineFakes {
    private var generator: SplitMix64

    /// A generator; equal seeds give equal secrets.
    init(seed: UInt64) { generator = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D) }

    static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    static let upperDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `count` characters of `alphabet`.
    mutating func draw(_ count: Int, from alphabet: [UInt8]) -> String {
        var out: [UInt8] = []
        for _ in 0..<count { out.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A GitHub classic token with a valid checksum (or a wrong one).
    mutating func githubToken(validChecksum: Bool = true) -> String {
        let body = draw(30, from: Self.base62)
        var checksum = String(decoding: Checksums.base62(Checksums.crc32(Array(body.utf8)), width: 6), as: UTF8.self)
        if !validChecksum { checksum = String(checksum.reversed()) == checksum ? "zzzzzz" : String(checksum.reversed()) }
        return "gh" + "p_" + body + checksum
    }

    /// An npm token with a valid checksum (or a wrong one).
    mutating func npmToken(validChecksum: Bool = true) -> String {
        let body = draw(30, from: Self.base62)
        var checksum = String(decoding: Checksums.base62(Checksums.crc32(Array(body.utf8)), width: 6), as: UTF8.self)
        if !validChecksum { checksum = String(checksum.reversed()) == checksum ? "zzzzzz" : String(checksum.reversed()) }
        return "np" + "m_" + body + checksum
    }

    /// An AWS access key id.
    mutating func awsKeyID() -> String { "AK" + "IA" + draw(16, from: Self.upperDigits) }

    /// A 40-character AWS secret access key.
    mutating func awsSecret() -> String { draw(40, from: Self.base64) }
}

extension String {
    /// Standard base64 of the string's UTF-8 bytes.
    var base64: String { String(decoding: Base64.encode(Array(utf8)), as: UTF8.self) }
}
