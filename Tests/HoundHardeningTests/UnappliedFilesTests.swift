import Foundation
import Testing

@testable import HoundCLI

/// A baseline, ignore file or inventory that cannot be read or parsed does not throw the scan
/// away: the scan runs, its findings are reported (not hidden, not matched with keys), a warning
/// at the top and the summary's errors name the file with `FILE:LINE:COLUMN`, and the exit
/// status is 2. Printing what a broken baseline would have hidden is the safe side.
@Suite(.timeLimit(.minutes(1)))
struct UnappliedFilesTests {
    /// One broken file, how it reaches the scan, and what the error says.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        var arguments: [String]
        var environment: [String: String] = [:]
        var message: String
        var testDescription: String { name }
    }

    static let brokenBaseline = "{\"keyhound_baseline\": 1, \"findings\": [\n  {\"rule\": \"x\"}\n]}"
    static let baselineMessage =
        "/b.json:2:3: each finding needs a \"rule\" and a \"fingerprint\" string (baseline not applied: the findings it would hide are reported)"

    static let cases: [Case] = [
        Case(
            name: "--baseline, malformed", files: ["b.json": brokenBaseline], arguments: ["--baseline", "b.json"],
            message: baselineMessage),
        Case(
            name: "--baseline, missing", files: [:], arguments: ["--baseline", "b.json"],
            message: "b.json: cannot read the file"),
        Case(
            name: "configuration's baseline",
            files: ["b.json": brokenBaseline, ".keyhound.toml": "baseline = \"b.json\"\n"],
            arguments: [], message: baselineMessage),
        Case(
            name: "--ignore-file", files: ["ignore": "# ok\nsha256:zz\n"], arguments: ["--ignore-file", "ignore"],
            message: "ignore:2:1: malformed fingerprint"),
        Case(
            name: ".keyhoundignore", files: [".keyhoundignore": "sha256:zz\n"], arguments: [],
            message: ".keyhoundignore:1:1: malformed fingerprint"),
        Case(
            name: "--inventory", files: ["keys.toml": "[[keys]]\nname = \n"], arguments: ["--inventory", "keys.toml"],
            message: "keys.toml:2:8: invalid TOML"),
        Case(
            name: "KEYHOUND_INVENTORY", files: ["keys.json": "{\"keys\": [1,]}"], arguments: [],
            environment: ["KEYHOUND_INVENTORY": "keys.json"], message: "keys.json:1:13: invalid JSON"),
        Case(
            name: "configuration's inventory",
            files: [
                "keys.toml": "[[keys]]\nname = \"a\"\nfingerprint = \"md5:0123\"\n",
                ".keyhound.toml": "inventory = \"keys.toml\"\n",
            ],
            arguments: [], message: "unknown fingerprint algorithm \"md5\""),
    ]

    /// A repository-like folder holding `a.txt` with a Stripe key, plus `files`.
    func project(_ files: [String: String]) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.mkdir(".git")
        try scratch.write("a.txt", "k = \"\(KnownSecrets.stripe)\"\n")
        for (name, text) in files { try scratch.write(name, text) }
        return scratch
    }

    @Test(arguments: cases)
    func findingsAreReportedWithTheProblemAtTheTopAndInTheSummary(_ row: Case) throws {
        let scratch = try project(row.files)
        let run = keyhound(
            ["scan", "a.txt", "--no-progress"] + row.arguments, in: scratch.path, environment: row.environment)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.err.hasPrefix("keyhound: warning: "), "\(run.err)")
        #expect(run.err.contains(row.message), "\(run.err)")
        #expect(run.out.contains("a.txt:1:"), "the finding is reported: \(run.out)")
        #expect(run.out.contains("1 finding"), "\(run.out)")
        #expect(run.out.contains("; 1 error"), "summary line: \(run.out)")
        #expect(run.out.contains(row.message), "errors block: \(run.out)")
        #expect(!run.all.contains(KnownSecrets.stripe))
    }

    @Test func aBaselineThatWouldHideTheFindingIsNotSilentWhenBroken() throws {
        let scratch = try project([:])
        let create = keyhound(["baseline", "create", "a.txt", "--no-progress", "-o", "b.json"], in: scratch.path)
        #expect(create.status == .clean, "\(create.all)")
        let hidden = keyhound(["scan", "a.txt", "--no-progress", "--baseline", "b.json"], in: scratch.path)
        #expect(hidden.status == .clean, "\(hidden.all)")
        let text = try #require(scratch.read("b.json"))
        try scratch.write("b.json", Array(text.dropLast(3)))
        let broken = keyhound(["scan", "a.txt", "--no-progress", "--baseline", "b.json"], in: scratch.path)
        #expect(broken.status == .incomplete, "\(broken.all)")
        #expect(broken.out.contains("1 finding"), "\(broken.out)")
        #expect(broken.err.contains("baseline not applied"), "\(broken.err)")
    }

    /// Every format's summary holds the problem, and the finding is still there.
    @Test(arguments: ["json", "jsonl", "sarif", "github"])
    func everyFormatsSummaryNamesTheProblem(_ format: String) throws {
        let scratch = try project(["b.json": Self.brokenBaseline])
        let run = keyhound(
            ["scan", "a.txt", "--no-progress", "--baseline", "b.json", "-f", format], in: scratch.path)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.err.hasPrefix("keyhound: warning: \(scratch.path)\(Self.baselineMessage)"), "\(run.err)")
        let out = run.out
        switch format {
        case "json":
            let report = try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            let summary = try #require(report["summary"] as? [String: Any])
            #expect((summary["errors"] as? [String]) == [scratch.path + Self.baselineMessage])
            #expect((report["findings"] as? [Any])?.count == 1)
        case "jsonl":
            let lines = out.split(separator: "\n")
            #expect(lines.count == 2, "\(out)")
            let summary = try #require(
                JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
            let errors = (summary["summary"] as? [String: Any])?["errors"] as? [String]
            #expect(errors == [scratch.path + Self.baselineMessage])
        case "sarif":
            #expect(out.contains("\"executionSuccessful\": false") || out.contains("\"executionSuccessful\":false"))
            #expect(out.contains("b.json:2:3: each finding needs"), "\(out)")
            #expect(out.contains("\"ruleId\""), "the finding is reported")
        default:
            #expect(
                out.contains("::error title=keyhound scan error::\(scratch.path)/b.json:2:3: each finding needs"),
                "\(out)")
            #expect(out.contains("::error file=a.txt"), "\(out)")
        }
    }

    @Test func onLeakSaysTheInventoryCouldNotBeRead() throws {
        let scratch = try Scratch()
        let repo = try GitRepo(scratch)
        try scratch.write("repo/a.txt", "k = \"\(KnownSecrets.stripe)\"\n")
        try scratch.write("repo/keys.toml", "[[keys]]\nname = \n")
        try repo.git("add", "a.txt")
        try repo.git("commit", "-q", "-m", "add")
        let run = keyhound(
            ["scan", "--history", "--no-progress", "--on-leak", "--inventory", "keys.toml"], in: repo.path,
            environment: repo.environment)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.out.contains("1 finding"), "\(run.out)")
        #expect(run.err.contains("--on-leak: the inventory could not be read"), "\(run.err)")
    }
}
