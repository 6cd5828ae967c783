import Foundation
import HoundSupport
import Testing

/// `keyhound scan --diff A..B | A...B` and `--since REF`: the lines each commit added, attributed
/// to that commit, its author and date.
///
/// History (main is the base, feature the pull request):
///
///     c1 (clean) ── c2 (Ada: AWS key) ──────────────── c5 (Alan, main: Slack token)
///                      └── c3 (Grace: GitHub token) ── c4 (Grace: removes it, adds an AWS key)
@Suite("scan --diff and --since")
final class RangeScanTests {
    let sandbox: Sandbox
    var ids: [String: String] = [:]
    var planted: [String: Planted] = [:]

    static let dates = [
        "c2": "2026-02-03T04:05:06+00:00", "c3": "2026-03-04T05:06:07+02:00", "c4": "2026-03-05T06:07:08-05:00",
        "c5": "2026-04-01T00:00:00+00:00",
    ]

    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 30)
        try sandbox.write("README.md", "# service\n")
        ids["c1"] = try sandbox.commit("c1: start")

        let aws = secrets.awsAccessKeyID()
        let config = "region = eu\nkey = \"\(aws)\"\n"
        try sandbox.write("config.py", config)
        ids["c2"] = try sandbox.commit("c2: configure AWS", date: Self.dates["c2"]!, author: "Ada Lovelace")
        planted["c2"] = Planted("aws-access-key-id", aws, in: config, path: "config.py")

        try sandbox.git(["checkout", "-q", "-b", "feature"])
        let token = secrets.githubToken()
        let client = "// client\nconst token = '\(token)';\n"
        try sandbox.write("src/client.js", client)
        ids["c3"] = try sandbox.commit("c3: add client", date: Self.dates["c3"]!, author: "Grace Hopper")
        planted["c3"] = Planted("github-pat", token, in: client, path: "src/client.js")

        let second = secrets.awsAccessKeyID()
        let cleaned = "// client\nconst token = process.env.TOKEN;\nconst backup = \"\(second)\";\n"
        try sandbox.write("src/client.js", cleaned)
        ids["c4"] = try sandbox.commit(
            "c4: read the token from the environment", date: Self.dates["c4"]!, author: "Grace Hopper")
        planted["c4"] = Planted("aws-access-key-id", second, in: cleaned, path: "src/client.js")

        try sandbox.git(["checkout", "-q", "main"])
        let slack = secrets.slackBotToken()
        let chat = "SLACK = '\(slack)'\n"
        try sandbox.write("chat.py", chat)
        ids["c5"] = try sandbox.commit("c5: chat on main", date: Self.dates["c5"]!, author: "Alan Turing")
        planted["c5"] = Planted("slack-bot-token", slack, in: chat, path: "chat.py")
        try sandbox.git(["checkout", "-q", "feature"])
    }

    deinit { sandbox.remove() }

    /// The findings of a JSON scan, keyed by the commit that introduced each one.
    func byCommit(_ arguments: [String]) throws -> [String: [[String: Any]]] {
        let run = sandbox.keyhound(["scan", "--format", "json"] + arguments)
        #expect(run.status == 1, "\(run)")
        var out: [String: [[String: Any]]] = [:]
        for finding in try run.findings() {
            let id = JSON.at(finding, "commit", "id") as? String ?? "none"
            let name = ids.first { $0.value == id }?.key ?? id
            out[name, default: []].append(finding)
        }
        return out
    }

    func expectAttributed(_ found: [String: [[String: Any]]], _ commits: [String]) throws {
        #expect(Set(found.keys) == Set(commits))
        for name in commits {
            let finding = try #require(found[name]?.first)
            let expected = try #require(planted[name])
            #expect(found[name]?.count == 1)
            #expect(Reported(json: finding) == Reported(expected), "\(name)")
            let commit = try #require(finding["commit"] as? [String: Any])
            #expect(commit["id"] as? String == ids[name])
            #expect((commit["summary"] as? String)?.hasPrefix(name + ":") == true)
            let author = ["c2": "Ada Lovelace", "c3": "Grace Hopper", "c4": "Grace Hopper", "c5": "Alan Turing"][name]
            #expect(commit["author"] as? String == author)
            #expect(commit["email"] as? String == "ada@example.com")
            let date = try #require(commit["date"] as? String)
            // keyhound's own ISO 8601 reader: Foundation's ISO8601DateFormatter has an invalid free on
            // Linux (swift-corelibs-foundation #5533) that can corrupt the heap of the whole test run.
            #expect(try ISODate.parse(date) == ISODate.parse(Self.dates[name]!), "date \(date) of \(name)")
        }
    }

    @Test("A..B: the commits of the feature branch, each finding with its commit")
    func twoDots() throws {
        try expectAttributed(try byCommit(["--diff", "main..feature"]), ["c3", "c4"])
    }

    @Test("A...B: what the branch added since it forked, not the base's new commits")
    func threeDots() throws {
        try expectAttributed(try byCommit(["--diff", "main...feature"]), ["c3", "c4"])
        try expectAttributed(try byCommit(["--diff", "feature...main"]), ["c5"])
    }

    @Test("--since REF scans REF..HEAD")
    func since() throws {
        try expectAttributed(try byCommit(["--since", "main"]), ["c3", "c4"])
        try expectAttributed(try byCommit(["--since", ids["c1"]!]), ["c2", "c3", "c4"])
    }

    @Test("a range of commit ids; the text report shows the commit")
    func commitIDs() throws {
        try expectAttributed(try byCommit(["--diff", "\(ids["c1"]!)..\(ids["c2"]!)"]), ["c2"])
        let text = sandbox.keyhound(["scan", "--diff", "\(ids["c1"]!)..\(ids["c2"]!)"])
        #expect(text.stdout.contains(String(ids["c2"]!.prefix(12))), "\(text)")
        #expect(text.stdout.contains("Ada Lovelace"))
    }

    @Test("a merged branch: findings are attributed to the branch's commits, not the merge")
    func mergeCommit() throws {
        try sandbox.git(["checkout", "-q", "main"])
        try sandbox.git(["merge", "-q", "--no-ff", "-m", "merge feature", "feature"])
        try expectAttributed(try byCommit(["--diff", "\(ids["c5"]!)..main"]), ["c3", "c4"])
    }

    @Test("an empty range is clean; an unknown revision is exit 2 naming it; '..' is a usage error")
    func emptyAndBadRanges() {
        let empty = sandbox.keyhound(["scan", "--diff", "feature..feature"])
        #expect(empty.status == 0, "\(empty)")
        let bad = sandbox.keyhound(["scan", "--diff", "main..no-such-branch"])
        #expect(bad.status == 2, "\(bad)")
        #expect(bad.stderr.contains("no-such-branch"), "\(bad)")
        // What a hook passes when its variables are unset ("$FROM..$TO"): a usage error, not a clean scan.
        for nothing in ["..", "...", ""] {
            let run = sandbox.keyhound(["scan", "--diff", nothing])
            #expect(run.status == 64, "--diff '\(nothing)': \(run)")
        }
    }

    @Test("--commits lists the commits to scan (what the pre-push hook runs)")
    func commitList() throws {
        let list = "\(ids["c4"]!)\n\(ids["c2"]!)\n"
        let run = sandbox.keyhound(["scan", "--commits", "-", "--format", "json"], stdin: Array(list.utf8))
        var found: [String: [[String: Any]]] = [:]
        for finding in try run.findings() {
            let name = ids.first { $0.value == JSON.at(finding, "commit", "id") as? String }?.key ?? "?"
            found[name, default: []].append(finding)
        }
        try expectAttributed(found, ["c2", "c4"])
        // The root commit has no parent: it is diffed against the empty tree.
        let root = sandbox.keyhound(["scan", "--commits", "-"], stdin: Array("\(ids["c1"]!)\n".utf8))
        #expect(root.status == 0, "\(root)")
    }
}
