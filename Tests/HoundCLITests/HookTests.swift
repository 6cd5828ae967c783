import Foundation
import HoundSupport
import Testing

/// `keyhound hooks install|uninstall` and the installed hooks, run by real `git commit` and
/// `git push` with the built binary (`KEYHOUND`).
@Suite("git hooks", .enabled(if: Built.binary != nil, "the keyhound binary was not built"))
final class HookTests {
    let sandbox: Sandbox
    var secrets = FakeSecrets(seed: 60)
    /// The environment a hook sees: `KEYHOUND` names the built binary.
    let hookEnvironment: [String: String]

    init() throws {
        sandbox = try Sandbox()
        hookEnvironment = ["KEYHOUND": Built.binary ?? "/nonexistent"]
        try sandbox.write("README.md", "# hooks\n")
        try sandbox.commit("initial")
    }

    deinit { sandbox.remove() }

    /// `git commit -m MESSAGE` with hooks enabled, after staging everything.
    func commitWithHooks(_ message: String, environment extra: [String: String] = [:], all: Bool = false) throws
        -> SubprocessResult
    {
        if !all { try sandbox.git(["add", "-A"]) }
        return try sandbox.spawn(
            "git", ["commit", "-q"] + (all ? ["-a"] : []) + ["-m", message],
            environment: hookEnvironment.merging(extra) { $1 })
    }

    func install(_ extra: [String] = []) throws -> KeyhoundRun {
        let run = sandbox.keyhound(["hooks", "install"] + extra)
        #expect(run.status == 0, "\(run)")
        return run
    }

