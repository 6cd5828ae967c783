import Foundation
import HoundModel
import Testing

@testable import HoundInventory

@Suite struct BaselineTests {
    static let salt: [UInt8] = Array(0..<16)
    static let first = FakeSecret.bytes(40)
    static let second = FakeSecret.bytes(41)

    static let findings = [
        finding(second, rule: "stripe-secret-key", path: "z/config.yml"),
        finding(first, rule: "github-pat", path: "src/b.swift"),
        finding(first, rule: "github-pat", path: "src/a.swift"),
        finding(first, rule: "generic-api-key", path: "src/a.swift"),
    ]

    @Test func isSortedDeduplicatedAndByteStable() {
        let baseline = Baseline(findings: Self.findings, salt: Self.salt)
        let again = Baseline(findings: Self.findings.reversed(), salt: Self.salt)
        #expect(baseline.rendered() == again.rendered())
        #expect(baseline.entries.map(\.ruleID) == ["generic-api-key", "github-pat", "stripe-secret-key"])
        #expect(baseline.entries.map(\.path) == ["src/a.swift", "src/a.swift", "z/config.yml"])
        let fingerprints = baseline.entries.map(\.fingerprint.description)
        #expect(
            baseline.rendered() == """
                {
                  "keyhound_baseline": 2,
                  "salt": "000102030405060708090a0b0c0d0e0f",
                  "kdf": "pbkdf2-sha256",
                  "iterations": 65536,
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
        #expect(
            Baseline(entries: [], salt: Self.salt).rendered()
                == "{\n  \"keyhound_baseline\": 2,\n  \"salt\": \"000102030405060708090a0b0c0d0e0f\",\n"
                + "  \"kdf\": \"pbkdf2-sha256\",\n  \"iterations\": 65536,\n  \"findings\": []\n}\n")
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
        #expect(error("{\"keyhound_baseline\": 3, \"findings\": []}") == "b.json:1:1: unsupported baseline version 3")
        #expect(error("{\"keyhound_baseline\": 2, \"findings\": []}") == "b.json:1:1: \"salt\" must be at least 16 hex digits")
        #expect(
            error("{\"keyhound_baseline\": 2, \"salt\": \"00112233445566778899\", \"kdf\": \"pbkdf2-sha256\", \"iterations\": 2000000000, \"findings\": []}")
                == "b.json:1:96: \"iterations\" must be a number from 10000 to 1000000")
        #expect(
            error("{\"keyhound_baseline\": 1, \"findings\": [\n  {\"rule\": \"x\", \"fingerprint\": \"sha256:12\"}\n]}")
                == "b.json:2:32: invalid fingerprint (expected sha256:<64 hex digits> or hmac-sha256:<64 hex digits>)")
        #expect(error("{\"keyhound_baseline\": 1, \"findings\": [{\"rule\": \"x\"}]}") == "b.json:1:39: each finding needs a \"rule\" and a \"fingerprint\" string")
    }

    @Test("a low-entropy secret is stored salted and slow; a dictionary of plain SHA-256s finds nothing")
    func lowEntropySecretsAreProtected() throws {
        let weak = Array("Winter2026!".utf8)
        let baseline = Baseline(findings: [finding(weak, rule: "generic-password", path: "app.env")], salt: Self.salt)
        let text = baseline.rendered()
        #expect(!text.contains(Fingerprint.of(weak).hex))
        #expect(text.contains("pbkdf2-sha256:"))
        #expect(baseline.contains(finding(weak, rule: "generic-password", path: "moved.env")))
        #expect(!baseline.contains(finding(Array("Winter2027!".utf8), rule: "generic-password")))
        // The work factor: each guess costs 2 × 65,536 SHA-256 compressions, not one.
        #expect(baseline.iterations >= 65_536)
    }

    @Test("version 1 files are still read; update rewrites them as version 2 and keeps reasons")
    func migration() throws {
        let v1 = """
            {"keyhound_baseline": 1, "findings": [
              {"rule": "github-pat", "fingerprint": "\(Fingerprint.of(Self.first))", "path": "a", "reason": "fixture"},
              {"rule": "gone", "fingerprint": "\(Fingerprint.of(Self.second))"}
            ]}
            """
        let old = try Baseline.parse(Array(v1.utf8), path: "b.json")
        #expect(old.version == 1)
        #expect(old.contains(finding(Self.first, rule: "github-pat")))
        let update = old.updated(with: [finding(Self.first, rule: "github-pat", path: "a"), finding(Self.second, rule: "new-rule", path: "b")], reason: "new")
        #expect(update.added == 1 && update.kept == 1 && update.dropped == 1)
        #expect(update.baseline.entries.map(\.reason) == ["fixture", "new"])
        #expect(update.baseline.rendered().contains("\"keyhound_baseline\": 2"))
    }
}
