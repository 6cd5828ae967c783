/// The parts of a TOML date-time, plus its normalised text.
///
/// Which parts are set depends on the kind: an offset date-time has all of them, a local
/// date-time all but `offsetMinutes`, a local date only the date parts, a local time only the
/// time parts. Fractional seconds beyond nanoseconds are truncated, as TOML allows.
public struct TOMLDateTime: Sendable, Hashable, CustomStringConvertible {
    /// The year, 0–9999.
    public var year: Int?
    /// The month, 1–12.
    public var month: Int?
    /// The day of the month, 1–31 (checked against the month and leap years).
    public var day: Int?
    /// The hour, 0–23.
    public var hour: Int?
    /// The minute, 0–59.
    public var minute: Int?
    /// The second, 0–60 (60 for a leap second).
    public var second: Int?
    /// The fraction of the second in nanoseconds, 0 when none was written.
    public var nanosecond: Int?
    /// The offset from UTC in minutes (`Z` is 0), for offset date-times only.
    public var offsetMinutes: Int?
    /// RFC 3339 text: `T` between date and time, upper-case `Z` for a zero offset, the
    /// fraction's digits as written (at most nine); for example `1979-05-27T00:32:00.5-07:00`.
    public var text: String

    /// A date-time from its parts and text; the parser is the usual source of these.
    public init(
        year: Int? = nil, month: Int? = nil, day: Int? = nil, hour: Int? = nil,
        minute: Int? = nil, second: Int? = nil, nanosecond: Int? = nil,
        offsetMinutes: Int? = nil, text: String
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.offsetMinutes = offsetMinutes
        self.text = text
    }

    /// The normalised text.
    public var description: String { text }
}
