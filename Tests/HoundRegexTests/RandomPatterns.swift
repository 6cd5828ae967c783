import HoundTestSupport

@testable import HoundRegex

/// Random patterns over a small alphabet, in two flavours: `portable` stays inside the part of
/// the syntax where Go, Python `re` (bytes mode) and a naive backtracker agree (no quantified
/// nullable bodies, no `{,n}`); `wide` adds everything the engine supports, for comparing the
/// engine's own DFA and Pike VM paths.
struct PatternGenerator {
    var random: SplitMix64
    let wide: Bool

    init(seed: UInt64, wide: Bool) {
        random = SplitMix64(seed: seed)
        self.wide = wide
    }

    mutating func pattern() -> String { alternation(depth: 0) }

    mutating func input(maxLength: Int = 8) -> [UInt8] {
        let alphabet: [UInt8] =
            wide ? Array("abc 1_\n-".utf8) + [0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFF] : Array("abc 1_-".utf8)
        let length = Int.random(in: 0...maxLength, using: &random)
        return (0..<length).map { _ in alphabet.randomElement(using: &random)! }
    }

    private mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }

    private mutating func alternation(depth: Int) -> String {
        let count = Int.random(in: 1...(depth < 2 ? 3 : 1), using: &random)
        return (0..<count).map { _ in concat(depth: depth) }.joined(separator: "|")
    }

    private mutating func concat(depth: Int) -> String {
        let count = Int.random(in: 1...3, using: &random)
        return (0..<count).map { _ in piece(depth: depth) }.joined()
    }

    private mutating func piece(depth: Int) -> String {
        let (atom, nullable, zeroWidth) = self.atom(depth: depth)
        guard !zeroWidth, wide || !nullable, Int.random(in: 0..<3, using: &random) == 0 else { return atom }
        var quantifiers = ["*", "+", "?", "{2}", "{1,2}", "{0,2}", "{2,}"]
        if wide { quantifiers += ["{0}", "{,2}", "{1,3}"] }
        let lazy = Int.random(in: 0..<3, using: &random) == 0 ? "?" : ""
        return atom + pick(quantifiers) + lazy
    }

    private mutating func atom(depth: Int) -> (String, nullable: Bool, zeroWidth: Bool) {
        var choices = ["lit", "lit", "lit", "dot", "class", "class", "perl", "anchor"]
        if depth < 2 { choices += ["group", "group", "nc"] }
        if wide { choices += ["unicode", "flag", "empty"] }
        switch pick(choices) {
        case "lit": return (pick(["a", "b", "c", "1", " ", "-"]), false, false)
        case "dot": return (".", false, false)
        case "class": return (pick(["[ab]", "[^a]", "[a-c]", "[^ b]", "[1a-b]", "[-a]"]), false, false)
        case "perl": return (pick([#"\d"#, #"\w"#, #"\s"#, #"\W"#, #"\D"#, #"\S"#]), false, false)
        case "anchor":
            let all =
                wide ? ["^", "$", #"\b"#, #"\B"#, #"\A"#, #"\z"#, "(?m:^)", "(?m:$)"] : ["^", "$", #"\b"#, #"\B"#]
            return (pick(all), true, true)
        case "unicode": return (pick([#"\pL"#, "[^é]", "é", "€", #"\x{FFFD}"#, "(?i)É", #"\PL"#]), false, false)
        case "flag": return (pick(["(?i:a)", "(?s:.)", "(?U:a+)", "(?i)b"]), false, false)
        case "empty": return ("()", true, false)
        default:
            let inner = alternation(depth: depth + 1)
            let nullable = (try? RegexParser.parseForTest(inner).isNullable) ?? true
            let opener = pick(["(", "(?:"])
            return (opener + inner + ")", nullable, false)
        }
    }
}

extension RegexParser {
    /// Parses a pattern (for test generators).
    static func parseForTest(_ pattern: String) throws(RegexSyntaxError) -> RegexNode {
        var parser = RegexParser(pattern)
        return try parser.parse()
    }
}
