/// Backslash escapes of JSON and C-family string literals (`\"`, `\\`, `\/`, `\n`, `\t`, `\r`,
/// `\uXXXX`): escaped JSON inside a string (`"{\"awsSecretKey\": \"…\"}"`) reads as JSON once
/// they are decoded, so the rules that know JSON find what it holds.
enum StringEscapes {
    /// `range` of `bytes` with its escapes decoded, each decoded byte mapped to its source; nil
    /// when it holds none.
    static func view(of bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> DecodedView? {
        guard let base = bytes.baseAddress else { return nil }
        var builder = DecodedViewBuilder(capacity: range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            // The run up to the next backslash is copied as it is.
            guard let hit = ByteSearch.first(UInt8(ascii: "\\"), from: base + i, count: range.upperBound - i) else {
                builder.appendVerbatim(bytes, i..<range.upperBound)
                break
            }
            let at = base.distance(to: hit)
            builder.appendVerbatim(bytes, i..<at)
            i = at
            if i + 1 < range.upperBound, let (decoded, width) = escape(bytes, at: i, limit: range.upperBound) {
                if decoded <= 0x7F {
                    builder.append(UInt8(decoded), from: i..<(i + width))
                } else {
                    builder.append(scalar: decoded, from: i..<(i + width))
                }
                i += width
            } else {
                builder.append(bytes[i], from: i..<(i + 1))
                i += 1
            }
        }
        return builder.view(note: "string escapes decoded")
    }

    /// The scalar the escape at `index` (a backslash) stands for and its width in bytes.
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int) -> (UInt32, Int)? {
        switch bytes[index + 1] {
        case UInt8(ascii: "\""): return (0x22, 2)
        case UInt8(ascii: "'"): return (0x27, 2)
        case UInt8(ascii: "\\"): return (0x5C, 2)
        case UInt8(ascii: "/"): return (0x2F, 2)
        case UInt8(ascii: "n"): return (0x0A, 2)
        case UInt8(ascii: "r"): return (0x0D, 2)
        case UInt8(ascii: "t"): return (0x09, 2)
        case UInt8(ascii: "u"):
            guard index + 6 <= limit else { return nil }
            var value: UInt32 = 0
            for k in 2..<6 {
                guard let digit = Percent.hexValue(bytes[index + k]) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            // Lone surrogates are not characters: leave the escape as it is.
            guard !(0xD800...0xDFFF).contains(value) else { return nil }
            return (value, 6)
        default: return nil
        }
    }

    /// Whether `range` holds an escaped double quote (`\"`), the sign of JSON inside a string.
    static func hasEscapedQuote(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress, range.count >= 2 else { return false }
        var i = range.lowerBound
        while i < range.upperBound - 1 {
            guard let hit = ByteSearch.first(UInt8(ascii: "\\"), from: base + i, count: range.upperBound - 1 - i) else {
                return false
            }
            let at = base.distance(to: hit)
            if bytes[at + 1] == UInt8(ascii: "\"") { return true }
            i = at + 2
        }
        return false
    }
}
