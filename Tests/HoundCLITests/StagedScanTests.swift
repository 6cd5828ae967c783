import Foundation
import Testing

/// `keyhound scan --staged`: only the lines the next commit adds, numbered as in the new file.
@Suite("scan --staged")
final class StagedScanTests {
    let sandbox: Sandbox
    var secrets = FakeSecrets(seed: 20)
    /// A 20-line file committed before each test.
    let original: [String] = (1...20).map { "setting_\($0) = \($0)" }

    init() throws {
        sandbox = try Sandbox()
        try sandbox.write("app/config.py", original.joined(separator: "\n") + "\n")
        try sandbox.write("README.md", "# demo\n")
        try sandbox.commit("initial")
    }

    deinit { sandbox.remove() }

    func staged(_ extra: [String] = [], in folder: String? = nil) -> KeyhoundRun {
        sandbox.keyhound(["scan", "--staged", "--format", "json"] + extra, in: folder)
    }

    @Test("an edit in the middle of a file: the secret is reported at its line in the new file")
    func editInTheMiddle() throws {
        let key = secrets.awsAccessKeyID()
        var lines = original
        lines.removeSubrange(2..<5)  // three lines fewer above
        lines.insert("aws_access_key_id = \"\(key)\"", at: 8)  // new line 9
        lines[12] = "setting_changed = 1"
        try sandbox.write("app/config.py", lines.joined(separator: "\n") + "\n")
        try sandbox.git(["add", "app/config.py"])
        let text = lines.joined(separator: "\n")
        let run = staged()
        #expect(run.status == 1, "\(run)")
        #expect(try run.reported() == [Reported(Planted("aws-access-key-id", key, in: text, path: "app/config.py"))])
    }

    @Test("lines already committed, and changes not staged, are not scanned")
    func onlyStagedAdditions() throws {
        let committed = secrets.awsAccessKeyID()
        try sandbox.write("old.py", "KEY = \"\(committed)\"\n")
        try sandbox.commit("a secret that is already in history")
        try sandbox.write("old.py", "KEY = \"\(committed)\"\nOTHER = 1\n")
        try sandbox.git(["add", "old.py"])
        try sandbox.write("unstaged.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n")
        try sandbox.write("app/config.py", "token = \"\(secrets.githubToken())\"\n")  // modified, not staged
        let run = staged()
        #expect(run.status == 0, "\(run)")
        #expect(try run.findings().isEmpty)
    }

