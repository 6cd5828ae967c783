import HoundModel
import HoundRules

/// Runs every rule's `examples` and `negative_examples` through the real scanner, as written,
/// followed by a newline, after a line of multi-byte text, and with CRLF line endings: each example must yield a
/// finding of its rule at a position that points at the secret, each negative example none.
public enum RuleSelfCheck {
    /// One failed expectation.
    public struct Failure: Sendable, CustomStringConvertible {
        /// The rule.
        public var ruleID: String
        /// Where the rule is defined.
        public var source: RuleSource
        /// What went wrong (never quotes the example's secret).
        public var message: String

        public var description: String { "\(source): rule \"\(ruleID)\": \(message)" }
    }

    /// The variants every example is checked in.
    static let variants: [(name: String, transform: @Sendable (String) -> String)] = [
        ("as written", { $0 }),
        ("as a line ending in LF", { $0 + "\n" }),
        ("after a multi-byte line", { "# héllo ✓ wörld 🔑\n" + $0 }),
        ("with CRLF line endings", { $0.replacingNewlines(with: "\r\n") + "\r\n" }),
    ]

    /// Where examples are scanned unless a rule says (`example_path`).
    static let defaultExamplePath = "example.txt"

    /// Checks `rules` by scanning with `scanWith` (normally the full rule set they belong to).
    /// Rules without examples fail when `requireExamples` is set.
    public static func check(_ rules: [Rule], scanWith ruleSet: RuleSet, requireExamples: Bool = true) throws(RuleError)
        -> [Failure]
    {
        check(rules, compiled: try CompiledRules(ruleSet, validateAll: true), requireExamples: requireExamples)
    }

    /// Checks `rules` by scanning with rules already compiled (compiling a large rule set costs
    /// more than checking one rule: callers checking rules one at a time share one).
    public static func check(_ rules: [Rule], compiled: CompiledRules, requireExamples: Bool = true) -> [Failure] {
        var scanner = Scanner(compiled)
        var failures: [Failure] = []
        for rule in rules {
            func fail(_ message: String) { failures.append(Failure(ruleID: rule.id, source: rule.source, message: message)) }
            if requireExamples && rule.examples.isEmpty { fail("has no examples") }
            if requireExamples && rule.negativeExamples.isEmpty { fail("has no negative_examples") }
            let path = rule.examplePath ?? Self.defaultExamplePath
            if rule.path != nil, !rule.regex.isEmpty, !rule.examples.isEmpty {
                if compiled.pathFilters[compiled.rules.firstIndex { $0.id == rule.id } ?? -1]?.matches(path) != true {
                    fail("its examples are scanned at \"\(path)\", which its path does not match: set example_path")
                    continue
                }
                // The path scopes the rule: elsewhere, its first example is no finding of it.
                let elsewhere = scanner.scan(
                    Fragment(path: Self.defaultExamplePath, bytes: Array(rule.examples[0].utf8), provenance: .file))
                if path != Self.defaultExamplePath, elsewhere.findings.contains(where: { $0.ruleID == rule.id }) {
                    fail("example 1 yields a finding at \"\(Self.defaultExamplePath)\", which its path should not match")
                }
            }
            for (n, example) in rule.examples.enumerated() {
                for variant in variants {
                    let text = variant.transform(example)
                    let bytes = Array(text.utf8)
                    let result = scanner.scan(Fragment(path: path, bytes: bytes, provenance: .file))
                    let own = result.findings.filter { $0.ruleID == rule.id }
                    if own.isEmpty {
                        let others = result.findings.map(\.ruleID) + result.suppressed.map { "\($0.finding.ruleID) (suppressed: \($0.reason))" }
                        fail(
                            "example \(n + 1) (\(variant.name)) yields no finding"
                                + (others.isEmpty ? "" : "; found instead: " + others.joined(separator: ", ")))
                        continue
                    }
                    for finding in own where !points(finding, at: bytes) {
                        fail("example \(n + 1) (\(variant.name)): reported line/column do not point at the secret")
                    }
                }
            }
            for (n, example) in rule.negativeExamples.enumerated() {
                for variant in variants {
                    let result = scanner.scan(
                        Fragment(path: path, bytes: Array(variant.transform(example).utf8), provenance: .file))
                    if result.findings.contains(where: { $0.ruleID == rule.id }) {
                        fail("negative example \(n + 1) (\(variant.name)) yields a finding")
                    }
                }
            }
        }
        return failures
    }

    /// Whether the finding's line and column address its secret's first bytes in `bytes`.
    static func points(_ finding: Finding, at bytes: [UInt8]) -> Bool {
        var line = 1
        var offset = 0
        while line < finding.location.line, offset < bytes.count {
            if bytes[offset] == 0x0a { line += 1 }
            offset += 1
        }
        let start = offset + finding.location.column - 1
        let prefix = finding.secret.prefix(8)
        guard start >= 0, start + prefix.count <= bytes.count else { return false }
        return Array(bytes[start..<(start + prefix.count)]) == Array(prefix)
    }
}

extension String {
    func replacingNewlines(with separator: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: separator)
    }
}
