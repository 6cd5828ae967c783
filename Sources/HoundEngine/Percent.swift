/// Percent-encoding (RFC 3986 §2.1): `%5F` is `_`. A token written into a URL or a form body
/// (`ghp%5F…`, `sig=abc%2Bdef%3D`) is found decoded, and a URL password is fingerprinted
/// decoded, as the inventory holds it.
enum Percent {
    /// The bytes with every valid `%XX` decoded (invalid ones kept as they are); nil when there
    /// is none.
    static func decode<Bytes: Collection>(_ text: Bytes) -> [UInt8]? where Bytes.Element == UInt8, Bytes.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var decodedAny = false
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == UInt8(ascii: "%"), i + 2 < text.endIndex, let v = byte(text[i + 1], text[i + 2]) {
                out.append(v)
                decodedAny = true
                i += 3
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return decodedAny ? out : nil
    }

    /// `range` of `bytes` percent-decoded, each decoded byte mapped to its source; nil when
    /// nothing in it is encoded.
    static func view(of bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> DecodedView? {
        var builder = DecodedViewBuilder(capacity: range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < range.upperBound, let v = byte(bytes[i + 1], bytes[i + 2]) {
                builder.append(v, from: i..<(i + 3))
                i += 3
            } else {
                builder.append(bytes[i], from: i..<(i + 1))
                i += 1
            }
        }
        return builder.view(note: "percent-decoded")
    }

    /// The byte two hex digits spell, or nil.
    static func byte(_ high: UInt8, _ low: UInt8) -> UInt8? {
        guard let h = hexValue(high), let l = hexValue(low) else { return nil }
        return h << 4 | l
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }

    /// The markers that open a percent-decoding window: the encodings of `_ - + / = @ :`, the
    /// bytes token prefixes, base64 values and passwords carry, and of `%` (a token that holds
    /// `%2B` written into a URL as `%252B`), matched case-insensitively.
    static let markers = ["%5f", "%2d", "%2b", "%2f", "%3d", "%40", "%3a", "%25"]

    /// The run of URL-ish bytes around `index` (no whitespace, quotes, angle brackets or
    /// parentheses), at most `reach` bytes each way: the window a marker opens.
    static func window(in bytes: UnsafeBufferPointer<UInt8>, around index: Int, reach: Int) -> Range<Int> {
        func isDelimiter(_ b: UInt8) -> Bool {
            b <= 0x20 || b == 0x22 || b == 0x27 || b == 0x60 || b == 0x3C || b == 0x3E || b == 0x28 || b == 0x29
                || b == 0x7F
        }
        var lower = index
        let floor = max(0, index - reach)
        while lower > floor && !isDelimiter(bytes[lower - 1]) { lower -= 1 }
        var upper = index
        let ceiling = min(bytes.count, index + reach)
        while upper < ceiling && !isDelimiter(bytes[upper]) { upper += 1 }
        return lower..<upper
    }
}
