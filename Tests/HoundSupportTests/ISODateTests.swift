import Foundation
import HoundSupport
import Testing

@Suite struct ISODateTests {
    @Test(arguments: [
        ("2026-10-01", 1_790_812_800.0),
        ("2026-10-01T00:00:00Z", 1_790_812_800),
        ("2026-10-01t00:00:00z", 1_790_812_800),
        ("2026-10-01 00:00:00Z", 1_790_812_800),
        ("2026-10-01T02:00:00+02:00", 1_790_812_800),
        ("2026-09-30T19:00:00-0500", 1_790_812_800),
        ("2026-10-01T00:00", 1_790_812_800),
        ("2026-10-01T00:00:00.250Z", 1_790_812_800.25),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2024-02-29", 1_709_164_800),
    ])
    func parses(_ text: String, _ seconds: Double) throws {
        #expect(try ISODate.parse(text).timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        ("2026-13-01", "month 13 out of range 1...12"),
        ("2026-02-29", "day 29 does not exist in 2026-02"),
        ("2026-1-01", "expected a 2-digit month"),
        ("2026/10/01", "expected \"-\" at character 5"),
        ("2026-10-01T24:00:00Z", "hour 24 out of range 0...23"),
        ("2026-10-01T10:61:00Z", "minute 61 out of range 0...59"),
        ("2026-10-01T10:00:00+2", "expected a 2-digit offset hour"),
        ("2026-10-01T10:00:00 UTC", "unexpected \" UTC\" where an offset (Z or +HH:MM) belongs"),
        ("2026-10-01x", "unexpected \"x\" after the date"),
        ("2026-10-01T10:00:00.Z", "expected digits after the decimal point"),
        ("", "expected a 4-digit year"),
    ])
    func rejects(_ text: String, _ reason: String) {
        let error = #expect(throws: ISODateError.self) { try ISODate.parse(text) }
        #expect(error?.reason == reason)
    }

    @Test func errorNamesTheTextAndTheExpectedForm() {
        let error = ISODateError(text: "tomorrow", reason: "expected a 4-digit year")
        #expect(
            error.description
                == "invalid date \"tomorrow\": expected a 4-digit year (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, optionally with an offset such as +02:00)"
        )
    }

    @Test func formatsInUTC() {
        #expect(ISODate.format(Date(timeIntervalSince1970: 1_790_812_800.9)) == "2026-10-01T00:00:00Z")
        #expect(ISODate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(ISODate.formatDay(Date(timeIntervalSince1970: 1_790_899_199)) == "2026-10-01")
    }

    @Test func civilDatesRoundTripOverFourCenturies() {
        var day = -146_097
        while day <= 146_097 {
            let civil = CivilDate(daysSinceEpoch: day)
            #expect(civil.daysSinceEpoch == day)
            day += 97
        }
        #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
    }
}
