/// Git's C-style quoting of path names in diff headers (`"b/caf\303\251"`, `"a\"b"`).
///
/// Git quotes a name that holds a double quote, a backslash, a control character or (unless
/// `core.quotePath=false`) a byte above 0x7F; the rest are written raw.
enum GitQuoting {
    /// The raw bytes of a path token: unquoted when it starts with `"`, else as is. Nil for a
    /// quoted token that does not end in a closing quote.
    static func unquote(_ token: ArraySlice<UInt8>) -> [UInt8]? {
        guard token.first == UInt8(ascii: "\"") else { return Array(token) }
        var output: [UInt8] = []
        output.reserveCapacity(token.count)
        var index = token.index(after: token.startIndex)
        while index < token.endIndex {
            let byte = token[index]
            if byte == UInt8(ascii: "\"") {
                return index == token.index(before: token.endIndex) ? output : nil
            }
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < token.endIndex else { return nil }
            let escape = token[index]
            switch escape {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value: UInt32 = 0
                var digits = 0
                while digits < 3, index < token.endIndex,
                    (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(token[index])
                {
                    value = value * 8 + UInt32(token[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                output.append(UInt8(truncatingIfNeeded: value))
                continue
            case UInt8(ascii: "a"): output.append(0x07)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "v"): output.append(0x0B)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "r"): output.append(0x0D)
            default: output.append(escape)  // \" and \\ and anything unexpected
            }
            index += 1
        }
        return nil
    }
}
