import Testing

@testable import HoundRegex

/// Pattern / input / expected `FindSubmatchIndex`-style spans (byte offsets; `-` = group unset;
/// `nil` = no match), as Go's `regexp` answers them.
struct MatchCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let input: String
    let expected: String
    var testDescription: String { "\(pattern) on \(input.debugDescription)" }
    init(_ pattern: String, _ input: String, _ expected: String) {
        self.pattern = pattern
        self.input = input
        self.expected = expected
    }
}

let literalCases: [MatchCase] = [
    .init("abc", "xabcx", "1-4"),
    .init("abc", "ab", "nil"),
    .init("", "abc", "0-0"),
    .init("a", "", "nil"),
    .init("a.c", "abc", "0-3"),
    .init("a.c", "a\nc", "nil"),
    .init("(?s)a.c", "a\nc", "0-3"),
    .init("a.c", "aéc", "0-4"),
    .init("^.$", "é", "0-2"),
    .init("^..$", "é", "nil"),
    .init("^...$", "日本語", "0-9"),
    .init("日本", "x日本語", "1-7"),
    .init(#"\."#, "a.b", "1-2"),
    .init(#"a\.b"#, "axb a.b", "4-7"),
    .init(#"\$"#, "a$", "1-2"),
    .init(#"\\"#, #"a\b"#, "1-2"),
    .init(#"\x41"#, "zA", "1-2"),
    .init(#"\x{263a}"#, "x☺", "1-4"),
    .init(#"\101"#, "A", "0-1"),
    .init(#"\0"#, "a\u{0}", "1-2"),
    .init(#"\t\n"#, "a\t\nb", "1-3"),
    .init(#"\a\f\v\r"#, "\u{7}\u{C}\u{B}\r", "0-4"),
    .init(#"\Q.*+\E"#, "a.*+b", "1-4"),
    .init(#"\Qab\E+"#, "abbb", "0-4"),
    .init(#"\Qa.b"#, "xa.b", "1-4"),
    .init("a{,3}", "a{,3}", "0-5"),
    .init("a{", "a{", "0-2"),
    .init("a{1", "a{1", "0-3"),
    .init("{", "x{", "1-2"),
]

let repetitionCases: [MatchCase] = [
    .init("a*", "aaa", "0-3"),
    .init("a*", "baaa", "0-0"),
    .init("a+", "baaa", "1-4"),
    .init("a?", "a", "0-1"),
    .init("a*?", "aaa", "0-0"),
    .init("a+?", "aaa", "0-1"),
    .init("a??", "a", "0-0"),
    .init("a{2}", "aaaa", "0-2"),
    .init("a{2,}", "aaaa", "0-4"),
    .init("a{2,3}", "aaaa", "0-3"),
    .init("a{2,3}?", "aaaa", "0-2"),
    .init("a{0}", "aaa", "0-0"),
    .init("a{0,2}b", "aaab", "1-4"),
    .init("x{2}y", "xxy", "0-3"),
    .init("x{2}y", "xy", "nil"),
    .init("(?U)a+", "aaa", "0-1"),
    .init("(?U)a+?", "aaa", "0-3"),
    .init("(?U:a+)a", "aaa", "0-2"),
    .init("(ab){2,3}", "abababab", "0-6 4-6"),
    .init("(a|b)*", "abab", "0-4 3-4"),
    .init(".*?x", "abxcx", "0-3"),
    .init(".*x", "abxcx", "0-5"),
    .init("(a+)(a*)", "aaa", "0-3 0-3 3-3"),
    .init("(a+?)(a*)", "aaa", "0-3 0-1 1-3"),
    .init("(a*)(a+)", "aaa", "0-3 0-2 2-3"),
    .init(#"(.*)(\d+)"#, "ab123", "0-5 0-4 4-5"),
    .init(#"(.*?)(\d+)"#, "ab123", "0-5 0-2 2-5"),
    .init("(a+)+b", "aaab", "0-4 0-3"),
    .init("(a*)*", "b", "0-0 0-0"),
    .init("(a*)+", "b", "0-0 0-0"),
    .init("(|a)*", "aa", "0-0 0-0"),
    .init("(|a)+", "aa", "0-0 0-0"),
    .init("(a|)+", "aa", "0-2 1-2"),
    .init("(a*|b)*", "ab", "0-2 1-2"),
    .init("(a?)?", "", "0-0 0-0"),
    .init("(a){0}b", "ab", "1-2 -"),
    .init("a{1000}", String(repeating: "a", count: 1000), "0-1000"),
]

let alternationCases: [MatchCase] = [
    .init("a|ab", "ab", "0-1"),
    .init("ab|a", "ab", "0-2"),
    .init("(a|ab)(c|bcd)", "abcd", "0-4 0-1 1-4"),
    .init("x|", "y", "0-0"),
    .init("|x", "x", "0-0"),
    .init("a*b|c", "xaac", "3-4"),
    .init("ab|cd", "xcdab", "1-3"),
    .init("a(b|c)*d", "abcbd", "0-5 3-4"),
    .init("(a)|b", "b", "0-1 -"),
    .init("(a)|(b)", "b", "0-1 - 0-1"),
    .init("x(a)?y", "xy", "0-2 -"),
    .init("((a)|b)+", "ab", "0-2 1-2 0-1"),
    .init("(a(b)?)+", "aba", "0-3 2-3 1-2"),
    .init("(?:a(b))+", "abab", "0-4 3-4"),
    .init("(a)(b)(c)", "abc", "0-3 0-1 1-2 2-3"),
    .init("(?P<x>a)(?<y>b)", "ab", "0-2 0-1 1-2"),
    .init("(?:(a)|(b)|(c))+", "abc", "0-3 0-1 1-2 2-3"),
    .init("^a|b", "cb", "1-2"),
    .init("foo|foobar|bar", "xfoobar", "1-4"),
    .init("(foo|foobar)$", "foobar", "0-6 0-6"),
]

let classCases: [MatchCase] = [
    .init("[abc]+", "xxbcay", "2-5"),
    .init("[^abc]+", "abxyzc", "2-5"),
    .init("[a-c]+", "dabce", "1-4"),
    .init("[^a]", "\n", "0-1"),
    .init("[]a]+", "]a]", "0-3"),
    .init("[^]a]", "]ab", "2-3"),
    .init("[a-]+", "-a-", "0-3"),
    .init("[-a]+", "a-", "0-2"),
    .init("[a-b-d]+", "a-db", "0-4"),
    .init(#"[\d]+"#, "ab123", "2-5"),
    .init(#"[\w.-]+"#, " a.b-c_d! ", "1-8"),
    .init("[[:alpha:]]+", "12abC3", "2-5"),
    .init("[[:^alpha:]]+", "ab12c", "2-4"),
    .init("[[:digit:][:upper:]]+", "abC1D2e", "2-6"),
    .init("[[:space:]]+", "a \u{B}b", "1-3"),
    .init("[[:xdigit:]]+", "xyzBEEFg", "3-7"),
    .init("[[:punct:]]+", "ab!?c", "2-4"),
    .init("[[:word:]]+", "--a_1--", "2-5"),
    .init(#"[\x41-\x43]+"#, "xABCD", "1-4"),
    .init(#"[\n]"#, "a\nb", "1-2"),
    .init(#"[^\n]+"#, "ab\ncd", "0-2"),
    .init(#"[\]]"#, "a]", "1-2"),
    .init(#"[\^x]+"#, "a^x", "1-3"),
    .init("[é]", "aé", "1-3"),
    .init("[^é]", "é1", "2-3"),
    .init("[α-ω]+", "abγδε", "2-8"),
    .init("[^a-z]+", "abc日本def", "3-9"),
    .init(#"[\x{0}-\x{10FFFF}]"#, "é", "0-2"),
    .init(#"[^\x{0}-\x{10FFFF}]"#, "abc", "nil"),
    .init(#"\d+"#, "ab42c", "2-4"),
    .init(#"\D+"#, "42ab3", "2-4"),
    .init(#"\s+"#, "a \t\n\r\u{C}b", "1-6"),
    .init(#"\s"#, "\u{B}", "nil"),
    .init(#"\S+"#, "  ab  ", "2-4"),
    .init(#"\w+"#, "--a_1--", "2-5"),
    .init(#"\W+"#, "ab--cd", "2-4"),
    .init(#"\w+"#, "héllo", "0-1"),
    .init(#"[^\d\s]+"#, "12 ab 3", "3-5"),
    .init(#"[\D]"#, "1a", "1-2"),
    .init(#"\pL+"#, "12héllo3", "2-8"),
    .init(#"\p{Lu}+"#, "abCDé", "2-4"),
    .init(#"\p{Ll}+"#, "ABcdÉ", "2-4"),
    .init(#"\p{Greek}+"#, "abαβγ", "2-8"),
    .init(#"\P{L}+"#, "ab12cd", "2-4"),
    .init(#"\p{^L}+"#, "ab12cd", "2-4"),
    .init(#"\p{Cyrillic}+"#, "xПривет", "1-13"),
    .init(#"\p{Han}+"#, "x日本語y", "1-10"),
    .init(#"\p{Latin}+"#, "12abé", "2-6"),
    .init(#"\pN+"#, "ab٣4", "2-5"),
    .init(#"\p{Nd}"#, "x٣", "1-3"),
    .init(#"\pP+"#, "ab!?c", "2-4"),
    .init(#"\pS"#, "a+b", "1-2"),
    .init(#"\pZ"#, "a b", "1-2"),
    .init(#"[\p{Lu}\d]+"#, "aB1c", "1-3"),
    .init(#"\p{Any}+"#, "a\nb", "0-3"),
]

let caseFoldingCases: [MatchCase] = [
    .init("(?i)abc", "xAbC", "1-4"),
    .init("(?i)[a-c]+", "xAbCd", "1-4"),
    .init("(?i)k", "\u{212A}", "0-3"),
    .init("(?i)K", "k", "0-1"),
    .init("(?i)s", "ſ", "0-2"),
    .init("(?i)σ", "Σς", "0-2"),
    .init("(?i)ς", "Σ", "0-2"),
    .init("(?i)é", "É", "0-2"),
    .init("(?i)ÿ", "Ÿ", "0-2"),
    .init("(?i)straße", "STRASSE", "nil"),
    .init("(?i)ß", "ẞ", "0-3"),
    .init("(?i)д", "Д", "0-2"),
    .init("(?i)θ", "ϑ", "0-2"),
    .init("a(?i)b", "aB", "0-2"),
    .init("a(?i)b", "AB", "nil"),
    .init("(?i:a)b", "Ab", "0-2"),
    .init("(?i:a)b", "AB", "nil"),
    .init("(?i)a(?-i)b", "Ab", "0-2"),
    .init("(?i)a(?-i)b", "AB", "nil"),
    .init("(?:(?i)a)b", "AB", "nil"),
    .init("(?:a(?i)b|c)", "C", "0-1"),
    .init("(?i)[^k]", "K", "nil"),
    .init("(?i)[^k]", "\u{212A}", "nil"),
    .init(#"(?i)\W"#, "\u{212A}", "nil"),
    .init(#"(?i)\w"#, "\u{17F}", "0-2"),
    .init("(?i)i", "ı", "nil"),
    .init("(?i)[[:upper:]]+", "abC", "0-3"),
    .init("(?i)[k-m]+", "\u{212A}L", "0-4"),
    .init("(?i)akia", "xA\u{212A}IA", "1-7"),
    .init("(?i)akia", "aakiakia", "1-5"),
    .init(#"(?i)\bxk"#, "axk xK", "4-6"),
]

let assertionCases: [MatchCase] = [
    .init("^abc", "abc", "0-3"),
    .init("^abc", "xabc", "nil"),
    .init("abc$", "xabc", "1-4"),
    .init("abc$", "abc\n", "nil"),
    .init("(?m)^b", "a\nb", "2-3"),
    .init("(?m)a$", "a\nb", "0-1"),
    .init("(?m)^$", "a\n\nb", "2-2"),
    .init("(?m)^", "", "0-0"),
    .init("^", "", "0-0"),
    .init("$", "abc", "3-3"),
    .init(#"\Aa"#, "ba", "nil"),
    .init(#"a\z"#, "ab a", "3-4"),
    .init(#"(?m)\Ab"#, "a\nb", "nil"),
    .init("x*$", "ab", "2-2"),
    .init("^$", "", "0-0"),
    .init("^$", "a", "nil"),
    .init(#"\bfoo\b"#, "a foo b", "2-5"),
    .init(#"\bfoo\b"#, "afoo", "nil"),
    .init(#"\Boo\B"#, "foot", "1-3"),
    .init(#"\b"#, "  ", "nil"),
    .init(#"\B"#, "  ", "0-0"),
    .init(#"\b"#, "ab", "0-0"),
    .init(#"\bé"#, "é", "nil"),
    .init(#"a\b"#, "aé", "0-1"),
    .init(#"\b\w+\b"#, "..ab_c..", "2-6"),
    .init(#"(?m)^\w+$"#, "a b\ncd\n", "4-6"),
    .init("^(?:a|b)$", "b", "0-1"),
]

@Suite struct MatchTableTests {
    @Test(arguments: literalCases) func literals(_ row: MatchCase) { check(row) }
    @Test(arguments: repetitionCases) func repetitions(_ row: MatchCase) { check(row) }
    @Test(arguments: alternationCases) func alternationsAndCaptures(_ row: MatchCase) { check(row) }
    @Test(arguments: classCases) func classes(_ row: MatchCase) { check(row) }
    @Test(arguments: caseFoldingCases) func caseFolding(_ row: MatchCase) { check(row) }
    @Test(arguments: assertionCases) func assertions(_ row: MatchCase) { check(row) }

    @Test func tableHasAtLeast150Rows() {
        let total =
            literalCases.count + repetitionCases.count + alternationCases.count + classCases.count
            + caseFoldingCases.count + assertionCases.count + GitleaksStyleTests.rowCount
        #expect(total >= 150)
    }

    /// Checks the Pike-VM-backed `firstMatch` and that `isMatch` agrees with it.
    private func check(_ row: MatchCase) {
        #expect(firstMatchNotation(row.pattern, row.input) == row.expected)
        if let regex = try? CompiledRegex(row.pattern) {
            #expect(regex.isMatch(in: row.input) == (row.expected != "nil"))
        }
    }
}
