#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundSupport

/// TOML literals for values keyhound writes.
enum TOMLText {
    /// A basic string with the escapes TOML requires.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x7F:
                let hex = String(c.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `["a", "b"]`.
    static func array(_ items: [String]) -> String { "[" + items.map(string).joined(separator: ", ") + "]" }

    /// A date literal: `2026-10-01` at midnight UTC, else `2026-10-01T12:00:00Z`.
    static func date(_ date: Date) -> String {
        date.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0 ? ISODate.formatDay(date) : ISODate.format(date)
    }
}
