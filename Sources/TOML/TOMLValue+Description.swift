/// Values and tables written back as TOML inline syntax, for messages and test failures.
extension TOMLValue: CustomStringConvertible {
    /// The value as TOML would write it inline: `"text"`, `42`, `-inf`, `[1, 2]`, `{ a = 1 }`.
    public var description: String {
        switch self {
        case .string(let text): return Self.basicString(text)
        case .integer(let number): return String(number)
        case .float(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            return "\(number)"
        case .boolean(let flag): return flag ? "true" : "false"
        case .offsetDateTime(let dateTime), .localDateTime(let dateTime), .localDate(let dateTime),
            .localTime(let dateTime):
            return dateTime.text
        case .array(let elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .table(let table): return table.description
        }
    }

    /// `text` as a TOML basic string: in double quotes, with `"`, `\` and control characters
    /// escaped.
    static func basicString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u" + TOMLScanner.hex(scalar.value, width: 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension TOMLTable: CustomStringConvertible {
    /// The table as a TOML inline table, keys in document order: `{ name = "x", port = 80 }`.
    public var description: String {
        guard !isEmpty else { return "{}" }
        let pairs = entries.map { KeyPart(name: $0.key, position: position).written + " = " + $0.value.description }
        return "{ " + pairs.joined(separator: ", ") + " }"
    }
}
