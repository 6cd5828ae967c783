import Testing
@testable import HoundRegex

@Suite struct SmokeTests {
    @Test func basics() throws {
        #expect(firstMatchNotation("a+", "baaac") == "1-4")
        #expect(firstMatchNotation("(a)(b)?", "xa") == "1-2 1-2 -")
        #expect(firstMatchNotation("x*", "") == "0-0")
        #expect(firstMatchNotation("a|ab", "ab") == "0-1")
        #expect(firstMatchNotation("(a+)+b", "aaab") == "0-4 0-3")
    }
}
