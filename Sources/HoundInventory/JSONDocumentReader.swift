import HoundRedaction
/// A strict JSON (RFC 8259) reader that keeps line:column positions, which
/// `JSONSerialization` does not, so JSON inventories and baselines get the same precise errors
/// as TOML ones. Columns count bytes.
struct JSONDocumentReader {
    /// A syntax error and where it is.
    struct SyntaxError: Error {
        var message: String
        var position: SourcePosition
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    /// Parses one JSON document.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> DocumentValue {
        var reader = JSONDocumentReader(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw reader.fail("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var position: SourcePosition { SourcePosition(line: line, column: index - lineStart + 1) }

    private func fail(_ message: String) -> SyntaxError { SyntaxError(message: message, position: position) }

    private mutating func value() throws(SyntaxError) -> DocumentValue {
        let start = position
        guard index < bytes.count else { throw fail("unexpected end of file, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return DocumentValue(content: .table(try object()), position: start)
        case UInt8(ascii: "["): return DocumentValue(content: .array(try array()), position: start)
        case UInt8(ascii: "\""): return DocumentValue(content: .string(try string()), position: start)
        case UInt8(ascii: "t"):
            try literal("true")
            return DocumentValue(content: .boolean(true), position: start)
        case UInt8(ascii: "f"):
            try literal("false")
            return DocumentValue(content: .boolean(false), position: start)
        case UInt8(ascii: "n"):
            try literal("null")
            return DocumentValue(content: .null, position: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return DocumentValue(content: try number(), position: start)
        default:
            throw fail("unexpected character \"\(printable(bytes[index]))\", expected a value")
        }
    }

    private mutating func object() throws(SyntaxError) -> DocumentTable {
        let start = position
        try enter()
        index += 1
        var table = DocumentTable(entries: [], position: start)
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return table
        }
        while true {
            skipWhitespace()
            let keyPosition = position
            guard peek == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let key = try string()
            if table.entries.contains(where: { $0.key == key }) {
                throw SyntaxError(message: "duplicate key \(Redaction.name(key))", position: keyPosition)
            }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw fail("expected \":\" after the key") }
            index += 1
            skipWhitespace()
            var member = try value()
            member.position = member.position ?? keyPosition
            table.entries.append(.init(key: key, value: member, position: keyPosition))
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek == UInt8(ascii: "}") else { throw fail("expected \",\" or \"}\"") }
            index += 1
            depth -= 1
            return table
        }
    }

    private mutating func array() throws(SyntaxError) -> [DocumentValue] {
        try enter()
        index += 1
        var items: [DocumentValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return items
        }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek == UInt8(ascii: "]") else { throw fail("expected \",\" or \"]\"") }
            index += 1
            depth -= 1
            return items
        }
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        guard depth <= 256 else { throw fail("nesting deeper than 256 levels") }
    }

    private mutating func string() throws(SyntaxError) -> String {
        index += 1
        // Fast path: no escapes, so the string is a slice of the input.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let text = String(decoding: bytes[index..<end], as: UTF8.self)
            index = end + 1
            return text
        }
        var out: [UInt8] = Array(bytes[index..<end])
        index = end
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
                default:
                    index -= 2
                    throw fail("invalid escape \"\\\(printable(escape))\"")
                }
            case 0..<0x20:
                throw fail("control character in a string (escape it)")
            default:
                out.append(byte)
                index += 1
            }
        }
        throw fail("unterminated string")
    }

    /// The UTF-8 bytes of a `\uXXXX` escape (with its low surrogate, when it is a high one).
    private mutating func unicodeEscape() throws(SyntaxError) -> [UInt8] {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw fail("unpaired surrogate in \\u escape")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("invalid low surrogate in \\u escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
            throw fail("unpaired surrogate in \\u escape")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
        return Array(String(Character(unicode)).utf8)
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = hexValue(byte) else { throw fail("expected 4 hex digits after \\u") }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private mutating func number() throws(SyntaxError) -> DocumentValue.Content {
        let start = index
        var isInteger = true
        if peek == UInt8(ascii: "-") { index += 1 }
        guard let first = peek, isDigit(first) else { throw fail("expected a digit") }
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            while let byte = peek, isDigit(byte) { index += 1 }
        }
        if peek == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let byte = peek, isDigit(byte) else { throw fail("expected a digit after the decimal point") }
            while let byte = peek, isDigit(byte) { index += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard let byte = peek, isDigit(byte) else { throw fail("expected a digit in the exponent") }
            while let byte = peek, isDigit(byte) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        guard let double = Double(text) else { throw fail("invalid number \"\(text)\"") }
        return .float(double)
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard index + expected.count <= bytes.count, bytes[index..<index + expected.count].elementsEqual(expected) else {
            throw fail("unexpected text, expected \(word)")
        }
        index += expected.count
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }
}
