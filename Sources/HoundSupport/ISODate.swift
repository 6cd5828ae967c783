#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// ISO 8601 / RFC 3339 dates and date-times, parsed and formatted without `DateFormatter`.
///
/// Accepted: `2026-10-01` (midnight UTC), `2026-10-01T00:00:00Z`, `2026-10-01T02:00:00+02:00`,
/// `2026-10-01 00:00:00.5z` (TOML's space separator and lowercase letters), and `HH:MM` without
/// seconds. A date-time without an offset is read as UTC, so a result never depends on the
/// machine's time zone. Formatting always writes UTC with `Z`.
public enum ISODate {
    /// The instant `text` names.
    ///
    /// - Throws: `ISODateError` saying what is wrong, for example `month 13 out of range 1...12`.
    public static func parse(_ text: String) throws(ISODateError) -> Date {
        var reader = Reader(bytes: Array(text.utf8), text: text)
        return try reader.parse()
    }

    /// `2026-10-01T00:00:00Z`: UTC, whole seconds (a fraction is dropped).
    public static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let seconds = total - days * 86_400
        return CivilDate(daysSinceEpoch: days).description
            + "T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))Z"
    }

    /// `2026-10-01`: the UTC calendar day of `date`.
    public static func formatDay(_ date: Date) -> String {
        civilDay(of: date).description
    }

    /// The UTC calendar day `date` falls on.
    public static func civilDay(of date: Date) -> CivilDate {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        return CivilDate(daysSinceEpoch: total >= 0 ? total / 86_400 : (total - 86_399) / 86_400)
    }

    /// Midnight UTC at the start of `day`.
    public static func date(_ day: CivilDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch) * 86_400)
    }
}

/// Why a date did not parse.
public struct ISODateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What is wrong with it.
    public var reason: String

    /// An error from its parts.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    /// `invalid date "2026-13-01": month 13 out of range 1...12 (expected YYYY-MM-DD or …)`.
    public var description: String {
        "invalid date \"\(text)\": \(reason) (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, optionally with an offset such as +02:00)"
    }
}

extension ISODate {
    /// A cursor over the bytes of one date text.
    fileprivate struct Reader {
        let bytes: [UInt8]
        let text: String
        var index = 0

        mutating func parse() throws(ISODateError) -> Date {
            let year = try number(digits: 4, "year")
            try expect(UInt8(ascii: "-"))
            let month = try number(digits: 2, "month")
            guard (1...12).contains(month) else { throw fail("month \(month) out of range 1...12") }
            try expect(UInt8(ascii: "-"))
            let dayNumber = try number(digits: 2, "day")
            guard let day = CivilDate(year: year, month: month, day: dayNumber) else {
                throw fail("day \(dayNumber) does not exist in \(pad(year, 4))-\(pad(month, 2))")
            }
            var seconds = Double(day.daysSinceEpoch) * 86_400
            guard index < bytes.count else { return Date(timeIntervalSince1970: seconds) }
            guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[index]) else {
                throw fail("unexpected \"\(rest)\" after the date")
            }
            index += 1
            seconds += try timeOfDay()
            seconds -= try offset()
            guard index == bytes.count else { throw fail("unexpected \"\(rest)\" at the end") }
            return Date(timeIntervalSince1970: seconds)
        }

        /// `HH:MM[:SS[.fraction]]` in seconds since midnight.
        mutating func timeOfDay() throws(ISODateError) -> Double {
            let hour = try number(digits: 2, "hour")
            guard hour < 24 else { throw fail("hour \(hour) out of range 0...23") }
            try expect(UInt8(ascii: ":"))
            let minute = try number(digits: 2, "minute")
            guard minute < 60 else { throw fail("minute \(minute) out of range 0...59") }
            var second = 0.0
            if peek == UInt8(ascii: ":") {
                index += 1
                let whole = try number(digits: 2, "second")
                guard whole <= 60 else { throw fail("second \(whole) out of range 0...60") }
                second = Double(whole)
                if peek == UInt8(ascii: ".") {
                    index += 1
                    var scale = 0.1
                    let start = index
                    while let digit = peekDigit {
                        second += Double(digit) * scale
                        scale /= 10
                        index += 1
                    }
                    guard index > start else { throw fail("expected digits after the decimal point") }
                }
            }
            return Double(hour * 3600 + minute * 60) + second
        }

        /// `Z`, `+HH:MM`, `-HHMM` or nothing (UTC), in seconds east of UTC.
        mutating func offset() throws(ISODateError) -> Double {
            guard let sign = peek else { return 0 }
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                index += 1
                return 0
            }
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
                throw fail("unexpected \"\(rest)\" where an offset (Z or +HH:MM) belongs")
            }
            index += 1
            let hours = try number(digits: 2, "offset hour")
            if peek == UInt8(ascii: ":") { index += 1 }
            let minutes = try number(digits: 2, "offset minute")
            guard hours < 24, minutes < 60 else { throw fail("offset out of range") }
            let magnitude = Double(hours * 3600 + minutes * 60)
            return sign == UInt8(ascii: "-") ? -magnitude : magnitude
        }

        mutating func number(digits: Int, _ what: String) throws(ISODateError) -> Int {
            var value = 0
            for _ in 0..<digits {
                guard let digit = peekDigit else { throw fail("expected a \(digits)-digit \(what)") }
                value = value * 10 + digit
                index += 1
            }
            return value
        }

        mutating func expect(_ byte: UInt8) throws(ISODateError) {
            guard peek == byte else {
                throw fail("expected \"\(Character(Unicode.Scalar(byte)))\" at character \(index + 1)")
            }
            index += 1
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        var peekDigit: Int? {
            guard let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            return Int(byte - UInt8(ascii: "0"))
        }

        var rest: String { String(decoding: bytes[index...], as: UTF8.self) }

        func fail(_ reason: String) -> ISODateError { ISODateError(text: text, reason: reason) }
    }
}