    @Test("a new file is scanned whole")
    func newFile() throws {
        let token = secrets.githubToken()
        let text = "# deploy\n\nexport GITHUB_TOKEN=\(token)\n"
        try sandbox.write("scripts/deploy.sh", text)
        try sandbox.git(["add", "scripts/deploy.sh"])
        let run = staged()
        #expect(
            try run.reported() == [Reported(Planted("github-pat", token, in: text, path: "scripts/deploy.sh"))],
            "\(run)")
    }

    @Test("a rename: only the edited lines count, at the new path")
    func rename() throws {
        let old = secrets.awsAccessKeyID()
        var lines = original
        lines[3] = "old_key = \"\(old)\""
        try sandbox.write("app/config.py", lines.joined(separator: "\n") + "\n")
        try sandbox.commit("secret committed before the hook")
        try sandbox.git(["mv", "app/config.py", "app/settings.py"])
        let new = secrets.awsAccessKeyID()
        lines[15] = "new_key = \"\(new)\""
        try sandbox.write("app/settings.py", lines.joined(separator: "\n") + "\n")
        try sandbox.git(["add", "-A"])
        let run = staged()
        #expect(run.status == 1, "\(run)")
        let text = lines.joined(separator: "\n")
        #expect(try run.reported() == [Reported(Planted("aws-access-key-id", new, in: text, path: "app/settings.py"))])
    }

    @Test("a copy: the copy's lines are new content and are scanned")
    func copy() throws {
        let key = secrets.awsAccessKeyID()
        let text = "KEY = \"\(key)\"\n"
        try sandbox.write("a.py", text)
        try sandbox.commit("committed with --no-verify")
        try sandbox.write("b.py", text)
        try sandbox.git(["add", "b.py"])
        let run = staged()
        #expect(try run.reported() == [Reported(Planted("aws-access-key-id", key, in: text, path: "b.py"))], "\(run)")
    }

    @Test("deleted lines and deleted files are not scanned; a mode change adds nothing")
    func deletions() throws {
        let key = secrets.awsAccessKeyID()
        try sandbox.write("a.py", "A = \"\(key)\"\nB = 2\n")
        try sandbox.write("b.py", "B = \"\(secrets.githubToken())\"\n")
        try sandbox.write("run.sh", "echo \"\(secrets.awsAccessKeyID())\"\n")
        try sandbox.commit("secrets committed before the hook")
        try sandbox.write("a.py", "B = 2\n")
        try sandbox.git(["rm", "-q", "b.py"])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.repo + "/run.sh")
        try sandbox.git(["add", "-A"])
        #expect(try sandbox.git(["diff", "--cached", "--name-only"]).split(separator: "\n").count == 3)
        let run = staged()
        #expect(run.status == 0, "\(run)")
        #expect(try run.findings().isEmpty)
    }

    @Test("a binary file is skipped")
    func binaryFile() throws {
        let bytes: [UInt8] =
            [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D] + Array("KEY=\(secrets.awsAccessKeyID())\n".utf8) + [0, 1, 2]
        try sandbox.write("image.png", bytes: bytes)
        try sandbox.git(["add", "image.png"])
        let run = staged()
        #expect(run.status == 0, "\(run)")
        #expect(try run.findings().isEmpty)
        #expect(JSON.at(try run.json(), "summary", "skipped_binary") as? Int == 1, "\(run)")
    }

    @Test("a repository with no commits yet")
    func unbornHead() throws {
        let fresh = try Sandbox()
        defer { fresh.remove() }
        let key = secrets.awsAccessKeyID()
        let text = "line one\nKEY = \"\(key)\"\n"
        try fresh.write("first.py", text)
        try fresh.git(["add", "first.py"])
        let run = fresh.keyhound(["scan", "--staged", "--format", "json"])
        #expect(run.status == 1, "\(run)")
        #expect(try run.reported() == [Reported(Planted("aws-access-key-id", key, in: text, path: "first.py"))])
        let empty = try Sandbox()
        defer { empty.remove() }
        #expect(empty.keyhound(["scan", "--staged"]).status == 0)
    }

    @Test("during a merge: a secret in the staged conflict resolution is found")
    func mergeResolution() throws {
        try sandbox.git(["checkout", "-q", "-b", "feature"])
        var theirs = original
        theirs[9] = "setting_10 = 'feature'"
        try sandbox.write("app/config.py", theirs.joined(separator: "\n") + "\n")
        try sandbox.commit("feature change")
        try sandbox.git(["checkout", "-q", "main"])
        var ours = original
        ours[9] = "setting_10 = 'main'"
        try sandbox.write("app/config.py", ours.joined(separator: "\n") + "\n")
        try sandbox.commit("main change")
        let merge = try sandbox.spawn("git", ["merge", "-q", "feature"])
        #expect(!merge.succeeded, "the merge should conflict")
        #expect(sandbox.exists(".git/MERGE_HEAD"))
        let key = secrets.awsAccessKeyID()
        var resolved = original
        resolved[9] = "setting_10 = 'both'  # aws = \"\(key)\""
        try sandbox.write("app/config.py", resolved.joined(separator: "\n") + "\n")
        try sandbox.git(["add", "app/config.py"])
        let run = staged()
        #expect(run.status == 1, "\(run)")
        let text = resolved.joined(separator: "\n")
        #expect(try run.reported() == [Reported(Planted("aws-access-key-id", key, in: text, path: "app/config.py"))])
    }

    @Test("during a rebase: a secret in the staged conflict resolution is found")
    func rebaseResolution() throws {
        try sandbox.git(["checkout", "-q", "-b", "topic"])
        var topic = original
        topic[4] = "setting_5 = 'topic'"
        try sandbox.write("app/config.py", topic.joined(separator: "\n") + "\n")
        try sandbox.commit("topic change")
        try sandbox.git(["checkout", "-q", "main"])
        var main = original
        main[4] = "setting_5 = 'main'"
        try sandbox.write("app/config.py", main.joined(separator: "\n") + "\n")
        try sandbox.commit("main change")
        try sandbox.git(["checkout", "-q", "topic"])
        let rebase = try sandbox.spawn("git", ["rebase", "-q", "main"])
        #expect(!rebase.succeeded, "the rebase should stop on a conflict")
        #expect(sandbox.exists(".git/rebase-merge") || sandbox.exists(".git/rebase-apply"))
        let token = secrets.githubToken()
        var resolved = original
        resolved[4] = "setting_5 = 'both'"
        resolved.insert("github_token = '\(token)'", at: 5)
        try sandbox.write("app/config.py", resolved.joined(separator: "\n") + "\n")
        try sandbox.git(["add", "app/config.py"])
        let run = staged()
        #expect(run.status == 1, "\(run)")
        let text = resolved.joined(separator: "\n")
        #expect(try run.reported() == [Reported(Planted("github-pat", token, in: text, path: "app/config.py"))])
    }

    @Test("in a linked worktree (git worktree add)")
    func linkedWorktree() throws {
        let worktree = sandbox.root + "/linked"
        try sandbox.git(["worktree", "add", "-q", "-b", "topic", worktree])
        let token = secrets.githubToken()
        let text = "token: \(token)\n"
        try sandbox.write("ci/settings.yml", text, in: worktree)
        try sandbox.git(["add", "ci/settings.yml"], in: worktree)
        let run = staged(in: worktree + "/ci")
        #expect(run.status == 1, "\(run)")
        #expect(try run.reported() == [Reported(Planted("github-pat", token, in: text, path: "ci/settings.yml"))])
        // The main work tree's index is not the linked one's.
        #expect(staged().status == 0)
    }

    @Test(
        "file names with spaces, quotes and non-ASCII characters (control characters shown escaped)",
        arguments: [
            ("dir with spaces/my file.py", "dir with spaces/my file.py"),
            ("quotes/say \"hi\".py", "quotes/say \"hi\".py"),
            ("quotes/it's.py", "quotes/it's.py"), ("naïve/ключ 🔑.env", "naïve/ключ 🔑.env"),
            ("tab\there.py", "tab\\there.py"),
        ])
    func awkwardNames(_ name: String, _ shown: String) throws {
        let key = secrets.awsAccessKeyID()
        let text = "\n\nKEY = \"\(key)\"\n"
        try sandbox.write(name, text)
        try sandbox.git(["add", "-A"])
        let run = staged()
        #expect(run.status == 1, "\(run)")
        #expect(try run.reported() == [Reported(Planted("aws-access-key-id", key, in: text, path: shown))], "\(run)")
    }

    @Test("from a subfolder, the whole index is scanned and paths stay relative to the top level")
    func fromSubfolder() throws {
        let key = secrets.awsAccessKeyID()
        try sandbox.write("other/keys.py", "KEY = \"\(key)\"\n")
        try sandbox.git(["add", "-A"])
        let run = staged(in: sandbox.repo + "/app")
        #expect(try run.reported().map(\.path) == ["other/keys.py"], "\(run)")
    }

    @Test("the block message names file:line, the rule, the redacted secret and the ways out")
    func blockMessage() throws {
        let key = secrets.awsAccessKeyID()
        var lines = original
        lines.insert("AWS_KEY = \"\(key)\"", at: 6)
        try sandbox.write("app/config.py", lines.joined(separator: "\n") + "\n")
        try sandbox.git(["add", "-A"])
        let run = sandbox.keyhound(["scan", "--staged"])
        #expect(run.status == 1)
        let text = run.stdout + run.stderr
        #expect(text.contains("app/config.py:7"), "\(run)")
        #expect(text.contains("aws-access-key-id"))
        #expect(text.contains(String(key.prefix(4)) + "…"), "redacted form")
        #expect(!text.contains(key), "the secret in clear")
        #expect(text.contains("blocked"))
        #expect(text.contains("keyhound:allow"))
        #expect(text.contains("keyhound baseline create"))
        #expect(text.contains(".keyhoundignore"))
        #expect(text.contains("remove"))
    }
}
