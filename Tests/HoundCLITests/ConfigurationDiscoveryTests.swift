import Foundation
import HoundSupport
import Testing

/// Finding and combining configurations, and baselines that work where the advice says they do.
@Suite("configuration discovery and baselines")
final class ConfigurationDiscoveryTests {
    let sandbox: Sandbox
    var secrets = FakeSecrets(seed: 150)

    init() throws { sandbox = try Sandbox() }
    deinit { sandbox.remove() }

    let gitleaksFile = """
        [[rules]]
        id = "Team Token"
        regex = '''team_token=([a-z0-9]{24})'''
        keywords = ["team_token"]
        secretGroup = 1
        """

    func teamToken() -> String {
        "team_token=" + secrets.draw(24, from: Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8))
    }

    @Test(".keyhound.toml next to .gitleaks.toml wins loudly, unless it extends it (then both apply)")
    func bothFiles() throws {
        try sandbox.write(".gitleaks.toml", gitleaksFile)
        try sandbox.write(".keyhound.toml", "max_file_size = \"1MB\"\n")
        try sandbox.write("a.env", teamToken() + "\nGITHUB_TOKEN=\(secrets.githubToken())\n")
        let loud = sandbox.keyhound(["scan", "--format", "json"])
        #expect(loud.stderr.contains(".gitleaks.toml is NOT read"), "\(loud)")
        let loudRules = Set(try loud.findings().compactMap { $0["rule"] as? String })
        #expect(loudRules.contains("github-pat") && !loudRules.contains("Team Token"), "\(loud)")
        try sandbox.write(".keyhound.toml", "max_file_size = \"1MB\"\n[extend]\npath = \".gitleaks.toml\"\n")
        let both = sandbox.keyhound(["scan", "--format", "json"])
        #expect(!both.stderr.contains("NOT read"), "\(both)")
        let rules = Set(try both.findings().compactMap { $0["rule"] as? String })
        #expect(rules.isSuperset(of: ["Team Token", "github-pat"]), "\(both)")
    }

    @Test("a .keyhound.toml holding a gitleaks configuration is read as one, with a note")
    func dialectFromContent() throws {
        try sandbox.write(".keyhound.toml", gitleaksFile)
        try sandbox.write("a.env", teamToken() + "\nGITHUB_TOKEN=\(secrets.githubToken())\n")
        let run = sandbox.keyhound(["scan", "--format", "json"])
        #expect(run.stderr.contains("is read as a gitleaks configuration"), "\(run)")
        #expect(try run.findings().map { $0["rule"] as? String } == ["Team Token"])
    }

    @Test("[extend] path cycles and missing files are errors naming file:line:column (exit 2)")
    func extendErrors() throws {
        try sandbox.write(".gitleaks.toml", "[extend]\npath = \"b.toml\"\n")
        try sandbox.write("b.toml", "[extend]\npath = \".gitleaks.toml\"\n")
        let cycle = sandbox.keyhound(["scan"])
        #expect(cycle.status == 2 && cycle.stderr.contains("cycle"), "\(cycle)")
        try sandbox.write("b.toml", "[extend]\npath = \"nowhere.toml\"\n")
        let missing = sandbox.keyhound(["scan"])
        #expect(missing.status == 2 && missing.stderr.contains("b.toml:2:1: [extend] path: nowhere.toml not found"), "\(missing)")
    }

    @Test("an unknown id in disabledRules is a warning, not exit 2")
    func unknownDisabledRule() throws {
        try sandbox.write(".gitleaks.toml", "[extend]\nuseDefault = true\ndisabledRules = [\"no-such-rule\", \"aws-access-token\"]\n")
        try sandbox.write("a.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n")
        let run = sandbox.keyhound(["scan"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("disabled rule \"no-such-rule\" does not exist (ignored)"), "\(run)")
    }

    @Test("the default baseline applies to the staged scan; update keeps reasons and drops what is gone")
    func baselineEverywhere() throws {
        try sandbox.write("old.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n")
        try sandbox.commit("old")
        let created = sandbox.keyhound(["baseline", "create", "--reason", "rotated in 2025"])
        #expect(created.status == 0 && created.stderr.contains("wrote 1 entry to .keyhound-baseline.json"), "\(created)")
        // Staged: the baseline file itself and a file re-adding the same key are accepted.
        try sandbox.write("copy.py", try sandbox.read("old.py"))
        try sandbox.git(["add", "-A"])
        let staged = sandbox.keyhound(["scan", "--staged", "--show-suppressed"])
        #expect(staged.status == 0, "\(staged)")
        #expect(staged.stdout.contains("baseline: rotated in 2025"), "\(staged)")
        try sandbox.commit("copy")
        try sandbox.write("new.py", "TOKEN = \"\(secrets.githubToken())\"\n")
        try FileManager.default.removeItem(atPath: sandbox.repo + "/old.py")
        try FileManager.default.removeItem(atPath: sandbox.repo + "/copy.py")
        let updated = sandbox.keyhound(["baseline", "update", "--reason", "test fixture"])
        #expect(updated.status == 0, "\(updated)")
        #expect(updated.stderr.contains("1 added, 0 kept, 1 dropped (1 entry)"), "\(updated)")
        let text = try sandbox.read(".keyhound-baseline.json")
        #expect(text.contains("\"reason\": \"test fixture\"") && !text.contains("rotated in 2025"))
    }

    @Test("baseline import of a detect-secrets baseline matches by its SHA-1 of the secret")
    func detectSecretsImport() throws {
        let token = secrets.githubToken()
        try sandbox.write("conf/app.py", "\n\nTOKEN = \"\(token)\"\n")
        try sandbox.commit("app")
        let sha1 = SHA1Hex.of(token)
        let report = """
            {"version": "1.5.0", "plugins_used": [], "results": {
              "conf/app.py": [{"type": "GitHub Token", "filename": "conf/app.py", "hashed_secret": "\(sha1)", "is_verified": false, "line_number": 7}],
              "gone.py": [{"type": "Secret Keyword", "filename": "gone.py", "hashed_secret": "\(String(repeating: "0", count: 40))", "is_verified": false, "line_number": 1}]
            }}
            """
        try sandbox.write("../ds.json", report)
        let run = sandbox.keyhound(["baseline", "import", "../ds.json", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let summary = try run.json()
        #expect(summary["imported"] as? Int == 1)
        #expect((summary["not_found"] as? [[String: Any]])?.first?["file"] as? String == "gone.py")
        #expect(sandbox.keyhound(["scan"]).status == 0)
    }
}

/// SHA-1 hex of a string, through HoundSupport.
enum SHA1Hex {
    static func of(_ text: String) -> String { Hex.encode(SHA1.hash(Array(text.utf8))) }
}
