/// A TOML value: a leaf (string, number, boolean, date-time), an array or a table.
///
/// TOML 1.0 allows arrays to mix types, so `.array` holds any values. Date-times keep their kind
/// as the case (`offsetDateTime`, `localDateTime`, `localDate`, `localTime`) and their
/// components in `TOMLDateTime`. Date-times and tables are stored indirectly, which keeps a
/// value at 17 bytes rather than about 150, and the parser's recursion frames small.
public enum TOMLValue: Sendable, Equatable {
    /// A string (basic, literal or multi-line; escapes already resolved).
    case string(String)
    /// A 64-bit signed integer (decimal, hexadecimal, octal or binary in the source).
    case integer(Int64)
    /// A 64-bit float, including `inf`, `-inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// A date and time with an offset from UTC, such as `1979-05-27T07:32:00Z`.
    indirect case offsetDateTime(TOMLDateTime)
    /// A date and time without an offset, such as `1979-05-27T07:32:00`.
    indirect case localDateTime(TOMLDateTime)
    /// A date without a time, such as `1979-05-27`.
    indirect case localDate(TOMLDateTime)
    /// A time of day without a date, such as `07:32:00`.
    indirect case localTime(TOMLDateTime)
    /// An array, from `[...]` or from `[[name]]` array-of-tables headers.
    case array([TOMLValue])
    /// A table, from a `[name]` header, dotted keys or an inline `{...}` table.
    indirect case table(TOMLTable)
}
