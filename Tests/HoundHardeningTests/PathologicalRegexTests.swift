import Foundation
import HoundRegex
import Testing

@testable import HoundCLI

/// User rules written (on purpose or not) to blow up backtracking engines: nested quantifiers,
/// overlapping alternations, patterns whose DFA has exponentially many states. Through the
/// real command line, on 100 KB inputs, each must finish in time linear in the input.
@Suite(.timeLimit(.minutes(1)))
struct PathologicalRegexTests {
    /// Pattern, keyword (none: the rule runs on every fragment), and the text it chokes on.
    static let cases: [(name: String, regex: String, keywords: [String], text: String)] = [
        ("nested plus", "(a+)+$", [], String(repeating: "a", count: 100_000) + "!"),
        ("overlapping alternation", "(a|aa)+$", [], String(repeating: "a", count: 100_000) + "!"),
        ("nested with keyword", "x(x+x+)+y", ["x"], String(repeating: "x", count: 100_000)),
        ("star of star", "(.*a){12}b", [], String(repeating: "a", count: 100_000)),
        ("exponential DFA", "[ab]*a[ab]{20}c", [], randomAB(100_000)),
        ("counted repetition", "(?:[a-z0-9]{1,10}){1,10}@", [], String(repeating: "a1", count: 50_000)),
        (
            "generic assignment", #"(?i)(?:key|token|secret)\s*[:=]\s*['"]?([\w\-.]{8,})"#, ["key"],
            String(repeating: "key = key = ", count: 8_000)
        ),
    ]

    static func randomAB(_ count: Int) -> String {
        var state: UInt32 = 7
        return String(
            (0..<count).map { _ -> Character in
                state = state &* 1_664_525 &+ 1_013_904_223
                return state >> 31 == 0 ? "a" : "b"
            })
    }

    @Test(arguments: 0..<cases.count)
    func userRuleStaysLinear(_ index: Int) throws {
        let (name, regex, keywords, text) = Self.cases[index]
        let scratch = try Scratch()
        let keywordList = keywords.map { "\"\($0)\"" }.joined(separator: ", ")
        try scratch.write(
            "rules.toml",
            """
            [[rules]]
            id = "user-pathological"
            description = "\(name)"
            regex = '''\(regex)'''
            keywords = [\(keywordList)]

            """)
        try scratch.write("input.txt", text)
        let started = monotonicSeconds()
        let run = keyhound(
            ["scan", "input.txt", "--config", "rules.toml", "--no-progress", "--max-file-size", "1MB"], in: scratch.path
        )
        let seconds = monotonicSeconds() - started
        print("pathological regex \(name) over \(text.utf8.count) bytes: \(String(format: "%.2f", seconds)) s")
        #expect([.clean, .findings].contains(run.status), "\(name): \(run.all.prefix(300))")
        #expect(seconds < 20, "\(name) took \(seconds) s")
    }

    /// Linear in the input, but the constant is the program's size: a nested counted repetition
    /// of 20,000 automaton states defeats the lazy DFA (too many states), and the Pike VM then
    /// costs states × bytes. Measured: 384 s for 100 KB in a debug build. Known, not fixed
    /// here (see docs/hardening.md); run with KEYHOUND_HARDENING_HEAVY=1.
    @Test(
        .enabled(if: heavyVariants, "KEYHOUND_HARDENING_HEAVY=1 runs the 20,000-state pattern"),
        .timeLimit(.minutes(10)))
    func hugeCountedRepetitionIsSlowKnownIssue() throws {
        let regex = try CompiledRegex("(?:[a-z0-9]{1,100}){1,100}@")
        let text = Array(String(repeating: "a1", count: 50_000).utf8)
        let started = monotonicSeconds()
        #expect(regex.firstMatch(in: text) == nil)
        let seconds = monotonicSeconds() - started
        print("(?:[a-z0-9]{1,100}){1,100}@ over 100 KB: \(String(format: "%.1f", seconds)) s")
        withKnownIssue("program size × input: the Pike VM fallback is linear, with a 20,000-state constant") {
            #expect(seconds < 20)
        }
    }

    @Test func engineTimeGrowsLinearlyWithTheInput() throws {
        // (a+)+$ against a's and a final '!': a backtracker doubles its work per 'a'.
        let regex = try CompiledRegex("(a+)+$")
        func time(_ count: Int) -> Double {
            let text = Array(repeating: UInt8(ascii: "a"), count: count) + [UInt8(ascii: "!")]
            let started = monotonicSeconds()
            #expect(regex.firstMatch(in: text) == nil)
            #expect(!regex.isMatch(in: text))
            return monotonicSeconds() - started
        }
        _ = time(1_000)
        let small = time(100_000)
        let large = time(400_000)
        print("(a+)+$: 100 KB \(String(format: "%.3f", small)) s, 400 KB \(String(format: "%.3f", large)) s")
        #expect(large < 20 * max(small, 0.01), "4× the input took \(large / max(small, 0.001))× the time")
    }
}
