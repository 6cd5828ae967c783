import Foundation
import Testing

/// `keyhound scan --history [REPO...] [--branch REF]`: every unique blob on every ref, scanned
/// once, each finding attributed to the commits and paths that introduced it.
///
/// History of the fixture:
///
///     main:   c1 adds keys.py (AWS key) ── c2 deletes keys.py ── c3 adds a/one.env and
///             b/two.env with the same content (a GitHub token) ── c4 copies it to c/three.env
///     side:   branched at c1; s1 adds side.py (Slack token)
///     tag v1: an orphan commit t1 adding tagged.py (AWS key), reachable only from the tag
@Suite("scan --history")
final class HistoryScanTests {
    let sandbox: Sandbox
    var ids: [String: String] = [:]
    var planted: [String: Planted] = [:]

    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 40)
        try sandbox.write("README.md", "# history\n")
        let aws = secrets.awsAccessKeyID()
        let keys = "# keys\nAWS = \"\(aws)\"\n"
        try sandbox.write("keys.py", keys)
        ids["c1"] = try sandbox.commit("c1: keys", date: "2026-01-10T10:00:00+00:00")
        planted["deleted"] = Planted("aws-access-key-id", aws, in: keys, path: "keys.py")

        try sandbox.git(["rm", "-q", "keys.py"])
        ids["c2"] = try sandbox.commit("c2: remove keys", date: "2026-01-11T10:00:00+00:00")

        let token = secrets.githubToken()
        let shared = "GITHUB_TOKEN=\(token)\nOTHER=1\n"
        try sandbox.write("a/one.env", shared)
        try sandbox.write("b/two.env", shared)
        ids["c3"] = try sandbox.commit("c3: two copies", date: "2026-01-12T10:00:00+00:00")
        planted["shared"] = Planted("github-pat", token, in: shared, path: "a/one.env")
        try sandbox.write("c/three.env", shared)
        ids["c4"] = try sandbox.commit("c4: a third copy", date: "2026-01-13T10:00:00+00:00")

        try sandbox.git(["checkout", "-q", "-b", "side", ids["c1"]!])
        let slack = secrets.slackBotToken()
        let side = "SLACK = \"\(slack)\"\n"
        try sandbox.write("side.py", side)
        ids["s1"] = try sandbox.commit("s1: side branch", date: "2026-01-14T10:00:00+00:00")
        planted["side"] = Planted("slack-bot-token", slack, in: side, path: "side.py")

        try sandbox.git(["checkout", "-q", "--orphan", "release"])
        try sandbox.git(["rm", "-rqf", "."])
        let tagged = secrets.awsAccessKeyID()
        let release = "KEY = \"\(tagged)\"\n"
        try sandbox.write("tagged.py", release)
        ids["t1"] = try sandbox.commit("t1: release", date: "2026-01-15T10:00:00+00:00")
        planted["tagged"] = Planted("aws-access-key-id", tagged, in: release, path: "tagged.py")
        try sandbox.git(["tag", "v1"])
        try sandbox.git(["checkout", "-q", "main"])
        try sandbox.git(["branch", "-D", "release"])
    }

    deinit { sandbox.remove() }

    func history(_ arguments: [String], in folder: String? = nil) throws -> (KeyhoundRun, [[String: Any]]) {
        let run = sandbox.keyhound(["scan", "--history", "--format", "json"] + arguments, in: folder)
        return (run, try run.findings())
    }

    func finding(for name: String, in findings: [[String: Any]]) -> [String: Any]? {
        guard let planted = planted[name] else { return nil }
        return findings.first {
            $0["fingerprint"] as? String != nil && ($0["rule"] as? String) == planted.rule
                && Reported(json: $0).map { $0.line == planted.line && $0.column == planted.column } == true
                && (($0["path"] as? String) == planted.path || name == "shared")
        }
    }

    /// Every (path, commit id) a finding names: its own location and `locations`.
    func places(_ finding: [String: Any]) -> Set<String> {
        var out: Set<String> = []
        let all = [finding] + (finding["locations"] as? [[String: Any]] ?? [])
        for place in all {
            out.insert(
                "\(place["path"] as? String ?? "?")@\(JSON.at(place, "commit", "id") as? String ?? place["commit"] as? String ?? "?")"
            )
        }
        return out
    }

    func expectFullHistory(_ findings: [[String: Any]], _ run: KeyhoundRun) throws {
        #expect(run.status == 1, "\(run)")
        #expect(findings.count == 4, "\(run)")
        let deleted = try #require(finding(for: "deleted", in: findings), "\(run)")
        #expect(places(deleted) == ["keys.py@\(ids["c1"]!)"])
        let shared = try #require(finding(for: "shared", in: findings), "\(run)")
        #expect(places(shared) == ["a/one.env@\(ids["c3"]!)", "b/two.env@\(ids["c3"]!)", "c/three.env@\(ids["c4"]!)"])
        let side = try #require(finding(for: "side", in: findings), "\(run)")
        #expect(places(side) == ["side.py@\(ids["s1"]!)"])
        let tagged = try #require(finding(for: "tagged", in: findings), "\(run)")
        #expect(places(tagged) == ["tagged.py@\(ids["t1"]!)"])
    }

    @Test("a deleted secret, a blob at three paths (once, with every location), side branches and tags")
    func workTree() throws {
        let (run, findings) = try history([])
        try expectFullHistory(findings, run)
        #expect(JSON.at(try run.json(), "summary", "blobs_scanned") as? Int ?? 0 >= 5)
        let deleted = try #require(finding(for: "deleted", in: findings))
        #expect(JSON.at(deleted, "commit", "summary") as? String == "c1: keys")
    }

    @Test("the text report names every location of a shared blob")
    func textLocations() throws {
        let run = sandbox.keyhound(["scan", "--history"])
        for path in ["a/one.env", "b/two.env", "c/three.env"] {
            #expect(run.stdout.contains(path), "\(run)")
        }
        #expect(run.stdout.contains("4 findings"), "\(run)")
    }

    @Test("a bare clone and a mirror, given as PATH or as the working folder")
    func bareAndMirror() throws {
        let bare = sandbox.root + "/bare.git"
        let mirror = sandbox.root + "/mirror.git"
        try sandbox.git(["clone", "-q", "--bare", sandbox.repo, bare], in: sandbox.root)
        try sandbox.git(["clone", "-q", "--mirror", sandbox.repo, mirror], in: sandbox.root)
        let (fromPath, pathFindings) = try history([bare], in: sandbox.root)
        try expectFullHistory(pathFindings, fromPath)
        let (inside, insideFindings) = try history([], in: mirror)
        try expectFullHistory(insideFindings, inside)
    }

    @Test("several repositories in one sweep")
    func severalRepositories() throws {
        let other = try Sandbox()
        defer { other.remove() }
        var secrets = FakeSecrets(seed: 41)
        try other.write("x.py", "X = \"\(secrets.awsAccessKeyID())\"\n")
        try other.commit("x")
        let (run, findings) = try history([sandbox.repo, other.repo], in: sandbox.root)
        #expect(run.status == 1)
        #expect(findings.count == 5, "\(run)")
    }

    @Test("a shallow clone is scanned with a notice, not an error")
    func shallowClone() throws {
        let shallow = sandbox.root + "/shallow"
        try sandbox.git(["clone", "-q", "--depth", "1", "file://" + sandbox.repo, shallow], in: sandbox.root)
        let (run, findings) = try history([], in: shallow)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("shallow"), "\(run)")
        // The tip of main still holds the shared token; the deleted key is beyond the boundary.
        #expect(finding(for: "shared", in: findings) != nil, "\(run)")
        #expect(finding(for: "deleted", in: findings) == nil)
    }

    @Test("a path allowlist judges a blob by the path that first introduced it (the sweep waits for the log)")
    func pathAllowlistSeesTheOldestPath() throws {
        // The shared token's blob came in at a/one.env and b/two.env (c3), then at c/three.env
        // (c4): the log shows c4 first, but the blob is judged at a/one.env, as it always was.
        try sandbox.write(".keyhound.toml", "[allowlist]\npaths = ['^a/']\n")
        let (run, findings) = try history([])
        #expect(run.status == 1, "\(run)")
        #expect(finding(for: "shared", in: findings) == nil, "\(run)")
        #expect(finding(for: "deleted", in: findings) != nil, "\(run)")
        #expect(findings.count == 3, "\(run)")
    }

    @Test("--branch narrows the sweep to what a ref reaches")
    func branch() throws {
        let (mainOnly, mainFindings) = try history(["--branch", "main"])
        #expect(mainOnly.status == 1)
        #expect(finding(for: "deleted", in: mainFindings) != nil)
        #expect(finding(for: "shared", in: mainFindings) != nil)
        #expect(finding(for: "side", in: mainFindings) == nil, "\(mainOnly)")
        #expect(finding(for: "tagged", in: mainFindings) == nil)

        let (sideOnly, sideFindings) = try history(["--branch", "side"])
        #expect(sideOnly.status == 1)
        #expect(Set(sideFindings.compactMap { $0["rule"] as? String }) == ["aws-access-key-id", "slack-bot-token"])

        let (both, bothFindings) = try history(["--branch", "side", "--branch", "v1"])
        #expect(both.status == 1)
        #expect(finding(for: "tagged", in: bothFindings) != nil, "\(both)")
        #expect(finding(for: "shared", in: bothFindings) == nil)
    }

    @Test("remote-tracking refs are swept too")
    func remoteRefs() throws {
        let clone = sandbox.root + "/clone"
        try sandbox.git(["clone", "-q", sandbox.repo, clone], in: sandbox.root)
        // Only origin/side reaches the Slack token in the clone: no local branch does.
        #expect(try sandbox.git(["branch", "--list"], in: clone).contains("side") == false)
        let (run, findings) = try history([], in: clone)
        #expect(finding(for: "side", in: findings) != nil, "\(run)")
    }

    @Test("an empty repository is a clean sweep; a folder outside git is exit 2")
    func emptyAndNotARepository() throws {
        let empty = try Sandbox()
        defer { empty.remove() }
        let run = empty.keyhound(["scan", "--history"])
        #expect(run.status == 0, "\(run)")
        let outside = empty.keyhound(["scan", "--history"], in: empty.home)
        #expect(outside.status == 2, "\(outside)")
        #expect((outside.stdout + outside.stderr).contains("not a git repository"), "\(outside)")
    }
}
