/// Checksums used by offline validators.
public enum Checksums {
    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (IEEE 802.3, as zlib's `crc32`).
    public static func crc32<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = crcTable[Int((crc ^ UInt32(b)) & 0xff)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static let base62Alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// `value` in base 62 (digits, upper, lower), left-padded with `0` to `width`.
    public static func base62(_ value: UInt32, width: Int) -> [UInt8] {
        var digits: [UInt8] = []
        var v = value
        while v > 0 {
            digits.append(base62Alphabet[Int(v % 62)])
            v /= 62
        }
        while digits.count < width { digits.append(UInt8(ascii: "0")) }
        return digits.reversed()
    }

    /// Whether a GitHub-style token (`prefix_` + 30 random + 6 checksum chars) carries a valid
    /// CRC-32 checksum. The checksum covers the 30 random characters after the prefix.
    public static func isValidGitHubStyleToken(_ token: [UInt8]) -> Bool {
        guard let underscore = token.lastIndex(of: UInt8(ascii: "_")) else { return false }
        let body = Array(token[(underscore + 1)...])
        guard body.count == 36 else { return false }
        let random = body[0..<30]
        let expected = base62(crc32(random), width: 6)
        return Array(body[30...]) == expected
    }
}
