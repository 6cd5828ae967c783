import HoundTestSupport

/// Fake credentials assembled at test time, so that no secret-shaped literal sits in this
/// repository (it must scan itself clean). A seeded generator makes every run write the same
/// bytes, so commit ids and fingerprints are stable from run to run; different seeds give
/// different secrets.
struct FakeSecrets {
    private var generator: SplitMix64

    /// A generator; equal seeds give equal secrets.
    init(seed: UInt64) { generator = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678) }

    static let upperDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    static let digits = Array("0123456789".utf8)

    /// The next value of the seeded generator.
    mutating func next() -> UInt64 { generator.next() }

    /// `count` characters drawn from `alphabet`.
    mutating func draw(_ count: Int, from alphabet: [UInt8]) -> String {
        var out: [UInt8] = []
        for _ in 0..<count { out.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// An AWS access key id: `AKIA` + 16 upper-case letters and digits.
    mutating func awsAccessKeyID() -> String {
        "AK" + "IA" + draw(16, from: Self.upperDigits)
    }

    /// A GitHub classic token: `ghp_` + 30 base62 characters + the base62 CRC-32 of those 30.
    mutating func githubToken() -> String {
        let body = draw(30, from: Self.base62)
        return "gh" + "p_" + body + Self.base62Checksum(Array(body.utf8))
    }

    /// A Slack bot token: `xoxb-` + two numeric ids + 24 base62 characters.
    mutating func slackBotToken() -> String {
        "xo" + "xb-" + draw(12, from: Self.digits) + "-" + draw(13, from: Self.digits) + "-"
            + draw(24, from: Self.base62)
    }

    /// The 6-character base62 CRC-32 GitHub appends to a token body.
    static func base62Checksum(_ bytes: [UInt8]) -> String {
        var value = crc32(bytes)
        var digits: [UInt8] = []
        while value > 0 {
            digits.append(base62[Int(value % 62)])
            value /= 62
        }
        while digits.count < 6 { digits.append(UInt8(ascii: "0")) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// CRC-32 (IEEE, as zlib), bit by bit: slow and obviously right.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
