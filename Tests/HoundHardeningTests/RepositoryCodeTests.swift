import Foundation
import Testing

@testable import HoundCLI

/// A scanned repository never runs its own code: every git setting and attribute that names a
/// program points at a script that leaves a marker file, and no keyhound command leaves one.
@Suite(.timeLimit(.minutes(3)))
struct RepositoryCodeTests {
    /// Settings that make git run a program, each set to its own marker script (`%s` is the
    /// script's path). From git-config(1), gitattributes(5) and githooks(5).
    static let commandSettings: [(key: String, value: String)] = [
        ("core.fsmonitor", "%s"), ("core.pager", "%s"), ("pager.log", "%s"), ("pager.diff", "%s"),
        ("pager.show", "%s"), ("pager.ls-files", "%s"), ("pager.cat-file", "%s"), ("pager.rev-parse", "%s"),
        ("diff.external", "%s"), ("diff.evil.command", "%s"), ("diff.evil.textconv", "%s"),
        ("filter.evil.clean", "%s"), ("filter.evil.smudge", "%s"), ("filter.evil.process", "%s"),
        ("core.sshCommand", "%s"), ("core.gitProxy", "%s"), ("core.askPass", "%s"),
        ("credential.helper", "!%s"), ("gpg.program", "%s"), ("gpg.ssh.program", "%s"),
        ("core.editor", "%s"), ("sequence.editor", "%s"), ("uploadpack.packObjectsHook", "%s"),
        ("core.alternateRefsCommand", "%s"), ("merge.evil.driver", "%s"), ("remote.other.uploadpack", "%s"),
        ("remote.origin.url", "ext::%s"), ("alias.ls-files", "!%s"),
    ]

    /// Hooks a read could conceivably trigger, written both in `.git/hooks` and in the folder
    /// `core.hooksPath` names.
    static let hookNames = [
        "pre-commit", "post-index-change", "pre-auto-gc", "reference-transaction", "post-checkout",
        "fsmonitor-watchman", "post-rewrite", "pre-push", "push-to-checkout",
    ]

    /// The repository: two commits, a staged change, every setting above, attributes routing
    /// every file through the `evil` filter and diff driver, hooks, and a partial-clone
    /// configuration whose promisor remote is an `ext::` command (allowed by the repository's
    /// own `protocol.ext.allow`), with one blob of the last commit missing so reading it would
    /// fetch.
    func hostileRepository(_ scratch: Scratch) throws -> (repo: GitRepo, markers: String) {
        let markers = scratch.url("markers")
        let tools = scratch.url("tools")
        try scratch.mkdir("markers")
        try scratch.mkdir("tools")
        func script(_ name: String) throws -> String {
            let path = tools + "/" + name.replacingOccurrences(of: "/", with: "_") + ".sh"
            try scratch.write(
                "tools/" + (path as NSString).lastPathComponent, "#!/bin/sh\ntouch '\(markers)/\(name)'\nexit 0\n")
            chmod(path, 0o755)
            return path
        }
        let repo = try GitRepo(scratch)
        try repo.write("app.py", "STRIPE = \"\(KnownSecrets.stripe)\"\n")
        try repo.commit("first")
        try repo.write("lazy.txt", "aws_access_key_id = \(KnownSecrets.aws)\n")
        try repo.write("token.env", "GITHUB_TOKEN=\(KnownSecrets.github)\n")
        try repo.commit("second")
        let commits = try repo.git("rev-list", "HEAD")
        try scratch.write("commits.txt", commits + "\n")
        try repo.write("staged.txt", "token = \"\(KnownSecrets.stripe)\"\n")
        try repo.git("add", "staged.txt")
        let lazyBlob = try repo.objectFile("HEAD:lazy.txt")

        // From here on, the repository is hostile: nothing below runs git in it again.
        try repo.write(".gitattributes", "* filter=evil diff=evil merge=evil\n")
        try repo.write(".git/info/attributes", "* filter=evil diff=evil\n")
        let hooks = scratch.url("evil-hooks")
        try scratch.mkdir("evil-hooks")
        for name in Self.hookNames {
            for folder in [hooks, repo.path + "/.git/hooks"] {
                try FileManager.default.copyItem(atPath: try script("hook-" + name), toPath: folder + "/" + name)
            }
        }
        var config = try String(contentsOfFile: repo.path + "/.git/config", encoding: .utf8)
        config = config.replacingOccurrences(of: "repositoryformatversion = 0", with: "repositoryformatversion = 1")
        config += "[extensions]\n\tpartialClone = origin\n"
        config += "[remote \"origin\"]\n\tpromisor = true\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
        config += "[protocol \"ext\"]\n\tallow = always\n[protocol]\n\tallow = always\n"
        config += "[core]\n\thooksPath = \(hooks)\n[log]\n\tshowSignature = true\n"
        config += "[filter \"evil\"]\n\trequired = true\n[gc]\n\tauto = 1\n\tautoDetach = false\n"
        for (key, value) in Self.commandSettings {
            let parts = key.split(separator: ".")
            let section =
                parts.count == 3 ? "[\(parts[0]) \"\(parts[1])\"]" : "[\(parts[0])]"
            config += "\(section)\n\t\(parts.last!) = \"\(value.replacingOccurrences(of: "%s", with: try script(key)))\"\n"
        }
        try scratch.write("repo/.git/config", config)
        // The blob of lazy.txt is "in the promisor remote": reading it would run the ext:: command.
        chmod(lazyBlob, 0o644)
        #expect(unlink(lazyBlob) == 0)
        return (repo, markers)
    }

    @Test func noSettingOrAttributeOfTheRepositoryRunsAProgram() throws {
        let scratch = try Scratch()
        let (repo, markers) = try hostileRepository(scratch)
        // The fixture itself must not have left markers (it runs no git once the config is hostile).
        #expect(try FileManager.default.contentsOfDirectory(atPath: markers).isEmpty)
        let environment = repo.environment
        let runs: [(String, [String])] = [
            ("tree", ["scan", ".", "--no-progress"]),
            ("staged", ["scan", "--staged", "--no-progress"]),
            ("diff", ["scan", "--diff", "HEAD~1..HEAD", "--no-progress"]),
            ("since", ["scan", "--since", "HEAD~1", "--no-progress"]),
            ("commits", ["scan", "--commits", scratch.url("commits.txt"), "--no-progress"]),
            ("history", ["scan", "--history", "--no-progress"]),
            ("baseline", ["baseline", "create", "--output", scratch.url("baseline.json")]),
            ("hooks", ["hooks", "install", "--pre-push"]),
        ]
        for (name, arguments) in runs {
            let run = keyhound(arguments, in: repo.path, environment: environment)
            let left = try FileManager.default.contentsOfDirectory(atPath: markers).sorted()
            #expect(left.isEmpty, "\(name): the repository ran \(left.joined(separator: ", "))\n\(run.all)")
            #expect(run.status != .usage, "\(name): \(run.all)")
            for marker in left { try FileManager.default.removeItem(atPath: markers + "/" + marker) }
        }
        // The scans did run: the tree scan reports the committed secrets.
        let tree = keyhound(["scan", ".", "--no-progress", "--format", "json"], in: repo.path, environment: environment)
        #expect(tree.status == .findings, "\(tree.all)")
        #expect(tree.out.contains("stripe-secret-key") && tree.out.contains("github-pat"))
        // The staged scan reports the staged secret.
        let staged = keyhound(["scan", "--staged", "--no-progress"], in: repo.path, environment: environment)
        #expect(staged.status == .findings, "\(staged.all)")
        #expect(staged.out.contains("staged.txt"), "\(staged.all)")
    }
}
