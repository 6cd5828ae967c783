import Testing

@testable import HoundRegex

/// Syntax outside RE2, and malformed patterns, fail with a clear message and byte offset.
struct Rejection: Sendable, CustomTestStringConvertible {
    let pattern: String
    let message: String
    let offset: Int
    var testDescription: String { pattern }
    init(_ pattern: String, _ message: String, _ offset: Int) {
        self.pattern = pattern
        self.message = message
        self.offset = offset
    }
}

let rejections: [Rejection] = [
    .init("(?=a)", "lookahead (?=...) is not supported: keyhound's regex engine is linear-time (RE2 syntax)", 0),
    .init(
        "a(?!b)", "negative lookahead (?!...) is not supported: keyhound's regex engine is linear-time (RE2 syntax)", 1),
    .init("(?<=a)b", "lookbehind (?<=...) is not supported", 0),
    .init("(?<!a)b", "negative lookbehind (?<!...) is not supported", 0),
    .init("(?>a)", "atomic group (?>...) is not supported", 0),
    .init(#"(a)\1"#, #"backreference \1 is not supported"#, 3),
    .init(#"(?P<n>a)\k<n>"#, "backreference", 8),
    .init("(?P<n>a)(?P=n)", "backreference (?P=name) is not supported", 8),
    .init("a++", "possessive quantifier ++ is not supported", 1),
    .init("a*+", "possessive quantifier *+ is not supported", 1),
    .init("a{2}+", "possessive quantifier {2}+ is not supported", 1),
    .init("a{1001}", "invalid repeat count {1001}: at most 1000 repetitions", 1),
    .init("a{2,1}", "invalid repeat count {2,1}: maximum is below minimum", 1),
    .init("a**", "invalid nested repetition operator **", 1),
    .init("a{2}{3}", "invalid nested repetition operator", 1),
    .init("*a", "missing argument to repetition operator *", 0),
    .init("a|?", "missing argument to repetition operator ?", 2),
    .init("(a", "missing closing ) for the group opened here", 0),
    .init("a)", "unexpected ): no group is open", 1),
    .init("[a", "missing closing ] for the class opened here", 0),
    .init("[z-a]", "invalid character class range z-a: end before start", 1),
    .init(#"[a-\d]"#, "invalid character class range", 1),
    .init(#"\p{Foo}"#, #"unknown or unsupported Unicode class \p{Foo}; supported:"#, 0),
    .init("(?x)a", "flag x is not supported: RE2 syntax has only i, m, s and U", 2),
    .init("(?i", "missing closing ) for the flag group", 0),
    .init("(?)", "empty flag group (?)", 0),
    .init(#"a\Z"#, #"\Z is not supported (RE2 syntax): use \z or $"#, 1),
    .init(#"\y"#, #"invalid escape sequence \y"#, 0),
    .init(#"\C"#, #"\C (any byte) is not supported"#, 0),
    .init(#"\x{110000}"#, #"invalid escape sequence \x{110000}: beyond U+10FFFF"#, 0),
    .init(#"\xZZ"#, #"invalid escape sequence: \x needs two hex digits"#, 0),
    .init("a\\", "trailing backslash at end of pattern", 1),
    .init("(?P<n>a)(?P<n>b)", "duplicate group name n", 8),
    .init("(?P<>a)", "empty group name", 0),
    .init("(?P<a-b>x)", "invalid character in group name", 5),
    .init("(?#comment)", "comments (?#...) are not supported", 0),
    .init(
        "((a{100}){100}){100}", "regex too large after expanding repetitions (1,020,200 instructions; limit 5,000)", 0),
    .init(#"(?:\pL{1000}){1000}"#, "regex too large after expanding repetitions (1,000,000 instructions", 0),
    .init(
        #"\pL{1000}"#,
        "regex too large after expanding repetitions and UTF-8 sequences (more than 300,000 byte-level instructions)", 0
    ),
    .init("[[:foo:]]", "invalid character class range: unknown POSIX class [:foo:]", 1),
]

@Suite struct RejectionTests {
    @Test(arguments: rejections) func rejected(_ row: Rejection) {
        do {
            _ = try CompiledRegex(row.pattern)
            Issue.record("\(row.pattern) compiled but should have been rejected")
        } catch {
            #expect(error.message.hasPrefix(row.message), "got: \(error.message)")
            #expect(error.offset == row.offset, "got offset \(error.offset) for \(error.message)")
        }
    }

    @Test func deepNestingIsRejectedNotACrash() {
        let pattern = String(repeating: "(", count: 1500) + "a" + String(repeating: ")", count: 1500)
        #expect(throws: RegexSyntaxError.self) { try CompiledRegex(pattern) }
    }

    /// The size limit counts a class once (the Pike VM holds one thread per copy of it), and a
    /// pattern at the limit compiles: `(?:[a-z0-9]{1,50}){1,50}@` is 50 × (50 + 49) + 49 + 1.
    @Test func sizeLimitCountsExpandedRepetitions() throws {
        #expect(try CompiledRegex("(?:[a-z0-9]{1,50}){1,50}@").expandedSize == 5_000)
        #expect(try CompiledRegex(#"[\s\S]{0,1000}@"#).expandedSize == 2_001)
        #expect(try CompiledRegex("a{2,}b*(c|d)?").expandedSize == 2 + 1 + 1 + 1 + 3 + 1 + 2)
        do {
            _ = try CompiledRegex("(?:[a-z0-9]{1,50}){1,50}@@")
            Issue.record("one instruction over the limit compiled")
        } catch {
            #expect(error.kind == .tooLarge)
            #expect(
                error.description == "regex too large after expanding repetitions (5,001 instructions; limit 5,000)")
        }
        #expect(try CompiledRegex("(?:[a-z0-9]{1,50}){1,50}@@", sizeLimit: 5_001).expandedSize == 5_001)
    }

    @Test func descriptionNamesTheOffset() {
        let error = RegexSyntaxError(message: "bad", offset: 3)
        #expect(error.description == "bad (at byte 3)")
    }
}