    func isExecutable(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    @Test("the pre-commit hook blocks a commit adding a secret and lets a clean one through")
    func preCommitBlocks() throws {
        _ = try install()
        #expect(isExecutable(sandbox.repo + "/.git/hooks/pre-commit"))
        let before = try sandbox.head()
        let key = secrets.awsAccessKeyID()
        try sandbox.write("settings.py", "DEBUG = True\nAWS_KEY = \"\(key)\"\n")
        let blocked = try commitWithHooks("add settings")
        #expect(!blocked.succeeded, "the commit went through")
        #expect(try sandbox.head() == before)
        let message = blocked.stdoutText + blocked.stderrText
        #expect(message.contains("settings.py:2"), "\(message)")
        #expect(message.contains("aws-access-key-id"))
        #expect(message.contains("keyhound:allow"))
        #expect(!message.contains(key))

        try sandbox.write("settings.py", "DEBUG = True\nAWS_KEY = os.environ[\"AWS_KEY\"]\n")
        let clean = try commitWithHooks("add settings")
        #expect(clean.succeeded, "\(clean.stderrText)")
        #expect(try sandbox.head() != before)
    }

    @Test("git commit -a: the hook scans the index git is about to commit")
    func commitAll() throws {
        _ = try install()
        try sandbox.write("README.md", "# hooks\ntoken: \(secrets.githubToken())\n")
        let blocked = try commitWithHooks("edit readme", all: true)
        #expect(!blocked.succeeded, "the commit went through: \(blocked.stderrText)")
        // Blocked by the finding, not by a hook failing closed.
        let output = blocked.stdoutText + blocked.stderrText
        #expect(output.contains("README.md:2") && output.contains("github-pat"), "\(output)")
    }

    @Test("installed by a binary that is not on PATH, the hook runs that binary by its absolute path")
    func absolutePathWhenNotOnPath() throws {
        let path = "/usr/bin:/bin"  // git and sh, not keyhound
        let installed = try sandbox.keyhoundProcess(["hooks", "install"], environment: ["PATH": path])
        #expect(installed.status == 0, "\(installed)")
        let hook = try sandbox.read(".git/hooks/pre-commit")
        #expect(hook.contains(Built.binary ?? "?"), "\(hook)")
        try sandbox.write("keys.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n")
        try sandbox.git(["add", "-A"])
        let blocked = try sandbox.spawn("git", ["commit", "-q", "-m", "keys"], environment: ["PATH": path])
        #expect(!blocked.succeeded, "the commit went through: \(blocked.stderrText)")
        #expect(blocked.stdoutText.contains("keys.py:1") || blocked.stderrText.contains("keys.py:1"))
    }

    @Test("the hook fails closed when keyhound cannot be found")
    func failsClosed() throws {
        _ = try install()
        let before = try sandbox.head()
        try sandbox.write("notes.txt", "nothing secret\n")
        let blocked = try commitWithHooks("notes", environment: ["KEYHOUND": "/nonexistent/keyhound"])
        #expect(!blocked.succeeded)
        #expect(blocked.stderrText.contains("not found"), "\(blocked.stderrText)")
        #expect(try sandbox.head() == before)
        // --no-verify is the documented way around it.
        try sandbox.git(
            ["commit", "-q", "--no-verify", "-m", "notes"], environment: ["KEYHOUND": "/nonexistent/keyhound"])
        #expect(try sandbox.head() != before)
    }

    @Test("core.hooksPath is honoured: the hook is written there and git runs it")
    func hooksPath() throws {
        try sandbox.git(["config", "core.hooksPath", ".githooks"])
        let run = try install()
        #expect(run.stdout.contains(".githooks/pre-commit"), "\(run)")
        #expect(isExecutable(sandbox.repo + "/.githooks/pre-commit"))
        #expect(!sandbox.exists(".git/hooks/pre-commit"))
        try sandbox.git(["add", ".githooks"])
        try sandbox.git(["commit", "-q", "--no-verify", "-m", "hooks"])
        try sandbox.write("app.env", "SLACK='\(secrets.slackBotToken())'\n")
        let blocked = try commitWithHooks("chat")
        #expect(!blocked.succeeded, "the hook in core.hooksPath did not run")
        let output = blocked.stdoutText + blocked.stderrText
        #expect(output.contains("app.env:1") && output.contains("slack-bot-token"), "\(output)")
    }

    @Test("an existing hook is chained: it runs first, its failure blocks, uninstall restores it")
    func chaining() throws {
        let hooks = sandbox.repo + "/.git/hooks"
        let original = "#!/bin/sh\necho ran >> chained.log\nexit ${CHAINED_STATUS:-0}\n"
        try sandbox.write("pre-commit", original, in: hooks)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks + "/pre-commit")
        try sandbox.write(".gitignore", "chained.log\n")
        try sandbox.git(["add", ".gitignore"])
        try sandbox.git(["commit", "-q", "--no-verify", "-m", "ignore the log"])

        let run = try install()
        #expect(run.stdout.contains("runs first"), "\(run)")
        #expect(try sandbox.read("pre-commit.keyhound-chained", in: hooks) == original)

        try sandbox.write("a.txt", "clean\n")
        let passed = try commitWithHooks("a")
        #expect(passed.succeeded, "\(passed.stderrText)")
        #expect(try sandbox.read("chained.log") == "ran\n")

        try sandbox.write("b.txt", "clean too\n")
        let vetoed = try commitWithHooks("b", environment: ["CHAINED_STATUS": "3"])
        #expect(!vetoed.succeeded, "the chained hook's failure must block the commit")
        #expect(try sandbox.read("chained.log") == "ran\nran\n")

        try sandbox.write("c.txt", "KEY=\"\(secrets.awsAccessKeyID())\"\n")
        let blocked = try commitWithHooks("c")
        #expect(!blocked.succeeded, "keyhound must still run after a passing chained hook")
        let output = blocked.stdoutText + blocked.stderrText
        #expect(output.contains("c.txt:1") && output.contains("aws-access-key-id"), "\(output)")
        #expect(try sandbox.read("chained.log") == "ran\nran\nran\n")

        // Installing again updates keyhound's hook and keeps the chained one.
        let again = try install()
        #expect(again.stdout.contains("updated"), "\(again)")
        #expect(try sandbox.read("pre-commit.keyhound-chained", in: hooks) == original)

        let removed = sandbox.keyhound(["hooks", "uninstall"])
        #expect(removed.status == 0, "\(removed)")
        #expect(removed.stdout.contains("restored"), "\(removed)")
        #expect(try sandbox.read("pre-commit", in: hooks) == original)
        #expect(!sandbox.exists("pre-commit.keyhound-chained", in: hooks))
    }

    @Test("uninstall removes only what keyhound wrote")
    func uninstallLeavesOthersAlone() throws {
        let hooks = sandbox.repo + "/.git/hooks"
        _ = try install(["--pre-push"])
        #expect(isExecutable(hooks + "/pre-push"))
        let removed = sandbox.keyhound(["hooks", "uninstall"])
        #expect(removed.status == 0)
        #expect(!sandbox.exists("pre-commit", in: hooks) && !sandbox.exists("pre-push", in: hooks))
        try sandbox.write("pre-commit", "#!/bin/sh\nexit 0\n", in: hooks)
        let untouched = sandbox.keyhound(["hooks", "uninstall"])
        #expect(untouched.stdout.contains("left"), "\(untouched)")
        #expect(sandbox.exists("pre-commit", in: hooks))
    }

