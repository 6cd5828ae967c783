import Foundation
import HoundModel
import Testing

@testable import HoundInventory

@Suite struct BaselineTests {
    static let first = FakeSecret.bytes(40)
    static let second = FakeSecret.bytes(41)

    static let findings = [
        finding(second, rule: "stripe-secret-key", path: "z/config.yml"),
        finding(first, rule: "github-pat", path: "src/b.swift"),
        finding(first, rule: "github-pat", path: "src/a.swift"),
        finding(first, rule: "generic-api-key", path: "src/a.swift"),
    ]

    @Test func isSortedDeduplicatedAndByteStable() {
        let baseline = Baseline(findings: Self.findings)
        let again = Baseline(findings: Self.findings.reversed())
        #expect(baseline.rendered() == again.rendered())
        #expect(baseline.entries.map(\.ruleID) == ["generic-api-key", "github-pat", "stripe-secret-key"])
        #expect(baseline.entries.map(\.path) == ["src/a.swift", "src/a.swift", "z/config.yml"])
        let fingerprints = baseline.entries.map(\.fingerprint.description)
        #expect(
            baseline.rendered() == """
                {
                  "keyhound_baseline": 1,
                  "findings": [
                    {"rule": "generic-api-key", "fingerprint": "\(fingerprints[0])", "path": "src/a.swift"},
                    {"rule": "github-pat", "fingerprint": "\(fingerprints[1])", "path": "src/a.swift"},
                    {"rule": "stripe-secret-key", "fingerprint": "\(fingerprints[2])", "path": "z/config.yml"}
                  ]
                }

                """)
    }

    @Test func matchesByRuleAndFingerprintOnly() {
        let baseline = Baseline(findings: Self.findings)
        #expect(baseline.contains(finding(Self.first, rule: "github-pat", path: "moved/elsewhere.swift")))
        #expect(!baseline.contains(finding(Self.second, rule: "github-pat")))
        #expect(baseline.contains(ruleID: "stripe-secret-key", fingerprint: Fingerprint.of(Self.second)))
    }

    @Test func neverStoresTheSecret() {
        let text = Baseline(findings: Self.findings).rendered()
        #expect(!text.contains(String(decoding: Self.first, as: UTF8.self)))
    }

    @Test func roundTripsThroughAFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let baseline = Baseline(findings: Self.findings)
        try baseline.write(to: directory.file("baseline.json"))
        let loaded = try Baseline.load(path: directory.file("baseline.json"))
        #expect(loaded == baseline)
        try loaded.write(to: directory.file("again.json"))
        #expect(directory.read("again.json") == directory.read("baseline.json"))
        #expect(Baseline(entries: []).rendered() == "{\n  \"keyhound_baseline\": 1,\n  \"findings\": []\n}\n")
    }

    @Test func malformedBaselines() {
        func error(_ text: String) -> String? {
            do {
                _ = try Baseline.parse(Array(text.utf8), path: "b.json")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("{\"findings\": []}") == "b.json:1:1: not a keyhound baseline (no \"keyhound_baseline\" version)")
        #expect(error("{\"keyhound_baseline\": 2, \"findings\": []}") == "b.json:1:1: unsupported baseline version 2")
        #expect(
            error("{\"keyhound_baseline\": 1, \"findings\": [\n  {\"rule\": \"x\", \"fingerprint\": \"sha256:12\"}\n]}")
                == "b.json:2:32: invalid fingerprint (expected sha256:<64 hex digits> or hmac-sha256:<64 hex digits>)")
        #expect(error("{\"keyhound_baseline\": 1, \"findings\": [{\"rule\": \"x\"}]}") == "b.json:1:39: each finding needs a \"rule\" and a \"fingerprint\" string")
    }
}
