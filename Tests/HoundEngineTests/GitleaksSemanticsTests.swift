import HoundEngine
import HoundModel
import HoundRules
import Testing

/// Scanner behaviour gitleaks configurations rely on: capture groups, composite rules,
/// `skipReport`, generic rules yielding, and the inline markers of other scanners.
@Suite struct GitleaksSemanticsTests {
    static let value = "q8Z2vN4tR7wK1mP5"  // 16 random-looking characters

    func scan(_ text: String, rules: [Rule]) throws -> FragmentResult {
        var scanner = Scanner(try CompiledRules(RuleSet(rules: rules)))
        return scanner.scan(Fragment(path: "f.txt", bytes: Array(text.utf8), provenance: .file))
    }

    func gitleaksRules(_ toml: String) throws -> [Rule] {
        try RuleSet.make(configuration: Configuration.decode(toml, file: ".gitleaks.toml", hint: .gitleaks)).rules
    }

    @Test("without secretGroup, the first group that matched holds the secret")
    func firstMatchedGroup() throws {
        let rules = try gitleaksRules(
            "[[rules]]\nid = \"alt\"\nregex = '''(?:one=([A-Za-z0-9]{16})|two=([A-Za-z0-9]{16}))'''\nkeywords = [\"one=\", \"two=\"]\n")
        let result = try scan("one=\(Self.value)\ntwo=\(Self.value.lowercased())X\n", rules: rules)
        #expect(result.findings.map(\.location.line) == [1, 2])
        #expect(result.findings.last?.secret == Array((Self.value.lowercased() + "X").prefix(16).utf8))
    }

    @Test("without any group that matched, the whole match is the secret")
    func wholeMatchWhenNoGroupMatched() throws {
        let rules = try gitleaksRules("[[rules]]\nid = \"opt\"\nregex = '''tok_[A-Za-z0-9]{16}(x)?'''\nkeywords = [\"tok_\"]\n")
        let result = try scan("tok_\(Self.value)\n", rules: rules)
        #expect(result.findings.first?.secret == Array("tok_\(Self.value)".utf8))
    }

    @Test("an explicit secret group that did not match drops the candidate")
    func explicitGroupMustMatch() throws {
        let rules = try gitleaksRules(
            "[[rules]]\nid = \"alt\"\nregex = '''(?:one=([A-Za-z0-9]{16})|two=([A-Za-z0-9]{16}))'''\nsecretGroup = 1\nkeywords = [\"two=\"]\n")
        #expect(try scan("two=\(Self.value)\n", rules: rules).findings.isEmpty)
    }

    @Test("composite rules report only with their required rule nearby; skipReport rules never")
    func compositeRules() throws {
        let rules = try gitleaksRules(
            """
            [[rules]]
            id = "acme-key"
            regex = '''acme_key\\s*=\\s*"([A-Za-z0-9]{16})"'''
            keywords = ["acme_key"]
            [[rules.required]]
            id = "acme-host"
            withinLines = 2
            [[rules]]
            id = "acme-host"
            regex = '''acme_host\\s*=\\s*"([a-z.]+)"'''
            keywords = ["acme_host"]
            skipReport = true
            """)
        let near = try scan("acme_host = \"api.acme.io\"\nx\nacme_key = \"\(Self.value)\"\n", rules: rules)
        #expect(near.findings.map(\.ruleID) == ["acme-key"])
        let far = try scan("acme_host = \"api.acme.io\"\nx\nx\nx\nacme_key = \"\(Self.value)\"\n", rules: rules)
        #expect(far.findings.isEmpty)
        #expect(far.suppressed.first?.reason.contains("required rule acme-host") == true)
        let alone = try scan("acme_host = \"api.acme.io\"\n", rules: rules)
        #expect(alone.findings.isEmpty && alone.suppressed.isEmpty)
    }

    @Test("in a gitleaks file, a rule whose id says generic yields to a provider rule on the same secret")
    func genericYields() throws {
        let rules = try gitleaksRules(
            """
            [[rules]]
            id = "generic-api-key"
            regex = '''(?i)token\\s*=\\s*"([A-Za-z0-9_]{16,})"'''
            keywords = ["token"]
            [[rules]]
            id = "zz-provider"
            regex = '''(zzp_[A-Za-z0-9]{16})'''
            keywords = ["zzp_"]
            """)
        let result = try scan("token = \"zzp_\(Self.value)\"\n", rules: rules)
        #expect(result.findings.map(\.ruleID) == ["zz-provider"])
    }

    @Test(
        "inline markers of keyhound, gitleaks, detect-secrets, ggshield and TruffleHog suppress",
        arguments: ["# keyhound:allow", "// gitleaks:allow", "# pragma: allowlist secret", "# ggignore", "// trufflehog:ignore"])
    func inlineMarkers(marker: String) throws {
        let rule = Rule(id: "demo", description: "demo", regex: #"\b(dmo_[A-Za-z0-9]{16})\b"#, keywords: ["dmo_"])
        let result = try scan("key = dmo_\(Self.value) \(marker)\n", rules: [rule])
        #expect(result.findings.isEmpty)
        #expect(result.suppressed.first?.reason.hasPrefix("inline ") == true)
    }

    @Test("detect-secrets' nextline pragma covers the line after it only")
    func nextLinePragma() throws {
        let rule = Rule(id: "demo", description: "demo", regex: #"\b(dmo_[A-Za-z0-9]{16})\b"#, keywords: ["dmo_"])
        let text = "# pragma: allowlist nextline secret\nkey = dmo_\(Self.value)\nother = dmo_\(String(Self.value.reversed()))\n"
        let result = try scan(text, rules: [rule])
        #expect(result.findings.map(\.location.line) == [3])
        #expect(result.suppressed.map(\.finding.location.line) == [2])
    }
}
