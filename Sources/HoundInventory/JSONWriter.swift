import HoundSupport
/// A tiny deterministic JSON writer: keys in the order given, two-space indentation, `\n`
/// line ends, and only the escapes JSON requires (so output is byte-stable across platforms,
/// which `JSONSerialization` does not promise).
struct JSONWriter {
    /// A JSON value to write.
    indirect enum Value {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case null
        case array([Value])
        case object([(String, Value)])

        /// A string, or null for nil.
        static func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }
    }

    /// `value` as pretty-printed JSON with a final newline.
    static func render(_ value: Value) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    private static func write(_ value: Value, indent: Int, into out: inout String) {
        switch value {
        case .string(let text): out += quote(text)
        case .integer(let number): out += String(number)
        case .boolean(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            let scalars = items.allSatisfy { if case .array = $0 { false } else if case .object = $0 { false } else { true } }
            if scalars {
                out += "[" + items.map { item in
                    var text = ""
                    write(item, indent: 0, into: &text)
                    return text
                }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                write(item, indent: indent + 1, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += String(repeating: "  ", count: indent + 1) + quote(member.0) + ": "
                write(member.1, indent: indent + 1, into: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// `text` as a JSON string literal (the project's one JSON quoting, `JSONText` in
    /// HoundSupport).
    static func quote(_ text: String) -> String { JSONText.quote(text) }
}
