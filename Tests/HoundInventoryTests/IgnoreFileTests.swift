import HoundModel
import Testing

@testable import HoundInventory

@Suite struct IgnoreFileTests {
    static let everywhere = Fingerprint.of(FakeSecret.bytes(50))
    static let onlyGitHub = Fingerprint.of(FakeSecret.bytes(51))

    static let text = """
        # test fixtures, not real keys

        \(everywhere)
          github-pat:\(onlyGitHub)   # only under this rule
        """

    func parse(_ text: String) throws(InventoryError) -> IgnoreFile {
        try IgnoreFile.parse(Array(text.utf8), path: ".keyhoundignore")
    }

    @Test func readsFingerprintsAndRuleScopedEntries() throws {
        let file = try parse(Self.text)
        #expect(
            file.entries == [
                IgnoreFile.Entry(ruleID: nil, fingerprint: Self.everywhere, line: 3),
                IgnoreFile.Entry(ruleID: "github-pat", fingerprint: Self.onlyGitHub, line: 4),
            ])
        #expect(file.ignores(ruleID: "anything", fingerprint: Self.everywhere))
        #expect(file.ignores(ruleID: "github-pat", fingerprint: Self.onlyGitHub))
        #expect(!file.ignores(ruleID: "generic-api-key", fingerprint: Self.onlyGitHub))
        #expect(file.ignores(finding(FakeSecret.bytes(50), rule: "x")))
    }

    @Test(arguments: [
        ("sha256:abc", ".keyhoundignore:1:1: malformed fingerprint: sha256: must be followed by 64 hex digits"),
        ("\n\n  src/app.swift:github-pat:12", ".keyhoundignore:3:3: expected sha256:<64 hex digits>, hmac-sha256:<64 hex digits>, or rule-id:<fingerprint> (file:rule:line entries are gitleaks' format; keyhound ignores by fingerprint)"),
        ("just-a-word", ".keyhoundignore:1:1: expected sha256:<64 hex digits>, hmac-sha256:<64 hex digits>, or rule-id:<fingerprint>"),
        ("two words", ".keyhoundignore:1:1: one fingerprint per line (use # before a comment)"),
        ("bad rule!:\(everywhere)", ".keyhoundignore:1:1: one fingerprint per line (use # before a comment)"),
        ("bad/rule:\(everywhere)", ".keyhoundignore:1:1: invalid rule id before the fingerprint (letters, digits, -, _ and . only)"),
    ])
    func malformedLinesNameTheirLine(_ text: String, _ message: String) {
        #expect(throws: (any Error).self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func missingFileIsOptional() throws {
        #expect(try IgnoreFile.loadIfPresent(path: "/nonexistent/.keyhoundignore") == nil)
    }
}
