/// The one JSON string quoting keyhound writes (RFC 8259 §7).
///
/// Quotes, backslashes and control characters are escaped (the short forms `\"`, `\\`, `\n`,
/// `\r`, `\t`, `\b`, `\f` where they exist, else `\u00XX`); so are DEL, U+2028 and U+2029
/// (line breaks to JavaScript) and U+FFFD (the mark of bytes that were not UTF-8), so they stay
/// visible. Everything else is written as UTF-8, lowercase hex in escapes.
public enum JSONString {
    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal to `out`.
    public static func append<Sink: JSONByteSink>(_ text: String, to out: inout Sink) {
        out.append(UInt8(ascii: "\""))
        var plain = true
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2 || byte == 0xEF {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: text.utf8)
        } else {
            for scalar in text.unicodeScalars { appendScalar(scalar, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendScalar<Sink: JSONByteSink>(_ scalar: Unicode.Scalar, to out: inout Sink) {
        switch scalar.value {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])  // \"
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])  // \\
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x00..<0x20, 0x7F, 0x2028, 0x2029, 0xFFFD: appendUnicodeEscape(scalar.value, to: &out)
        default: UTF8.encode(scalar) { out.append($0) }
        }
    }

    /// Appends `\uXXXX` (lowercase hex) for a scalar of the Basic Multilingual Plane.
    private static func appendUnicodeEscape<Sink: JSONByteSink>(_ value: UInt32, to out: inout Sink) {
        let digits: StaticString = "0123456789abcdef"
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(digits.utf8Start[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
