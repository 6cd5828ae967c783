import Foundation
import HoundEngine
import HoundRules
import Testing

/// The package root, from this file's path (Tests/HoundRulesTests/…).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// Every built-in rule, with examples, decoded once.
let builtinRulesWithExamples: [Rule] = (try? BuiltinRules.withExamples()) ?? []

@Suite struct BuiltinRulesTests {
    @Test func embeddedPatternsDecode() throws {
        let rules = try BuiltinRules.withExamples()
        #expect(rules.count == BuiltinRules.all.count)
        #expect(rules.map(\.id) == BuiltinRules.all.map(\.id))
    }

    @Test func atLeast150Rules() {
        #expect(BuiltinRules.all.count >= 150, "only \(BuiltinRules.all.count) built-in rules")
    }

    @Test func idsAreUniqueAndKebabCase() {
        let ids = BuiltinRules.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, "\(id)")
        }
    }

    /// Keywords decide where a rule runs; a rule without any runs on every file its `path`
    /// matches, so only a path-scoped rule may go without (`config/master.key`: 32 hex alone).
    @Test func everyRuleHasKeywordsAndExamples() {
        for rule in builtinRulesWithExamples {
            #expect(!rule.keywords.isEmpty || rule.path != nil, "\(rule.id) has no keywords and no path")
            #expect(!rule.examples.isEmpty, "\(rule.id) has no examples")
            #expect(!rule.negativeExamples.isEmpty, "\(rule.id) has no negative examples")
        }
    }

    @Test func everyRegexCompiles() throws {
        _ = try CompiledRules(RuleSet.builtin, validateAll: true)
    }

    /// One test case per rule: its examples are found, its negative examples are not, as
    /// written, after a multi-byte line, and with CRLF line endings.
    @Test(arguments: builtinRulesWithExamples.map(\.id))
    func ruleProvesItself(_ id: String) throws {
        let rule = try #require(builtinRulesWithExamples.first { $0.id == id })
        let compiled = try #require(RuleSelfCheckSet.compiled, "the built-in rules do not compile")
        let failures = RuleSelfCheck.check([rule], compiled: compiled)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
        // The check must be able to fail: with its examples and negative examples swapped, the
        // same rule is reported (a self-check that always answers "no failures" fails here).
        var swapped = rule
        (swapped.examples, swapped.negativeExamples) = (rule.negativeExamples, rule.examples)
        let mutated = RuleSelfCheck.check([swapped], compiled: compiled)
        #expect(mutated.contains { $0.message.contains("yields no finding") }, "swapped examples passed the check")
        #expect(mutated.contains { $0.message.contains("yields a finding") }, "swapped negatives passed the check")
    }

    /// A rule scoped by `path` proves itself at its `example_path`, and proves the scope: its
    /// first example yields nothing at `example.txt`.
    @Test func aPathScopedRuleIsCheckedAtItsExamplePath() throws {
        var rule = Rule(
            id: "acme-key-file", description: "ACME key file", regex: #"(?m)^([0-9a-f]{32})\r?$"#, entropy: 3.0,
            path: #"(?:^|/)acme\.key$"#, examples: ["482d513ce09eca646c489b8368a91680"], negativeExamples: ["acme"])
        func failures(_ rule: Rule) throws -> [String] {
            try RuleSelfCheck.check([rule], scanWith: RuleSet(rules: [rule])).map(\.message)
        }
        #expect(try failures(rule) == [#"its examples are scanned at "example.txt", which its path does not match: set example_path"#])
        rule.examplePath = "keys/acme.key"
        let scoped = try failures(rule)
        #expect(scoped == [], "\(scoped)")
        rule.path = #"\.(?:key|txt)$"#
        #expect(try failures(rule) == [#"example 1 yields a finding at "example.txt", which its path should not match"#])
    }

    /// README's table of pattern files says how many rules each holds, and their sum.
    @Test func readmeCountsTheRulesOfEachPatternFile() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: packageRoot + "/README.md"), encoding: .utf8)
        var listed: [String: Int] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") && line.contains(".toml` | ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 2, let count = Int(cells[1]) else { continue }
            listed[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = count
        }
        var actual: [String: Int] = [:]
        for rule in BuiltinRules.all { actual[String(rule.source.file.split(separator: "/").last ?? ""), default: 0] += 1 }
        #expect(listed == actual)
        #expect(readme.contains("(\(BuiltinRules.all.count) built-in rules;"))
    }

    /// The generated Swift file matches `patterns/*.toml` (run `swift run keyhound-embed`).
    @Test func generatedFileIsCurrent() throws {
        let folder = packageRoot + "/patterns"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".toml") }
        let files = try names.map { name in
            (name: name, text: try String(contentsOf: URL(fileURLWithPath: folder + "/" + name), encoding: .utf8))
        }
        let expected = try EmbeddedSource.builtinRules(files: files)
        let actual = try String(
            contentsOf: URL(fileURLWithPath: packageRoot + "/Sources/HoundRules/BuiltinRules+Generated.swift"),
            encoding: .utf8)
        #expect(actual == expected, "BuiltinRules+Generated.swift is stale: run `swift run keyhound-embed`")
    }
}

/// The full built-in rule set, for checking each rule in the company of all the others.
enum RuleSelfCheckSet {
    static let shared = RuleSet(rules: builtinRulesWithExamples)
    /// `shared`, compiled once for every case (each regex validated).
    static let compiled: CompiledRules? = try? CompiledRules(shared, validateAll: true)
}
