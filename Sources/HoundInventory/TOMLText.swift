#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundSupport
import TOML

/// TOML literals for values keyhound writes into an inventory.
public enum TOMLText {
    /// A basic string with the escapes TOML requires.
    public static func string(_ text: String) -> String { TOMLValue.string(text).description }

    /// `["a", "b"]`.
    public static func array(_ items: [String]) -> String { "[" + items.map(string).joined(separator: ", ") + "]" }

    /// A date literal: `2026-10-01` at midnight UTC, else `2026-10-01T12:00:00Z`.
    public static func date(_ date: Date) -> String {
        date.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0 ? ISODate.formatDay(date) : ISODate.format(date)
    }
}
