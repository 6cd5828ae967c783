/// Lenient base64 / base64url decoding for validators and decoders.
public enum Base64 {
    /// The 6-bit value of a base64 or base64url character, -1 for any other byte: the one map
    /// of the alphabet (ranges, no table behind a global's lazy initialiser).
    @inline(__always) static func sextet(_ c: UInt8) -> Int8 {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int8(c &- UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int8(c &- UInt8(ascii: "a") &+ 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int8(c &- UInt8(ascii: "0") &+ 52)
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: -1
        }
    }

    /// Decodes standard or URL-safe base64, padded or not, skipping ASCII whitespace and `\n`
    /// escapes' letters are not skipped. Returns nil on any other character or a bad length.
    public static func decode<Bytes: Collection>(_ text: Bytes) -> [UInt8]? where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        var count = 0
        for c in text {
            if c == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            if c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 { continue }
            guard padding == 0 else { return nil }
            let v = sextet(c)
            guard v >= 0 else { return nil }
            accumulator = accumulator << 6 | UInt32(v)
            bits += 6
            count += 1
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard padding <= 2, count % 4 != 1 else { return nil }
        return out
    }

    /// Whether every byte is in the base64 or base64url alphabet (padding allowed at the end).
    public static func isAlphabet<Bytes: Collection>(_ text: Bytes) -> Bool where Bytes.Element == UInt8 {
        text.allSatisfy { sextet($0) >= 0 || $0 == UInt8(ascii: "=") }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 with padding.
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(n & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }
}
