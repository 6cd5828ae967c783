import Testing

@testable import HoundReport

@Suite struct TerminalTextTests {
    @Test func sizesUseDecimalUnits() {
        #expect(
            [0, 999, 1000, 1_234_567, 999_960, 5_000_000_000].map(TerminalText.size)
                == ["0 B", "999 B", "1.0 kB", "1.2 MB", "1.0 MB", "5.0 GB"])
    }

    @Test func secondsHaveTwoDecimals() {
        #expect(
            [0.03, 1.5, 0, 12.3456, -1, .nan].map(TerminalText.seconds) == [
                "0.03 s", "1.50 s", "0.00 s", "12.35 s", "0.00 s", "0.00 s",
            ])
    }

    @Test func countsArePluralUnlessOne() {
        #expect(TerminalText.count(1, "file") == "1 file")
        #expect(TerminalText.count(0, "finding") == "0 findings")
    }

    @Test func controlAndBidiCharactersAreShownNotRun() {
        #expect(TerminalText.scrubbed("a\u{1B}[2Jb\tc\u{202E}d\u{85}") == "a\\x1b[2Jb c\\u{202e}d\\x85")
        #expect(TerminalText.scrubbed("plain café") == "plain café")
    }
}
