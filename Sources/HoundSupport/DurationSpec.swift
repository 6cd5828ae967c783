#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A length of time as people write it in configuration: `30s`, `90m`, `24h`, `30d`, `12w`, `1y`,
/// or a word: `daily`, `weekly`, `monthly`, `quarterly`, `yearly` / `annually`.
///
/// Seconds, minutes, hours, days and weeks are fixed numbers of seconds. Months and years are
/// calendar lengths (`monthly` from 31 January is 28 or 29 February), so a key rotated "monthly" is
/// due on the same day each month, not every 30 days. Units: `s` seconds, `m` minutes, `h` hours,
/// `d` days, `w` weeks, `y` years (12 calendar months). Zero is refused unless the caller allows
/// it (a grace period of `0s` means "no wait"; a rotation frequency of zero means nothing).
public struct DurationSpec: Hashable, Sendable, CustomStringConvertible {
    /// The length: a fixed number of seconds or a number of calendar months.
    public enum Length: Hashable, Sendable {
        /// A fixed number of seconds (s, m, h, d, w, daily, weekly).
        case seconds(Int64)
        /// Calendar months (y, monthly, quarterly, yearly).
        case months(Int)
    }

    /// What the text means.
    public let length: Length
    /// The text as written (trimmed), kept so files can be rewritten unchanged.
    public let text: String

    /// The words accepted on their own, and what they mean.
    public static let words: [(word: String, length: Length)] = [
        ("daily", .seconds(86_400)), ("weekly", .seconds(7 * 86_400)), ("monthly", .months(1)),
        ("quarterly", .months(3)), ("yearly", .months(12)), ("annually", .months(12)),
    ]

    /// Parses `text`; `0s` (any zero) only when `allowingZero`.
    ///
    /// - Throws: `DurationSpecError`, for example for `3x`, `0d`, `d` or an overflowing number.
    public init(parsing text: String, allowingZero: Bool = false) throws(DurationSpecError) {
        var bytes = Array(text.utf8)
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        if bytes.first.map(isSpace) == true || bytes.last.map(isSpace) == true {
            bytes = Array(bytes.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
            self.text = String(decoding: bytes, as: UTF8.self)
        } else {
            self.text = text
        }
        // ASCII lowercase: units and words are ASCII, anything else is an error anyway.
        for index in bytes.indices where bytes[index] >= UInt8(ascii: "A") && bytes[index] <= UInt8(ascii: "Z") {
            bytes[index] |= 0x20
        }
        if bytes.count > 3, let last = bytes.last, last > UInt8(ascii: "9") {
            if let word = DurationSpec.words.first(where: { $0.word.utf8.elementsEqual(bytes) }) {
                length = word.length
                return
            }
        }
        guard bytes.count >= 2, let unit = bytes.last else { throw DurationSpecError(text: text, reason: nil) }
        var amount: Int64 = 0
        for byte in bytes.dropLast() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw DurationSpecError(text: text, reason: nil) }
            let (times, overflow1) = amount.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2, sum <= 1_000_000_000 else {
                throw DurationSpecError(text: text, reason: "the number is too large")
            }
            amount = sum
        }
        guard amount > 0 || allowingZero else {
            throw DurationSpecError(text: text, reason: "a duration must be greater than zero")
        }
        switch unit {
        case UInt8(ascii: "s"): length = .seconds(amount)
        case UInt8(ascii: "m"): length = .seconds(amount * 60)
        case UInt8(ascii: "h"): length = .seconds(amount * 3600)
        case UInt8(ascii: "d"): length = .seconds(amount * 86_400)
        case UInt8(ascii: "w"): length = .seconds(amount * 7 * 86_400)
        case UInt8(ascii: "y"): length = .months(Int(amount) * 12)
        default: throw DurationSpecError(text: text, reason: nil)
        }
    }

    /// A duration of `seconds`, written as the largest whole unit (`86400` → `1d`, `90` → `90s`).
    public init(seconds: Int64) {
        length = .seconds(seconds)
        text =
            if seconds == 0 { "0s" }
            else if seconds % (7 * 86_400) == 0 { "\(seconds / (7 * 86_400))w" }
            else if seconds % 86_400 == 0 { "\(seconds / 86_400)d" }
            else if seconds % 3600 == 0 { "\(seconds / 3600)h" }
            else if seconds % 60 == 0 { "\(seconds / 60)m" }
            else { "\(seconds)s" }
    }

    /// The instant `self` after `date`; months are added to the UTC calendar day, keeping the
    /// time of day and clamping to the end of shorter months.
    public func added(to date: Date) -> Date {
        switch length {
        case .seconds(let seconds):
            return date.addingTimeInterval(TimeInterval(seconds))
        case .months(let months):
            let day = ISODate.civilDay(of: date)
            let timeOfDay = date.timeIntervalSince(ISODate.date(day))
            return ISODate.date(day.adding(months: months)).addingTimeInterval(timeOfDay)
        }
    }

    /// An approximate length in seconds for sorting and display (a month is 30.436875 days).
    public var nominalSeconds: Int64 {
        switch length {
        case .seconds(let seconds): seconds
        case .months(let months): Int64(months) * 2_629_746
        }
    }

    /// The text as written.
    public var description: String { text }

    public static func == (lhs: DurationSpec, rhs: DurationSpec) -> Bool { lhs.length == rhs.length }

    public func hash(into hasher: inout Hasher) { hasher.combine(length) }
}

/// Why a duration did not parse.
public struct DurationSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// A specific reason, or nil for a text of the wrong shape.
    public var reason: String?

    /// `invalid duration "3x": expected a number followed by s, m, h, d, w or y, or one of daily, …`
    /// (a text that could be a secret pasted in the wrong field is quoted as an excerpt).
    public var description: String {
        let expected =
            "expected a number followed by s, m, h, d, w or y, or one of daily, weekly, monthly, quarterly, yearly"
        return "invalid duration \(Redaction.name(text)): \(reason ?? expected)"
    }
}
