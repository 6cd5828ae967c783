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

    /// A nested counted repetition expanding to 20,000 instructions (106 s per 100 KB in a
    /// release build before the limit) is refused, naming the file, the regex's position, the
    /// rule, its size and the limit: at scan time (exit 2, nothing scanned) and by `rules check`.
    @Test func blowUpPatternIsRefusedWithItsPosition() throws {
        let scratch = try Scratch()
        try scratch.mkdir(".git")
        try scratch.write(
            ".keyhound.toml",
            """
            # a team rule
            [[rules]]
            id = "my-rule"
            description = "emails, badly"
            regex = '''(?:[a-z0-9]{1,100}){1,100}@'''
            keywords = ["@"]

            """)
        try scratch.write("input.txt", String(repeating: "a1", count: 50_000) + "\n")
        let message =
            ".keyhound.toml:5:9: rule \"my-rule\": regex too large after expanding repetitions "
            + "(20,000 instructions; limit 5,000)"
        let scan = keyhound(["scan", "input.txt", "--no-progress"], in: scratch.path)
        #expect(scan.status == .incomplete, "\(scan.all)")
        #expect(scan.err.contains(message), "\(scan.err)")
        let check = keyhound(["rules", "check", ".keyhound.toml"], in: scratch.path)
        #expect(check.status == .incomplete, "\(check.all)")
        #expect(check.err.contains(message), "\(check.err)")
        #expect(throws: RegexSyntaxError.self) { try CompiledRegex("(?:[a-z0-9]{1,100}){1,100}@") }
    }

    /// Patterns under the limit but large still finish on 100 KB of the text that keeps most of
    /// their threads alive (no timing assertion: they must finish). `[\s\S]{0,1000}` is the
    /// shape of the largest built-in rule.
    @Test(arguments: [#"[\s\S]{0,1000}@"#, "(?:[a-z0-9]{1,25}){1,25}@"])
    func largeAllowedPatternFinishesOnAHundredKilobytes(_ regex: String) throws {
        try scanAHundredKilobytes(with: regex)
    }

    /// The worst pattern the limit allows (exactly 5,000 instructions: the lazy DFA thrashes and
    /// the Pike VM holds every thread): 9.5 s per 100 KB in a release build on a busy machine,
    /// far longer in a debug build, so a heavy variant.
    @Test(
        .enabled(if: heavyVariants, "KEYHOUND_HARDENING_HEAVY=1 runs the pattern at the size limit"),
        .timeLimit(.minutes(10)))
    func patternAtTheSizeLimitFinishesOnAHundredKilobytes() throws {
        try scanAHundredKilobytes(with: "(?:[a-z0-9]{1,50}){1,50}@")
    }

    func scanAHundredKilobytes(with regex: String) throws {
        #expect(try CompiledRegex(regex).expandedSize <= CompiledRegex.sizeLimit)
        let scratch = try Scratch()
        try scratch.write(
            "rules.toml", "[[rules]]\nid = \"large-allowed\"\ndescription = \"x\"\nregex = '''\(regex)'''\n")
        try scratch.write("input.txt", String(repeating: "a1", count: 50_000))
        let started = monotonicSeconds()
        let run = keyhound(
            ["scan", "input.txt", "--config", "rules.toml", "--no-progress", "--max-file-size", "1MB"], in: scratch.path
        )
        print("allowed regex \(regex) over 100 KB: \(String(format: "%.2f", monotonicSeconds() - started)) s")
        #expect(run.status == .clean, "\(run.all.prefix(300))")
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
