import Foundation
import Testing

/// `keyhound sweep --repos FILE` and `keyhound report merge`: a list of repositories (a work
/// tree, a bare clone, a `file://` URL, a missing path, a shallow clone) swept like
/// `scan --history`, each finding carrying its repository.
///
///     alpha (work tree):  app.env with a GitHub token (shared) and keys.py with an AWS key
///     beta  (bare clone): a clone of gamma's history plus config.env with the shared token
///     gamma (file:// URL): slack.py with a Slack token
///     missing:            no such folder
///     shallow:            a depth-1 clone of alpha (fails: history incomplete)
@Suite("sweep")
final class SweepTests {
    let sandbox: Sandbox
    let shared: String
    let aws: String
    let slack: String
    var list: String { sandbox.root + "/repos.txt" }

    init() throws {
        sandbox = try Sandbox(initialize: false)
        var secrets = FakeSecrets(seed: 1313)
        shared = secrets.githubToken()
        aws = secrets.awsAccessKeyID()
        slack = secrets.slackBotToken()
        let alpha = sandbox.root + "/alpha"
        try sandbox.git(["init", "-q", "-b", "main", alpha], in: sandbox.root)
        try sandbox.write("app.env", "GITHUB_TOKEN=\(shared)\n", in: alpha)
        try sandbox.write("keys.py", "AWS = \"\(aws)\"\n", in: alpha)
        try sandbox.commit("alpha: keys", in: alpha)

        let gamma = sandbox.root + "/gamma"
        try sandbox.git(["init", "-q", "-b", "main", gamma], in: sandbox.root)
        try sandbox.write("slack.py", "SLACK = \"\(slack)\"\n", in: gamma)
        try sandbox.commit("gamma: slack", in: gamma)

        let work = sandbox.root + "/beta-work"
        try sandbox.git(["init", "-q", "-b", "main", work], in: sandbox.root)
        try sandbox.write("config.env", "TOKEN=\(shared)\n", in: work)
        try sandbox.commit("beta: config", in: work)
        try sandbox.git(["clone", "-q", "--bare", work, sandbox.root + "/beta.git"], in: sandbox.root)

        try sandbox.git(["clone", "-q", "--depth", "1", "file://" + alpha, sandbox.root + "/shallow"], in: sandbox.root)
        try sandbox.write(
            "repos.txt",
            """
            # organisation repositories
            alpha
            beta.git   # a bare clone
            file://\(gamma)

            missing
            shallow
            """, in: sandbox.root)
    }

    deinit { sandbox.remove() }

    func sweep(_ extra: [String], environment: [String: String] = [:]) -> KeyhoundRun {
        sandbox.keyhound(
            ["sweep", "--repos", list, "--cache", sandbox.root + "/cache", "--no-progress"] + extra, in: sandbox.root,
            environment: environment)
    }

