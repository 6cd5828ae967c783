import Foundation
import HoundSupport
import Testing

@Suite struct DurationSpecTests {
    static let day: Int64 = 86_400

    @Test(arguments: [
        ("30d", DurationSpec.Length.seconds(30 * day)),
        ("12w", .seconds(84 * day)),
        ("24h", .seconds(day)),
        ("90m", .seconds(5400)),
        ("30s", .seconds(30)),
        ("1y", .months(12)),
        ("2y", .months(24)),
        ("daily", .seconds(day)),
        ("weekly", .seconds(7 * day)),
        ("monthly", .months(1)),
        ("quarterly", .months(3)),
        ("yearly", .months(12)),
        ("annually", .months(12)),
        ("Monthly", .months(1)),
        (" 7d ", .seconds(7 * day)),
    ])
    func parses(_ text: String, _ length: DurationSpec.Length) throws {
        #expect(try DurationSpec(parsing: text).length == length)
    }

    @Test(arguments: [
        ("3x", "invalid duration \"3x\": expected a number followed by s, m, h, d, w or y, or one of daily, weekly, monthly, quarterly, yearly"),
        ("d", "invalid duration \"d\": expected a number followed by s, m, h, d, w or y, or one of daily, weekly, monthly, quarterly, yearly"),
        ("", "invalid duration \"\": expected a number followed by s, m, h, d, w or y, or one of daily, weekly, monthly, quarterly, yearly"),
        ("-5d", "invalid duration \"-5d\": expected a number followed by s, m, h, d, w or y, or one of daily, weekly, monthly, quarterly, yearly"),
        ("1.5d", "invalid duration \"1.5d\": expected a number followed by s, m, h, d, w or y, or one of daily, weekly, monthly, quarterly, yearly"),
        ("0d", "invalid duration \"0d\": a duration must be greater than zero"),
        ("99999999999d", "invalid duration \"99999999999d\": the number is too large"),
    ])
    func rejects(_ text: String, _ message: String) {
        let error = #expect(throws: DurationSpecError.self) { try DurationSpec(parsing: text) }
        #expect(error?.description == message)
    }

    @Test func zeroOnlyWhereTheCallerAllowsIt() throws {
        #expect(throws: DurationSpecError.self) { try DurationSpec(parsing: "0s") }
        #expect(try DurationSpec(parsing: "0s", allowingZero: true).length == .seconds(0))
        #expect(try DurationSpec(parsing: "0h", allowingZero: true) == DurationSpec(seconds: 0))
    }

    @Test(arguments: [
        ("30d", "2026-01-31T12:00:00Z", "2026-03-02T12:00:00Z"),
        ("monthly", "2026-01-31T12:00:00Z", "2026-02-28T12:00:00Z"),
        ("monthly", "2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("quarterly", "2026-11-30T08:30:00Z", "2027-02-28T08:30:00Z"),
        ("1y", "2028-02-29T00:00:00Z", "2029-02-28T00:00:00Z"),
        ("24h", "2026-12-31T23:00:00Z", "2027-01-01T23:00:00Z"),
    ])
    func addsToDates(_ spec: String, _ start: String, _ end: String) throws {
        let result = try DurationSpec(parsing: spec).added(to: ISODate.parse(start))
        #expect(ISODate.format(result) == end)
    }

    @Test func keepsTheTextAsWritten() throws {
        #expect(try DurationSpec(parsing: "quarterly").description == "quarterly")
        #expect(DurationSpec(seconds: 14 * DurationSpecTests.day).description == "2w")
        #expect(DurationSpec(seconds: 3 * DurationSpecTests.day).description == "3d")
        #expect(DurationSpec(seconds: 7200).description == "2h")
        #expect(DurationSpec(seconds: 90).description == "90s")
        #expect(DurationSpec(seconds: 0).description == "0s")
        #expect(try DurationSpec(parsing: "7d") == DurationSpec(parsing: "1w"))
    }
}