    @Test("uninstall keeps a keyhound hook the user edited, as a backup, and says so")
    func uninstallKeepsEditedHook() throws {
        let hooks = sandbox.repo + "/.git/hooks"
        _ = try install([])
        let edited = try sandbox.read("pre-commit", in: hooks) + "echo my own step\n"
        try sandbox.write("pre-commit", edited, in: hooks)
        let removed = sandbox.keyhound(["hooks", "uninstall"])
        #expect(removed.status == 0)
        #expect(removed.stdout.contains("which you had edited"), "\(removed)")
        #expect(!sandbox.exists("pre-commit", in: hooks))
        #expect(try sandbox.read("pre-commit.keyhound-edited", in: hooks) == edited)
    }

    @Test("the pre-push hook blocks a new branch whose second commit adds a secret, and allows clean pushes")
    func prePush() throws {
        let remote = sandbox.root + "/remote.git"
        try sandbox.git(["init", "-q", "--bare", remote], in: sandbox.root)
        try sandbox.git(["remote", "add", "origin", remote])
        _ = try install(["--pre-push"])
        let push = { (arguments: [String]) throws -> SubprocessResult in
            try self.sandbox.spawn("git", ["push", "-q"] + arguments, environment: self.hookEnvironment)
        }
        let first = try push(["origin", "main"])
        #expect(first.succeeded, "a clean first push: \(first.stderrText)")

        try sandbox.git(["checkout", "-q", "-b", "leak"])
        try sandbox.write("one.txt", "first, clean\n")
        try sandbox.commit("leak 1")
        try sandbox.write("two.py", "token = '\(secrets.githubToken())'\n")
        try sandbox.commit("leak 2")
        try sandbox.write("three.txt", "third, clean\n")
        try sandbox.commit("leak 3")
        let blocked = try push(["origin", "leak"])
        #expect(!blocked.succeeded, "the push of a secret went through")
        #expect(blocked.stderrText.contains("two.py") || blocked.stdoutText.contains("two.py"), "\(blocked.stderrText)")
        #expect(try sandbox.git(["branch", "--list"], in: remote).contains("leak") == false)

        try sandbox.git(["checkout", "-q", "main"])
        try sandbox.git(["checkout", "-q", "-b", "good"])
        try sandbox.write("good.txt", "fine\n")
        try sandbox.commit("good 1")
        try sandbox.write("good.txt", "fine\nstill fine\n")
        try sandbox.commit("good 2")
        let allowed = try push(["origin", "good"])
        #expect(allowed.succeeded, "\(allowed.stderrText)")

        // An update of an existing branch: only remote..local is scanned.
        try sandbox.write("good.txt", "fine\nKEY=\"\(secrets.awsAccessKeyID())\"\n")
        try sandbox.commit("good 3")
        let update = try push(["origin", "good"])
        #expect(!update.succeeded, "the update adding a secret went through")

        // Deleting a branch scans nothing.
        #expect(try push(["origin", "--delete", "good"]).succeeded)

        // The hook leaves no temporary file behind (TMPDIR is the sandbox root).
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.root).filter {
            $0.hasPrefix("keyhound-push")
        }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test("a secret already on the remote does not block a new clean branch built on it")
    func prePushOnlyNewCommits() throws {
        let remote = sandbox.root + "/remote.git"
        try sandbox.git(["init", "-q", "--bare", remote], in: sandbox.root)
        try sandbox.git(["remote", "add", "origin", remote])
        try sandbox.write("old.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n")
        try sandbox.commit("old secret")
        try sandbox.git(["push", "-q", "--no-verify", "origin", "main"])
        _ = try install(["--pre-push"])
        try sandbox.git(["checkout", "-q", "-b", "topic"])
        try sandbox.write("new.txt", "clean\n")
        try sandbox.commit("clean work")
        let push = try sandbox.spawn("git", ["push", "-q", "origin", "topic"], environment: hookEnvironment)
        #expect(push.succeeded, "\(push.stderrText)")
    }

    @Test("the pre-push hook fails closed when keyhound cannot be found")
    func prePushFailsClosed() throws {
        let remote = sandbox.root + "/remote.git"
        try sandbox.git(["init", "-q", "--bare", remote], in: sandbox.root)
        try sandbox.git(["remote", "add", "origin", remote])
        _ = try install(["--pre-push", "--no-pre-commit"])
        #expect(!sandbox.exists(".git/hooks/pre-commit"))
        let push = try sandbox.spawn(
            "git", ["push", "-q", "origin", "main"], environment: ["KEYHOUND": "/nonexistent/keyhound"])
        #expect(!push.succeeded)
        #expect(push.stderrText.contains("not found"), "\(push.stderrText)")
    }
}
