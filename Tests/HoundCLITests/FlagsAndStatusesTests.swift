import Foundation
import Testing

/// Flags and exit statuses no other test pinned: `--exit-zero`, `--no-color`/`NO_COLOR`,
/// `--no-gitignore`, `--commits FILE`, `KEYHOUND_CONFIG`, `version`, and the exits 1, 2 and 64
/// of `rules check`, `inventory check` and `inventory audit`.
@Suite("flags and exit statuses")
final class FlagsAndStatusesTests {
    let sandbox: Sandbox
    let aws: String

    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 41)
        aws = secrets.awsAccessKeyID()
        try sandbox.write("settings.py", "AWS_ACCESS_KEY_ID = \"\(aws)\"\n")
        try sandbox.commit("initial")
    }

    deinit { sandbox.remove() }

    @Test func exitZeroStillReportsTheFindings() {
        let run = sandbox.keyhound(["scan", "--exit-zero", "--no-progress"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("settings.py:1:"), "\(run)")
        #expect(sandbox.keyhound(["scan", "--no-progress"]).status == 1)
    }

    @Test func colourIsOnlyWhereAskedAndNeverWithNoColor() {
        let colored = sandbox.keyhound(["scan", "--color", "--no-progress"])
        #expect(colored.stdout.contains("\u{1B}["), "\(colored)")
        let plain = sandbox.keyhound(["scan", "--no-color", "--no-progress"])
        #expect(!plain.stdout.contains("\u{1B}["))
        let environment = sandbox.keyhound(["scan", "--no-progress"], environment: ["NO_COLOR": "1"])
        #expect(!environment.stdout.contains("\u{1B}["))
        #expect(environment.status == 1)
    }

    @Test func noGitignoreScansIgnoredFilesInAWalk() throws {
        try sandbox.write(".gitignore", "ignored/\n")
        try sandbox.write("ignored/keys.env", "AWS_ACCESS_KEY_ID=\(aws)\n")
        let walked = sandbox.keyhound(["scan", "--no-git", "--no-progress"])
        #expect(!walked.stdout.contains("ignored/keys.env"), "\(walked)")
        let all = sandbox.keyhound(["scan", "--no-git", "--no-gitignore", "--no-progress"])
        #expect(all.stdout.contains("ignored/keys.env:1:"), "\(all)")
    }

    @Test func commitsFileScansTheListedCommits() throws {
        try sandbox.write("late.py", "KEY = \"\(aws)\"\n")
        let late = try sandbox.commit("late")
        try sandbox.write(sandbox.root + "/commits.txt", late + "\n", in: "/")
        let run = sandbox.keyhound(["scan", "--commits", sandbox.root + "/commits.txt", "--no-progress"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("late.py:1:") && !run.stdout.contains("settings.py"), "\(run)")
        let stdin = sandbox.keyhound(["scan", "--commits", "-", "--no-progress"], stdin: Array((late + "\n").utf8))
        #expect(stdin.status == 1 && stdin.stdout.contains("late.py:1:"), "\(stdin)")
    }

    @Test func keyhoundConfigNamesTheConfiguration() throws {
        try sandbox.write(sandbox.root + "/quiet.toml", "disabled_rules = [\"aws-access-key-id\"]\n", in: "/")
        let run = sandbox.keyhound(["scan", "--no-progress"], environment: ["KEYHOUND_CONFIG": sandbox.root + "/quiet.toml"])
        #expect(run.status == 0, "\(run)")
        let missing = sandbox.keyhound(["scan", "--no-progress"], environment: ["KEYHOUND_CONFIG": "/nonexistent.toml"])
        #expect(missing.status == 2, "\(missing)")  // a missing configuration file is 2, like a missing baseline or inventory (README: Exit status)
    }

    @Test func versionPrintsTheVersion() {
        for arguments in [["version"], ["--version"]] {
            let run = sandbox.keyhound(arguments)
            #expect(run.status == 0)
            #expect(run.stdout.hasPrefix("keyhound ") && run.stdout.split(separator: ".").count >= 3, "\(run)")
        }
    }

    @Test func rulesCheckExitsOneTwoAndSixtyFour() throws {
        let prefix = "[[rules]]\nid = \"my-token\"\ndescription = \"x\"\nregex = '''tok_[a-z0-9]{12}'''\nkeywords = [\"tok_\"]\n"
        let example = "t = \"tok_" + "abc123def456\""  // assembled: the self-scan stays clean
        try sandbox.write("good.toml", prefix + "examples = ['\(example)']\nnegative_examples = ['t = \"tok_\"']\n")
        try sandbox.write("fails.toml", prefix + "examples = ['t = \"nothing here\"']\nnegative_examples = ['t = \"tok_\"']\n")
        try sandbox.write("broken.toml", "[[rules]\n")
        #expect(sandbox.keyhound(["rules", "check", "good.toml"]).status == 0)
        let failing = sandbox.keyhound(["rules", "check", "fails.toml"])
        #expect(failing.status == 1, "\(failing)")
        #expect(failing.stdout.contains("FAIL") && failing.stdout.contains("yields no finding"), "\(failing)")
        #expect(sandbox.keyhound(["rules", "check", "broken.toml"]).status == 2)
        #expect(sandbox.keyhound(["rules", "check", "--bogus"]).status == 64)
    }

    @Test func inventoryCheckAndAuditExitOneTwoAndSixtyFour() throws {
        let inventory = sandbox.root + "/keys.toml"
        let env = ["KEYHOUND_INVENTORY": inventory]
        let added = sandbox.keyhound(
            ["inventory", "add", "aws-prod", "--owner", "ops", "--consumer", "api", "--rotation-frequency", "30d",
             "--last-rotated", "2020-01-01"],
            stdin: Array(aws.utf8), environment: env)
        #expect(added.status == 0, "\(added)")
        let known = sandbox.keyhound(["inventory", "check"], stdin: Array(aws.utf8), environment: env)
        #expect(known.status == 0, "\(known)")
        let unknown = sandbox.keyhound(["inventory", "check"], stdin: Array("not-a-known-key-123".utf8), environment: env)
        #expect(unknown.status == 1, "\(unknown)")
        #expect(sandbox.keyhound(["inventory", "check", "--bogus"], environment: env).status == 64)
        let overdue = sandbox.keyhound(["inventory", "audit", "--now", "2026-01-01"], environment: env)
        #expect(overdue.status == 1, "\(overdue)")
        let fresh = sandbox.keyhound(["inventory", "audit", "--now", "2020-01-02"], environment: env)
        #expect(fresh.status == 0, "\(fresh)")
        try sandbox.write(sandbox.root + "/broken.toml", "[[keys]\n", in: "/")
        let broken = sandbox.keyhound(["inventory", "audit"], environment: ["KEYHOUND_INVENTORY": sandbox.root + "/broken.toml"])
        #expect(broken.status == 2, "\(broken)")
        let brokenCheck = sandbox.keyhound(
            ["inventory", "check"], stdin: Array(aws.utf8), environment: ["KEYHOUND_INVENTORY": sandbox.root + "/broken.toml"])
        #expect(brokenCheck.status == 2, "\(brokenCheck)")
        #expect(sandbox.keyhound(["inventory", "audit", "--now", "yesterday-ish"], environment: env).status == 64)
    }
}
