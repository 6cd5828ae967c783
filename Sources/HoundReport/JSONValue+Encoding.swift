extension JSONValue {
    /// How much white space to write.
    enum Layout: Sendable {
        /// No white space at all: one value per line for JSON lines.
        case compact
        /// Two-space indentation, one member per line, arrays of scalars on one line.
        case pretty
    }

    /// The value as UTF-8 JSON text (RFC 8259), without a trailing newline.
    func encoded(_ layout: Layout) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out, layout: layout, depth: 0)
        return out
    }

    /// Appends the value to `out`; `depth` is the indentation level of the line it starts on.
    func write(to out: inout [UInt8], layout: Layout, depth: Int) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .int(let value): out += Array(String(value).utf8)
        case .double(let value): out += Array((value.isFinite ? value.description : "null").utf8)
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let items): Self.writeArray(items, to: &out, layout: layout, depth: depth)
        case .object(let members): Self.writeObject(members, to: &out, layout: layout, depth: depth)
        }
    }

    private static func writeArray(_ items: [JSONValue], to out: inout [UInt8], layout: Layout, depth: Int) {
        out.append(UInt8(ascii: "["))
        let inline = layout == .compact || items.allSatisfy(\.isScalar)
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if inline {
                if layout == .pretty && index > 0 { out.append(UInt8(ascii: " ")) }
            } else {
                newline(to: &out, depth: depth + 1)
            }
            item.write(to: &out, layout: layout, depth: depth + 1)
        }
        if !inline && !items.isEmpty { newline(to: &out, depth: depth) }
        out.append(UInt8(ascii: "]"))
    }

    private static func writeObject(
        _ members: [(String, JSONValue)], to out: inout [UInt8], layout: Layout, depth: Int
    ) {
        out.append(UInt8(ascii: "{"))
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if layout == .pretty { newline(to: &out, depth: depth + 1) }
            writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            if layout == .pretty { out.append(UInt8(ascii: " ")) }
            value.write(to: &out, layout: layout, depth: depth + 1)
        }
        if layout == .pretty && !members.isEmpty { newline(to: &out, depth: depth) }
        out.append(UInt8(ascii: "}"))
    }

    private static func newline(to out: inout [UInt8], depth: Int) {
        out.append(UInt8(ascii: "\n"))
        out += repeatElement(UInt8(ascii: " "), count: 2 * depth)
    }

    /// Appends `value` as a JSON string: quotes, backslashes and control characters escaped, and
    /// U+2028, U+2029 (line breaks to JavaScript) and U+FFFD (the mark of bytes that were not UTF-8)
    /// written as `\u` escapes so they stay visible. Everything else is written as UTF-8.
    static func writeString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: out += [0x5C, 0x22]  // \"
            case 0x5C: out += [0x5C, 0x5C]  // \\
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x00..<0x20, 0x7F, 0x2028, 0x2029, 0xFFFD: writeUnicodeEscape(scalar.value, to: &out)
            default: UTF8.encode(scalar) { out.append($0) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `\uXXXX` (lowercase hex) for a scalar of the Basic Multilingual Plane.
    private static func writeUnicodeEscape(_ value: UInt32, to out: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        out += [0x5C, UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(digits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
