import Foundation
import Testing

/// Suppression by identity (rule + fingerprint): `baseline create` / `--baseline`,
/// `.keyhoundignore`, and `--show-suppressed`.
@Suite("baselines and ignore files")
final class BaselineTests {
    let sandbox: Sandbox
    let aws: String
    let token: String
    var lines: [String]

    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 50)
        aws = secrets.awsAccessKeyID()
        token = secrets.githubToken()
        lines = (1...12).map { "value_\($0) = \($0)" }
        lines[4] = "legacy_key = \"\(aws)\""
        try sandbox.write("legacy/settings.py", lines.joined(separator: "\n") + "\n")
        try sandbox.write("legacy/client.js", "const token = '\(token)';\n")
        try sandbox.commit("legacy secrets")
    }

    deinit { sandbox.remove() }

    @discardableResult
    func createBaseline(_ extra: [String] = []) -> KeyhoundRun {
        let run = sandbox.keyhound(["baseline", "create"] + extra)
        #expect(run.status == 0, "\(run)")
        return run
    }

    @Test("baseline create, then scan --baseline: exit 0; the file holds no secret and no line number")
    func createAndUse() throws {
        let created = createBaseline()
        #expect(created.stderr.contains("2 entries"), "\(created)")
        let text = try sandbox.read(".keyhound-baseline.json")
        #expect(!text.contains(aws) && !text.contains(token))
        let baseline = try JSON.object(Array(text.utf8))
        let entries = try #require(baseline["findings"] as? [[String: Any]])
        #expect(entries.count == 2)
        for entry in entries {
            #expect(entry["line"] == nil && entry["column"] == nil)
            // Random tokens keep their plain fingerprint (no dictionary reaches them).
            #expect((entry["fingerprint"] as? String)?.hasPrefix("sha256:") == true)
        }
        let before = sandbox.keyhound(["scan", "--no-baseline"])
        #expect(before.status == 1, "\(before)")
        // The file at the default path applies by itself, in every mode.
        #expect(sandbox.keyhound(["scan"]).status == 0)
        let after = sandbox.keyhound(["scan", "--baseline", ".keyhound-baseline.json"])
        #expect(after.status == 0, "\(after)")
    }

    @Test("re-creating the baseline on an unchanged repository gives a byte-identical file")
    func stable() throws {
        createBaseline(["--output", "../first.json"])
        let first = try Data(contentsOf: URL(fileURLWithPath: sandbox.root + "/first.json"))
        createBaseline(["--output", "../first.json", "-j", "1"])
        let second = try Data(contentsOf: URL(fileURLWithPath: sandbox.root + "/first.json"))
        #expect(first == second)
        #expect(!first.isEmpty)
    }

    @Test("edits around the secret (moving it down five lines, or to another file) keep it suppressed")
    func survivesEdits() throws {
        createBaseline(["--output", "../baseline.json"])
        var edited = lines
        edited.insert(contentsOf: (1...5).map { "inserted_\($0) = True" }, at: 2)
        edited[0] = "value_1 = 'changed'"
        try sandbox.write("legacy/settings.py", edited.joined(separator: "\n") + "\n")
        try sandbox.git(["mv", "legacy/client.js", "legacy/api-client.js"])
        let unsuppressed = sandbox.keyhound(["scan", "--format", "json"])
        let moved = try unsuppressed.reported().first { $0.rule == "aws-access-key-id" }
        #expect(moved?.line == 10, "the secret moved from line 5 to line 10: \(unsuppressed)")
        let run = sandbox.keyhound(["scan", "--baseline", "../baseline.json", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        #expect(JSON.at(try run.json(), "summary", "suppressed") as? Int == 2)
    }

    @Test("a new secret still fails the scan; only the baseline's are hidden")
    func newSecretStillFound() throws {
        createBaseline()
        var secrets = FakeSecrets(seed: 51)
        let fresh = secrets.awsAccessKeyID()
        try sandbox.write("legacy/settings.py", (lines + ["new_key = \"\(fresh)\""]).joined(separator: "\n") + "\n")
        let run = sandbox.keyhound(["scan", "--baseline", ".keyhound-baseline.json", "--format", "json"])
        #expect(run.status == 1, "\(run)")
        #expect(
            try run.reported() == [
                Reported(rule: "aws-access-key-id", path: "legacy/settings.py", line: 13, column: 12)
            ])
    }

    @Test("--show-suppressed counts and lists what the baseline hid, and why")
    func showSuppressed() throws {
        createBaseline()
        let run = sandbox.keyhound(["scan", "--baseline", ".keyhound-baseline.json", "--show-suppressed"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("2 suppressed"), "\(run)")
        let listed = run.stdout.split(separator: "\n").filter { $0.contains("baseline") && $0.contains("legacy/") }
        #expect(listed.count == 2, "\(run)")
        #expect(!run.stdout.contains(aws) && !run.stdout.contains(token))
        let json = sandbox.keyhound([
            "scan", "--baseline", ".keyhound-baseline.json", "--show-suppressed", "--format", "json",
        ])
        #expect(JSON.at(try json.json(), "summary", "suppressed") as? Int == 2, "\(json)")
    }

    @Test("the baseline applies to --staged, --diff and --history scans too")
    func everyMode() throws {
        createBaseline(["--history", "--output", "../baseline.json"])
        let base = ["--baseline", "../baseline.json"]
        let history = sandbox.keyhound(["scan", "--history"] + base)
        #expect(history.status == 0, "\(history)")
        let diff = sandbox.keyhound(["scan", "--diff", "HEAD"] + base)
        #expect(diff.status == 0, "\(diff)")
        #expect(sandbox.keyhound(["scan", "--diff", "HEAD"]).status == 1)
        try sandbox.write("copy.py", "again = \"\(aws)\"\n")
        try sandbox.git(["add", "copy.py"])
        let staged = sandbox.keyhound(["scan", "--staged"] + base)
        #expect(staged.status == 0, "\(staged)")
        #expect(sandbox.keyhound(["scan", "--staged"]).status == 1)
    }

    @Test("baseline = \"FILE\" in .keyhound.toml is used without --baseline")
    func fromConfiguration() throws {
        try FileManager.default.createDirectory(atPath: sandbox.repo + "/keyhound", withIntermediateDirectories: true)
        createBaseline(["--output", "keyhound/baseline.json"])
        try sandbox.write(".keyhound.toml", "baseline = \"keyhound/baseline.json\"\n")
        let run = sandbox.keyhound(["scan"], in: sandbox.repo + "/legacy")
        #expect(run.status == 0, "\(run)")
    }

    @Test(".keyhoundignore: a bare fingerprint, or rule:fingerprint, hides that secret")
    func ignoreFile() throws {
        let report = sandbox.keyhound(["scan", "--format", "json"])
        let findings = try report.findings()
        let awsFinding = try #require(findings.first { $0["rule"] as? String == "aws-access-key-id" })
        let tokenFinding = try #require(findings.first { $0["rule"] as? String == "github-pat" })
        let awsFingerprint = try #require(awsFinding["fingerprint"] as? String)
        let tokenIdentity = "github-pat:" + (try #require(tokenFinding["fingerprint"] as? String))

        try sandbox.write(".keyhoundignore", "# accepted: test fixture\n\(awsFingerprint)\n")
        let one = sandbox.keyhound(["scan", "--format", "json", "--show-suppressed"], in: sandbox.repo + "/legacy")
        #expect(one.status == 1)
        #expect(try one.reported().map(\.rule) == ["github-pat"], "\(one)")
        #expect(JSON.at(try one.json(), "summary", "suppressed") as? Int == 1)

        try sandbox.write(".keyhoundignore", "\(awsFingerprint)\n\(tokenIdentity)  # rule-limited\n")
        let both = sandbox.keyhound(["scan", "--show-suppressed"])
        #expect(both.status == 0, "\(both)")
        #expect(both.stdout.contains(".keyhoundignore"), "the reason is shown: \(both)")
        #expect(both.stdout.contains("2 suppressed"))

        // A fingerprint limited to another rule does not hide it.
        try sandbox.write(".keyhoundignore", "slack-bot-token:\(awsFingerprint)\n")
        #expect(sandbox.keyhound(["scan"]).status == 1)

        // --ignore-file names another file.
        try sandbox.write("../accepted.txt", "\(awsFingerprint)\n\(tokenIdentity)\n")
        #expect(sandbox.keyhound(["scan", "--ignore-file", "../accepted.txt"]).status == 0)
    }

    @Test("a malformed ignore file or a missing baseline is exit 2 naming the file")
    func badFiles() throws {
        try sandbox.write(".keyhoundignore", "not a fingerprint\n")
        let bad = sandbox.keyhound(["scan"])
        #expect(bad.status == 2, "\(bad)")
        #expect(bad.stderr.contains(".keyhoundignore"), "\(bad)")
        try FileManager.default.removeItem(atPath: sandbox.repo + "/.keyhoundignore")
        let missing = sandbox.keyhound(["scan", "--baseline", "nowhere.json"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("nowhere.json"), "\(missing)")
    }
}
