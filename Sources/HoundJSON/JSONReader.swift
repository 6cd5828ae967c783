import HoundRedaction

/// HoundJSON: keyhound's one home for JSON. ``JSONReader`` reads a document strictly (RFC 8259)
/// into ``JSONNode``s that keep member order and positions, so every file keyhound reads
/// (inventories, baselines, imported reports, audit logs, rotation state, `jsonl` reports) gets
/// `line:column` errors that quote at most a redacted excerpt; ``JSONWriter`` writes ordered,
/// byte-stable JSON, a whole ``JSONValue`` or one element at a time into a byte sink.
///
/// A leaf target: it depends only on HoundRedaction (for the excerpts), not on Foundation.

/// A strict JSON (RFC 8259) reader that keeps line:column positions.
///
/// Beyond the RFC's grammar: a UTF-8 byte-order mark at the start is skipped; nesting is
/// bounded (``defaultMaximumDepth`` unless told); duplicate keys in an object are refused;
/// numbers outside `Double`'s range are refused (a number that reads as infinity cannot be
/// written back); ill-formed UTF-8 inside strings becomes U+FFFD.
public struct JSONReader {
    /// How deeply arrays and objects may nest unless told otherwise.
    public static let defaultMaximumDepth = 256

    let bytes: [UInt8]
    let maximumDepth: Int
    var index = 0
    var line = 1
    var lineStart = 0
    var depth = 0

    /// Parses one JSON document (surrounding white space allowed, nothing else).
    ///
    /// - Throws: `JSONSyntaxError` at the first problem.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError) -> JSONNode {
        var reader = JSONReader(bytes: bytes, maximumDepth: maximumDepth)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            reader.index = 3
            reader.lineStart = 3
        }
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw reader.fail("unexpected text after the JSON value") }
        return value
    }

    /// Parses one JSON document held in a slice (a line of a JSON lines file); positions count
    /// from the start of the slice.
    public static func parse(_ bytes: ArraySlice<UInt8>, maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError) -> JSONNode {
        try parse(Array(bytes), maximumDepth: maximumDepth)
    }

    /// Parses one JSON document held in a string.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError) -> JSONNode {
        try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    var position: JSONPosition { JSONPosition(line: line, column: index - lineStart + 1, offset: index) }

    func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, position: position) }

    mutating func value() throws(JSONSyntaxError) -> JSONNode {
        let start = position
        guard let byte = peek else { throw fail("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return JSONNode(content: .object(try object()), position: start)
        case UInt8(ascii: "["): return JSONNode(content: .array(try array()), position: start)
        case UInt8(ascii: "\""): return JSONNode(content: .string(try string()), position: start)
        case UInt8(ascii: "t"):
            try literal("true")
            return JSONNode(content: .bool(true), position: start)
        case UInt8(ascii: "f"):
            try literal("false")
            return JSONNode(content: .bool(false), position: start)
        case UInt8(ascii: "n"):
            try literal("null")
            return JSONNode(content: .null, position: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(content: try number(), position: start)
        default:
            throw fail("unexpected character \(Self.printable(byte)), expected a value")
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> [JSONMember] {
        try enter()
        var members: [JSONMember] = []
        // Small objects check duplicates by scanning; large ones through a set.
        var keys: Set<String> = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return members
        }
        while true {
            skipWhitespace()
            let keyPosition = position
            guard peek == UInt8(ascii: "\"") else {
                throw fail(peek == nil ? "unexpected end of input, expected a string key" : "expected a string key")
            }
            let key = try string()
            let duplicate = members.count < 16 ? members.contains { $0.key == key } : !keys.insert(key).inserted
            if duplicate { throw JSONSyntaxError(message: "duplicate key \(Redaction.name(key))", position: keyPosition) }
            if members.count == 15 { keys = Set(members.map(\.key) + [key]) }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw fail("expected \":\" after the key") }
            index += 1
            skipWhitespace()
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: try value()))
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek == UInt8(ascii: "}") else {
                throw fail(peek == nil ? "unexpected end of input, expected \",\" or \"}\"" : "expected \",\" or \"}\"")
            }
            index += 1
            depth -= 1
            return members
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> [JSONNode] {
        try enter()
        var items: [JSONNode] = []
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
            guard peek == UInt8(ascii: "]") else {
                throw fail(peek == nil ? "unexpected end of input, expected \",\" or \"]\"" : "expected \",\" or \"]\"")
            }
            index += 1
            depth -= 1
            return items
        }
    }

    /// Steps over an opening bracket, one level deeper.
    private mutating func enter() throws(JSONSyntaxError) {
        guard depth < maximumDepth else { throw fail("nesting deeper than \(maximumDepth) levels") }
        depth += 1
        index += 1
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard index + expected.count <= bytes.count, bytes[index..<index + expected.count].elementsEqual(expected) else {
            throw fail("unexpected text, expected \(word)")
        }
        index += expected.count
    }

    mutating func skipWhitespace() {
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

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// One byte quoted for an error: `"x"` when printable ASCII, else `byte 0xNN`.
    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "\"\(Character(UnicodeScalar(byte)))\"" : "byte 0x" + hex(byte)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}
