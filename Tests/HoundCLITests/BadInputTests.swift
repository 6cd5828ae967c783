import Foundation
import Testing

/// Bad input gets a clear answer and the right exit status, never a crash, a hang, or a
/// half-written file.
@Suite("bad input")
final class BadInputTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 100)
        try sandbox.write("app.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n")
        try sandbox.commit("initial")
    }

    deinit { sandbox.remove() }

    @Test("--staged, --diff and hooks install outside a git repository: exit 2, 'not a git repository'")
    func notARepository() {
        for arguments in [["scan", "--staged"], ["scan", "--diff", "main..HEAD"], ["hooks", "install"]] {
            let run = sandbox.keyhound(arguments, in: sandbox.home)
            #expect(run.status == 2, "\(arguments): \(run)")
            #expect(run.stderr.contains("not a git repository"), "\(arguments): \(run)")
        }
    }

    @Test("a bare repository has nothing staged: exit 2 with a message")
    func bareStaged() throws {
        let bare = sandbox.root + "/bare.git"
        try sandbox.git(["clone", "-q", "--bare", sandbox.repo, bare], in: sandbox.root)
        let run = sandbox.keyhound(["scan", "--staged"], in: bare)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("bare"), "\(run)")
    }

    @Test("--staged outside the work tree (core.worktree elsewhere, or the .git folder): exit 2, not called bare")
    func stagedOutsideTheWorkTree() throws {
        let elsewhere = sandbox.root + "/elsewhere"
        var secrets = FakeSecrets(seed: 101)
        try sandbox.git(["init", "-q", elsewhere], in: sandbox.root)
        try sandbox.write("foreign.env", "aws_access_key_id = \(secrets.awsAccessKeyID())\n", in: elsewhere)
        let repository = sandbox.root + "/pointing"
        try sandbox.git(["init", "-q", repository], in: sandbox.root)
        try sandbox.git(["config", "core.worktree", elsewhere], in: repository)
        for folder in [repository, repository + "/.git"] {
            let run = sandbox.keyhound(["scan", "--staged"], in: folder)
            #expect(run.status == 2, "\(folder): \(run)")
            #expect(run.stderr.contains("not inside the work tree of the git repository"), "\(folder): \(run)")
            #expect(!run.stderr.contains("bare"), "\(folder): \(run)")
        }
        // The foreign folder is not followed by a working-tree scan either.
        let scan = sandbox.keyhound(["scan", "."], in: repository)
        #expect(!scan.stdout.contains("aws-access-key-id"), "\(scan)")
    }

    @Test("git missing (KEYHOUND_GIT or PATH without git): exit 2, the message says git was not found")
    func gitMissing() {
        for environment in [["KEYHOUND_GIT": "/nonexistent/git"], ["PATH": "/nonexistent"]] {
            for arguments in [
                ["scan", "--staged"], ["scan", "--diff", "HEAD"], ["scan", "--history"], ["hooks", "install"],
            ] {
                let run = sandbox.keyhound(arguments, environment: environment)
                #expect(run.status == 2, "\(environment) \(arguments): \(run)")
                #expect((run.stdout + run.stderr).contains("not found"), "\(environment) \(arguments): \(run)")
            }
        }
    }

    @Test("errors reach stderr even when the report goes to a file or is machine-readable")
    func errorsOnStderr() throws {
        let run = sandbox.keyhound(
            ["scan", "--history", "--format", "sarif", "--output", sandbox.root + "/report.sarif"], in: sandbox.home)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("not a git repository"), "\(run)")
        let json = sandbox.keyhound(["scan", "--history", "--format", "json"], in: sandbox.home)
        #expect(json.status == 2)
        #expect(json.stderr.contains("not a git repository"), "\(json)")
        #expect(try JSON.object(json.stdoutBytes)["summary"] != nil, "stdout stays one JSON document")
        let baseline = sandbox.keyhound(
            ["baseline", "create", "--history", "--output", sandbox.root + "/b.json"], in: sandbox.home)
        #expect(baseline.status == 2, "\(baseline)")
        #expect(baseline.stderr.contains("not a git repository"), "\(baseline)")
    }

    @Test("--output into a missing folder: exit 2 naming it, nothing written")
    func outputFolderMissing() throws {
        let run = sandbox.keyhound(["scan", "--output", sandbox.root + "/no/such/folder/report.txt"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("report.txt"), "\(run)")
        #expect(!sandbox.exists("no", in: sandbox.root))
    }

    @Test(
        "an interrupted run (SIGINT mid-scan) leaves the previous --output file intact and no temporary file",
        .enabled(if: Built.binary != nil))
    func interrupted() throws {
        let reports = sandbox.root + "/reports"
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        try sandbox.write("report.json", "previous report\n", in: reports)
        // The shell becomes keyhound (exec) and a background job sends it SIGINT, as Ctrl-C would.
        // The package's own tree is big enough to take a while in a debug build.
        let script = "(sleep 0.4; kill -INT $$) & exec \"$0\" scan \"$1\" --no-progress --format json --output \"$2\""
        let result = try sandbox.spawn(
            "/bin/sh", ["-c", script, Built.binary ?? "keyhound", Built.packageRoot, reports + "/report.json"])
        let report = try sandbox.read("report.json", in: reports)
        if result.signal == SIGINT {
            #expect(report == "previous report\n")
        } else {
            // The scan finished before the signal: the report is whole.
            #expect(result.status <= 2, "\(result.stderrText)")
            #expect((try? JSON.object(Array(report.utf8))) != nil, "a partial report: \(report.prefix(200))")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports) == ["report.json"])
    }

    @Test("files above --max-file-size are skipped with a notice, in a tree and in history")
    func oversized() throws {
        var secrets = FakeSecrets(seed: 101)
        let big = String(repeating: "# filler line\n", count: 200) + "KEY = \"\(secrets.awsAccessKeyID())\"\n"
        try sandbox.write("big.py", big)
        try sandbox.commit("big")
        for mode in [[], ["--history"]] {
            let run = sandbox.keyhound(["scan", "--max-file-size", "1KB", "--format", "json"] + mode)
            #expect(JSON.at(try run.json(), "summary", "skipped_large") as? Int == 1, "\(mode): \(run)")
            #expect(try run.findings().allSatisfy { $0["path"] as? String != "big.py" })
            #expect(run.stderr.contains("big.py"), "\(mode): \(run)")
        }
        let bad = sandbox.keyhound(["scan", "--max-file-size", "huge"])
        #expect(bad.status == 64, "\(bad)")
    }

    @Test("a corrupt object in history: a message naming the damage, no crash or hang")
    func corruptObject() throws {
        let blob = try sandbox.git(["rev-parse", "HEAD:app.py"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = sandbox.repo + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object)
        try Data("this is not zlib".utf8).write(to: URL(fileURLWithPath: object))
        let run = sandbox.keyhound(["scan", "--history"])
        // The sweep goes on past the damaged blob, names it and its path, and exits 2: incomplete.
        #expect(run.status == 2, "\(run)")
        #expect(run.stdout.contains("app.py: blob \(blob) is missing or damaged"), "\(run)")
    }

    @Test("a malformed or missing configuration: exit 2 naming file:line:column (as a missing baseline or inventory)")
    func badConfiguration() throws {
        try sandbox.write(".keyhound.toml", "[allowlist]\npaths = [\n")
        let run = sandbox.keyhound(["scan"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains(".keyhound.toml:"), "\(run)")
        let missing = sandbox.keyhound(["scan", "--config", "nowhere.toml"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("nowhere.toml"))
    }

    @Test("a broken [rotation] table fails a scan too: exit 2 at file:line:column with a did-you-mean")
    func brokenRotationTableFailsAScan() throws {
        try sandbox.write(".keyhound.toml", "[rotation]\ntimeout = \"5m\"\n\n[rotation.defaults.aws]\ngarce = \"1h\"\n")
        let run = sandbox.keyhound(["scan"])
        #expect(run.status == 2, "\(run)")
        #expect(
            run.stderr.contains(".keyhound.toml:5:1: unknown field \"garce\" in [rotation.defaults.aws] (did you mean \"grace\"?)"),
            "\(run)")
    }

    @Test("the same misspelt field gets the same answer in a configuration and in a TOML or JSON inventory")
    func aMisspeltFieldIsAnsweredAlikeInEveryFile() throws {
        try sandbox.write("rules.toml", "[[rules]]\nid = \"demo\"\nregex = \"demo_[a-z]{8}\"\ndescripton = \"d\"\n")
        try sandbox.write("keys.toml", "[[keys]]\nname = \"demo\"\ndescripton = \"d\"\n")
        try sandbox.write("keys.json", "{\"keys\": [{\"name\": \"demo\", \"descripton\": \"d\"}]}\n")
        let answers = [
            (["scan", "--config", "rules.toml"], "rules.toml:4:1: unknown field \"descripton\" in rule \"demo\" (did you mean \"description\"?)"),
            (
                ["inventory", "list", "--inventory", "keys.toml"],
                "keys.toml:3:1: key \"demo\": unknown field \"descripton\" (did you mean \"description\"?)"
            ),
            (
                ["inventory", "list", "--inventory", "keys.json"],
                "keys.json:1:28: key \"demo\": unknown field \"descripton\" (did you mean \"description\"?)"
            ),
        ]
        for (arguments, answer) in answers {
            let run = sandbox.keyhound(arguments)
            #expect(run.status == 2, "\(arguments): \(run)")
            #expect(run.stderr.contains(answer), "\(arguments): \(run)")
        }
    }

    @Test("conflicting modes and misplaced options are usage errors")
    func usageErrors() {
        for arguments in [
            ["scan", "--staged", "--history"], ["scan", "--branch", "main"], ["scan", "--staged", "src"],
            ["scan", "-j", "0"], ["scan", "--on-leak", "--staged"], ["scan", "--output"], ["hooks"],
            ["inventory", "frobnicate"],
        ] {
            let run = sandbox.keyhound(arguments)
            #expect(run.status == 64, "\(arguments): \(run)")
            #expect(!run.stderr.isEmpty)
        }
    }
}