    /// The finding lines of a jsonl report (everything but the summary).
    func findingLines(_ run: KeyhoundRun) -> [String] {
        run.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("{\"summary\"") }
    }

    @Test("every finding names its repository; a secret in two repositories is two findings")
    func repositoriesOnFindings() throws {
        let run = sweep(["-f", "jsonl"])
        #expect(run.status == 2, "missing and shallow fail: \(run)")
        let lines = try run.jsonLines()
        let findings = lines.filter { $0["summary"] == nil }
        let byRepository = Dictionary(grouping: findings) { JSON.at($0, "repository", "name") as? String ?? "?" }
        #expect(byRepository["alpha"]?.count == 2)
        #expect(byRepository["beta"]?.count == 1)
        #expect(byRepository["gamma"]?.count == 1)
        #expect(byRepository["shallow"]?.count == 2, "a shallow clone is swept as far as it goes")
        let sharedFindings = findings.filter { ($0["rule"] as? String) == "github-pat" }
        #expect(sharedFindings.count == 3)
        for finding in sharedFindings { #expect(finding["also_in"] as? Int == 2) }
        #expect(findings.filter { ($0["rule"] as? String) == "slack-bot-token" }.first?["also_in"] as? Int == 0)
        #expect(JSON.at(byRepository["gamma"]?.first, "repository", "location") as? String == "file://" + sandbox.root + "/gamma")

        let summary = try #require(lines.last?["summary"] as? [String: Any])
        let repositories = try #require(summary["repositories"] as? [[String: Any]])
        #expect(repositories.map { $0["name"] as? String } == ["alpha", "beta", "gamma", "missing", "shallow"])
        let failed = repositories.filter { ($0["status"] as? String) == "failed" }
        #expect(failed.map { $0["name"] as? String } == ["missing", "shallow"])
        #expect((failed.first?["reason"] as? String)?.contains("does not exist") == true)
        #expect((failed.last?["reason"] as? String)?.contains("shallow") == true)
        #expect(!run.stdout.contains(shared) && !run.stdout.contains(aws) && !run.stdout.contains(slack))
    }

    @Test("-f jsonl is streamed repository by repository: the findings, order and summary the assembled json report has")
    func streamedLinesMatchTheAssembledReport() throws {
        let streamed = sweep(["-f", "jsonl", "-o", sandbox.root + "/streamed.jsonl"])
        let assembled = sweep(["-f", "json"])
        #expect(streamed.status == 2 && assembled.status == 2)
        let lines = try String(contentsOfFile: sandbox.root + "/streamed.jsonl", encoding: .utf8)
            .split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary) }
        let document = try assembled.json()
        let findings = try #require(document["findings"] as? [[String: Any]]).map { NSDictionary(dictionary: $0) }
        #expect(findings.count == 6, "alpha 2, beta 1, gamma 1, shallow 2")
        #expect(Array(lines.dropLast()) == findings, "the same findings in the same order, also_in included")
        var summary = try #require(lines.last?["summary"] as? [String: Any])
        var whole = try #require(document["summary"] as? [String: Any])
        summary["seconds"] = nil
        whole["seconds"] = nil
        #expect(NSDictionary(dictionary: summary) == NSDictionary(dictionary: whole))
    }

    @Test("text and SARIF name the repository too")
    func otherFormats() throws {
        let text = sweep([])
        #expect(text.stdout.contains("repository  alpha ("))
        #expect(text.stdout.contains("also in 2 other repositories"))
        #expect(text.stdout.contains("missing ("))
        let sarif = sweep(["-f", "sarif"])
        let results = try #require(JSON.at(try sarif.json(), "runs", 0, "results") as? [[String: Any]])
        #expect(results.count == 6)
        #expect(results.allSatisfy { JSON.at($0, "properties", "repository", "name") is String })
    }

    @Test("a URL is mirrored into the cache and fetched on the next sweep")
    func mirrorFetched() throws {
        _ = sweep(["-f", "jsonl"])
        let cached = try FileManager.default.contentsOfDirectory(atPath: sandbox.root + "/cache")
        #expect(cached.count == 1 && cached[0].hasSuffix("-gamma.git"))
        var secrets = FakeSecrets(seed: 99)
        let later = secrets.awsAccessKeyID()
        try sandbox.write("later.py", "KEY = \"\(later)\"\n", in: sandbox.root + "/gamma")
        try sandbox.commit("gamma: later", in: sandbox.root + "/gamma")
        let again = sweep(["-f", "jsonl"])
        let gamma = try again.jsonLines().filter { JSON.at($0, "repository", "name") as? String == "gamma" }
        #expect(gamma.count == 2, "\(again)")
    }

    @Test("a clone that fails is a failed repository; the sweep goes on")
    func cloneFailure() throws {
        try sandbox.write("bad.txt", "file://\(sandbox.root)/nowhere\nalpha\n", in: sandbox.root)
        let run = sandbox.keyhound(
            ["sweep", "--repos", "bad.txt", "--cache", "cache", "-f", "jsonl", "--no-progress"], in: sandbox.root)
        #expect(run.status == 2)
        let summary = try #require(try run.jsonLines().last?["summary"] as? [String: Any])
        let failed = (summary["repositories"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "failed" }
        #expect((failed.first?["reason"] as? String)?.contains("git clone failed") == true)
        #expect(try run.jsonLines().count == 3, "alpha's two findings and the summary")
        #expect(run.stderr.contains("nowhere"))
    }

    @Test("--state: a sweep killed half-way and started again skips the repositories already done")
    func resumes() throws {
        guard let binary = Built.binary else {
            Issue.record("the keyhound binary was not built")
            return
        }
        let state = sandbox.root + "/state"
        // git that hangs on cloning "slow": the sweep is killed there, after alpha and beta.
        try sandbox.git(["clone", "-q", "--bare", sandbox.root + "/gamma", sandbox.root + "/slow.git"], in: sandbox.root)
        try sandbox.write("slowgit", "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in *slow*) sleep 120;; esac; done\nexec git \"$@\"\n", in: sandbox.root)
        chmod(sandbox.root + "/slowgit", 0o755)
        try sandbox.write("killed.txt", "alpha\nbeta.git\nfile://\(sandbox.root)/slow.git\n", in: sandbox.root)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["sweep", "--repos", "killed.txt", "--state", state, "--cache", "cache", "-f", "jsonl", "--no-progress"]
        process.currentDirectoryURL = URL(fileURLWithPath: sandbox.root)
        process.environment = sandbox.environment.merging(["KEYHOUND_GIT": sandbox.root + "/slowgit"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var done: [String] = []
        while Date() < deadline {
            done = (try? FileManager.default.contentsOfDirectory(atPath: state + "/done")) ?? []
            if done.count == 2 { break }
            usleep(50_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(done.count == 2, "alpha and beta were checkpointed before the kill")
        for file in done {
            let text = try String(contentsOfFile: state + "/done/" + file, encoding: .utf8)
            #expect(!text.contains(shared) && !text.contains(aws))
        }
        // alpha is gone: had it been swept again, it would fail.
        try FileManager.default.moveItem(atPath: sandbox.root + "/alpha", toPath: sandbox.root + "/alpha-moved")
        let resumed = sandbox.keyhound(
            ["sweep", "--repos", "killed.txt", "--state", state, "--cache", "cache", "-f", "jsonl", "--no-progress"],
            in: sandbox.root)
        #expect(resumed.status == 1, "\(resumed)")
        let names = try resumed.jsonLines().compactMap { JSON.at($0, "repository", "name") as? String }
        #expect(names == ["alpha", "alpha", "beta", "slow"])
        let left = try FileManager.default.contentsOfDirectory(atPath: state + "/done")
        #expect(left.isEmpty, "a finished sweep clears its checkpoints (and the half-written one of the killed sweep): \(left)")
    }

    @Test("--since-last: only what is new since the last sweep; force-pushed and deleted refs handled")
    func sinceLast() throws {
        let state = sandbox.root + "/tips-state"
        try sandbox.write("one.txt", "alpha\n", in: sandbox.root)
        func run() throws -> [[String: Any]] {
            let result = sandbox.keyhound(
                ["sweep", "--repos", "one.txt", "--state", state, "--since-last", "-f", "jsonl", "--no-progress"],
                in: sandbox.root)
            #expect(result.status != 2 && result.status != 64, "\(result)")
            return try result.jsonLines().filter { $0["summary"] == nil }
        }
        #expect(try run().count == 2, "the first sweep sees everything")
        #expect(try run().isEmpty, "nothing new")
        let alpha = sandbox.root + "/alpha"
        var secrets = FakeSecrets(seed: 7)
        try sandbox.write("new.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n", in: alpha)
        try sandbox.commit("alpha: new key", in: alpha)
        let new = try run()
        #expect(new.map { $0["path"] as? String } == ["new.py"])
        // Rewrite history: the new commit is amended (a force push) and a branch is deleted.
        try sandbox.git(["branch", "doomed"], in: alpha)
        _ = try run()
        try sandbox.write("new.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n", in: alpha)
        try sandbox.git(["add", "-A"], in: alpha)
        try sandbox.git(["commit", "-q", "--amend", "-m", "alpha: amended"], in: alpha)
        try sandbox.git(["branch", "-D", "doomed"], in: alpha)
        let rewritten = try run()
        #expect(rewritten.map { $0["path"] as? String } == ["new.py"], "the amended commit is scanned")
        #expect(try run().isEmpty)
        // Once git has collected the old tips, nothing excludes them: the ref is swept in full.
        try sandbox.write("new.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n", in: alpha)
        try sandbox.git(["add", "-A"], in: alpha)
        try sandbox.git(["commit", "-q", "--amend", "-m", "alpha: amended again"], in: alpha)
        try sandbox.git(["reflog", "expire", "--expire=now", "--all"], in: alpha)
        try sandbox.git(["gc", "-q", "--prune=now"], in: alpha)
        #expect(try run().map { $0["path"] as? String } == ["app.env", "keys.py", "new.py"])
        #expect(sandbox.keyhound(["sweep", "--repos", "one.txt", "--since-last"], in: sandbox.root).status == 64)
    }

    @Test("--since-last with nothing new starts no git child: the ref files are read as they are")
    func sinceLastStartsNoGit() throws {
        let state = sandbox.root + "/quiet-state"
        let log = sandbox.root + "/git.log"
        try sandbox.write("loggit", "#!/bin/sh\necho \"$*\" >> '\(log)'\nexec git \"$@\"\n", in: sandbox.root)
        chmod(sandbox.root + "/loggit", 0o755)
        try sandbox.write("two.txt", "alpha\nbeta.git\n", in: sandbox.root)
        func run() -> KeyhoundRun {
            sandbox.keyhound(
                ["sweep", "--repos", "two.txt", "--state", state, "--since-last", "-f", "jsonl", "--no-progress"],
                in: sandbox.root, environment: ["KEYHOUND_GIT": sandbox.root + "/loggit"])
        }
        #expect(run().status == 1)
        #expect(FileManager.default.fileExists(atPath: log), "the first sweep asks git")
        try FileManager.default.removeItem(atPath: log)
        let quiet = run()
        #expect(quiet.status == 0, "\(quiet)")
        #expect(!FileManager.default.fileExists(atPath: log), "no git child when no ref file changed")
        // A repack changes the files but no ref: git is asked once, and then no more.
        try sandbox.git(["pack-refs", "--all"], in: sandbox.root + "/alpha")
        #expect(run().status == 0)
        #expect(FileManager.default.fileExists(atPath: log))
        try FileManager.default.removeItem(atPath: log)
        #expect(run().status == 0)
        #expect(!FileManager.default.fileExists(atPath: log))
        // A new commit is seen.
        var secrets = FakeSecrets(seed: 11)
        try sandbox.write("later.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n", in: sandbox.root + "/alpha")
        try sandbox.commit("alpha: later", in: sandbox.root + "/alpha")
        let later = run()
        #expect(later.status == 1)
        #expect(try later.jsonLines().compactMap { $0["path"] as? String } == ["later.py"])
    }

    @Test("--shard I/N: three shards merged equal one unsharded sweep, finding for finding")
    func shardsMerge() throws {
        let whole = sweep(["-f", "jsonl"])
        var parts: [String] = []
        var seen: [String] = []
        for index in 0..<3 {
            let part = sandbox.root + "/shard-\(index).jsonl"
            let run = sweep(["-f", "jsonl", "--shard", "\(index)/3", "-o", part])
            #expect(run.status != 64, "\(run)")
            parts.append(part)
            seen += try String(contentsOfFile: part, encoding: .utf8).split(separator: "\n").filter {
                $0.hasPrefix("{\"summary\"")
            }.map(String.init)
        }
        let merged = sandbox.keyhound(["report", "merge", "-f", "jsonl"] + parts, in: sandbox.root)
        #expect(merged.status == 2)
        #expect(findingLines(merged) == findingLines(whole))
        let wholeSummary = try #require(try whole.jsonLines().last?["summary"] as? [String: Any])
        let mergedSummary = try #require(try merged.jsonLines().last?["summary"] as? [String: Any])
        #expect(
            (mergedSummary["repositories"] as? [[String: Any]])?.map { $0["name"] as? String }
                == (wholeSummary["repositories"] as? [[String: Any]])?.map { $0["name"] as? String })
        #expect((mergedSummary["errors"] as? [String]) == (wholeSummary["errors"] as? [String]))
        #expect((mergedSummary["findings"] as? Int) == (wholeSummary["findings"] as? Int))
        #expect(seen.count == 3)
    }

    @Test("N processes with JOB_COMPLETION_INDEX, as an Indexed Job runs them, merge to one sweep")
    func indexedJob() throws {
        guard Built.binary != nil else {
            Issue.record("the keyhound binary was not built")
            return
        }
        let whole = sweep(["-f", "jsonl"])
        var parts: [String] = []
        for index in 0..<4 {
            let part = sandbox.root + "/job-\(index).jsonl"
            _ = try sandbox.keyhoundProcess(
                ["sweep", "--repos", list, "--cache", sandbox.root + "/cache-\(index)", "--shard", "auto/4", "-f", "jsonl",
                 "-o", part, "--no-progress"],
                in: sandbox.root, environment: ["JOB_COMPLETION_INDEX": "\(index)"])
            parts.append(part)
        }
        let merged = sandbox.keyhound(["report", "merge", "-f", "jsonl"] + parts, in: sandbox.root)
        #expect(findingLines(merged) == findingLines(whole))
    }

    @Test("a repository lands in the same shard whatever the order of the list")
    func stableShards() throws {
        let order1 = sandbox.keyhound(["sweep", "--repos", list, "--shard", "1/2", "-f", "jsonl", "--no-progress", "--cache", "c"], in: sandbox.root)
        let lines = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").reversed().joined(separator: "\n")
        try sandbox.write("reversed.txt", lines, in: sandbox.root)
        let order2 = sandbox.keyhound(["sweep", "--repos", "reversed.txt", "--shard", "1/2", "-f", "jsonl", "--no-progress", "--cache", "c"], in: sandbox.root)
        #expect(findingLines(order1) == findingLines(order2))
    }

    @Test("--inventory and --on-leak: the shared key is matched in every repository, its policy applied once")
    func inventoryAndOnLeak() throws {
        let added = sandbox.keyhound(
            ["inventory", "add", "deploy-token", "--owner", "platform", "--inventory", "keys.toml"],
            in: sandbox.root, stdin: Array(shared.utf8))
        #expect(added.status == 0, "\(added)")
        let run = sweep(["-f", "jsonl", "--inventory", "keys.toml", "--on-leak"])
        let matched = try run.jsonLines().filter { JSON.at($0, "key", "name") as? String == "deploy-token" }
        #expect(matched.count == 3)
        #expect(matched.allSatisfy { JSON.at($0, "key", "owner") as? String == "platform" })
        #expect(run.stderr.components(separatedBy: "--on-leak").count == 2, "once for the sweep: \(run.stderr)")
    }

    @Test(
        "on a terminal, a progress line counts repositories and names the current one",
        .enabled(if: Built.which("script") != nil && Built.binary != nil, "needs script(1) (util-linux) and the built binary"))
    func progressOnTerminal() throws {
        let command = "\(Built.binary!) sweep --repos \(list) --cache \(sandbox.root)/cache -o \(sandbox.root)/out.txt"
        let run = try sandbox.spawn("script", ["-qec", command, "/dev/null"], in: sandbox.root)
        #expect(run.stdoutText.contains("/5 repositories"), "\(run.stdoutText)")
        #expect(run.stdoutText.contains(", alpha") && run.stdoutText.contains(", shallow"))
        #expect(!run.stdoutText.contains(shared))
    }

    @Test("usage errors and --help")
    func usage() {
        #expect(sandbox.keyhound(["sweep"], in: sandbox.root).status == 64)
        #expect(sweep(["--shard", "3/3"]).status == 64)
        #expect(sweep(["--shard", "auto/3"]).status == 64)
        #expect(sweep(["--shard", "auto/3"], environment: ["JOB_COMPLETION_INDEX": "7"]).status == 64)
        let help = sandbox.keyhound(["sweep", "--help"], in: sandbox.root)
        #expect(help.status == 0 && help.stdout.contains("--repos FILE") && help.stdout.contains("--shard I/N"))
        #expect(sandbox.keyhound(["report", "merge", "--help"], in: sandbox.root).stdout.contains("report merge FILE"))
        #expect(sandbox.keyhound(["report", "merge"], in: sandbox.root).status == 64)
    }

    @Test("report merge refuses a file cut short")
    func truncated() throws {
        let whole = sweep(["-f", "jsonl"])
        let cut = findingLines(whole).joined(separator: "\n") + "\n"
        try sandbox.write("cut.jsonl", cut, in: sandbox.root)
        let merged = sandbox.keyhound(["report", "merge", "cut.jsonl"], in: sandbox.root)
        #expect(merged.status == 2 && merged.stderr.contains("summary"))
        try sandbox.write("junk.jsonl", "{\"rule\": 1}\nnot json\n", in: sandbox.root)
        let junk = sandbox.keyhound(["report", "merge", "junk.jsonl"], in: sandbox.root)
        #expect(junk.status == 2 && junk.stderr.contains("junk.jsonl:1"))
    }
}
