import Foundation
import HoundRotation
import HoundSupport
import Testing

@Suite("Audit log: hash-chained JSON lines")
struct AuditLogTests {
    /// A log of `count` records in a fresh folder.
    static func log(_ count: Int) throws -> (TemporaryDirectory, AuditLog) {
        let folder = try TemporaryDirectory()
        let log = AuditLog(path: folder.file("audit.jsonl"))
        for index in 1...count {
            try log.append(
                AuditRecord(
                    time: Date(timeIntervalSince1970: 1_772_355_600 + Double(index)), key: "payments", rotation: "r1",
                    event: .step(.create), outcome: .succeeded, actor: "alice@laptop", details: [("n", "\(index)")]))
        }
        return (folder, log)
    }

    static func lines(_ folder: TemporaryDirectory) -> [String] {
        folder.read("audit.jsonl").split(separator: "\n").map(String.init)
    }

    static func rewrite(_ folder: TemporaryDirectory, _ lines: [String]) throws {
        try folder.write("audit.jsonl", lines.map { $0 + "\n" }.joined())
    }

    @Test func recordsChainToThePreviousLineAndTheFirstToZeros() throws {
        let (folder, log) = try Self.log(3)
        defer { folder.remove() }
        let lines = Self.lines(folder)
        #expect(
            lines[0] == """
                {"seq":1,"time":"2026-03-01T09:00:01Z","key":"payments","rotation":"r1","step":"create","outcome":"succeeded",\
                "actor":"alice@laptop","trigger":{"kind":"manual"},"details":{"n":"1"},"prev":"\(String(repeating: "0", count: 64))"}
                """)
        #expect(lines[1].hasSuffix("\"prev\":\"\(SHA256.hexDigest(Array(lines[0].utf8)))\"}"))
        let verification = try AuditLog.verify(path: log.path)
        #expect(verification.isIntact)
        #expect(verification.records == 3)
        #expect(verification.head == SHA256.hexDigest(Array(lines[2].utf8)))
        #expect(verification.description == "audit log intact: 3 records, head \(verification.head) (no head file: a cut at the end would not show)")
    }

    @Test func anEditedRecordIsFound() throws {
        let (folder, log) = try Self.log(5)
        defer { folder.remove() }
        var lines = Self.lines(folder)
        lines[2] = lines[2].replacingOccurrences(of: "succeeded", with: "failed")
        try Self.rewrite(folder, lines)
        let problem = try #require(try AuditLog.verify(path: log.path).problem)
        #expect(problem.line == 3)
        #expect(problem.reason == "line 4's \"prev\" is not the SHA-256 of line 3: line 3 (or that \"prev\") was edited")
    }

    @Test func reorderedRecordsAreFound() throws {
        let (folder, log) = try Self.log(5)
        defer { folder.remove() }
        var lines = Self.lines(folder)
        lines.swapAt(1, 3)
        try Self.rewrite(folder, lines)
        let verification = try AuditLog.verify(path: log.path)
        #expect(verification.problem?.line == 2)
        #expect(verification.records == 1)
    }

    @Test(arguments: [0, 2, 3])
    func aRemovedRecordIsFound(_ removed: Int) throws {
        let (folder, log) = try Self.log(5)
        defer { folder.remove() }
        var lines = Self.lines(folder)
        lines.remove(at: removed)
        try Self.rewrite(folder, lines)
        let problem = try #require(try AuditLog.verify(path: log.path).problem)
        #expect(problem.line == removed + 1)
        #expect(problem.reason.contains("removed, inserted or reordered"))
    }

    @Test func aRecordRewrittenWithAFreshChainStillBreaksTheNextLine() throws {
        let (folder, log) = try Self.log(4)
        defer { folder.remove() }
        var lines = Self.lines(folder)
        // The forger fixes line 2's own fields, but cannot fix line 3's prev without rewriting it too.
        lines[1] = lines[1].replacingOccurrences(of: "alice@laptop", with: "mallory@laptop")
        try Self.rewrite(folder, lines)
        #expect(try AuditLog.verify(path: log.path).problem?.line == 2)
    }

    @Test func truncationAtTheEndChangesTheHead() throws {
        let (folder, log) = try Self.log(4)
        defer { folder.remove() }
        let head = try AuditLog.verify(path: log.path).head
        try Self.rewrite(folder, Array(Self.lines(folder).dropLast()))
        let after = try AuditLog.verify(path: log.path)
        #expect(after.isIntact && after.head != head)
    }

    @Test func anIncompleteLastLineIsCutOffByTheNextAppend() throws {
        let (folder, log) = try Self.log(2)
        defer { folder.remove() }
        let partial = folder.read("audit.jsonl") + "{\"seq\":3,\"time\":\"2026-"
        try folder.write("audit.jsonl", partial)
        #expect(try AuditLog.verify(path: log.path).problem?.line == 3)
        try log.append(AuditRecord(time: Date(), key: "k", rotation: "r", event: .lifecycle(.start), outcome: .started, actor: "a"))
        let verification = try AuditLog.verify(path: log.path)
        #expect(verification.isIntact && verification.records == 3)
    }

    @Test func theFirstAppendCreatesTheLogsFolder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let log = AuditLog(path: folder.file("a/b/audit.jsonl"))
        try log.append(AuditRecord(time: Date(), key: "k", rotation: "r", event: .lifecycle(.start), outcome: .started, actor: "a"))
        #expect(try AuditLog.verify(path: log.path).records == 1)
    }

    @Test func concurrentAppendsKeepTheChain() async throws {
        let (folder, log) = try Self.log(1)
        defer { folder.remove() }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try? log.append(AuditRecord(time: Date(), key: "k\(index)", rotation: "r", event: .lifecycle(.start), outcome: .started, actor: "a"))
                }
            }
        }
        let verification = try AuditLog.verify(path: log.path)
        #expect(verification.isIntact && verification.records == 41)
    }

    @Test(arguments: [
        (["KEYHOUND_ACTOR": "release-bot", "USER": "alice"], "release-bot"),
        (
            ["GITHUB_ACTIONS": "true", "GITHUB_ACTOR": "octocat", "GITHUB_REPOSITORY": "acme/api", "GITHUB_RUN_ID": "42"],
            "github-actions:octocat@acme/api run 42"
        ),
        (
            ["GITLAB_CI": "true", "GITLAB_USER_LOGIN": "bob", "CI_PROJECT_PATH": "acme/api", "CI_JOB_ID": "7"],
            "gitlab-ci:bob@acme/api job 7"
        ),
    ])
    func theActorComesFromTheEnvironment(_ environment: [String: String], _ actor: String) {
        #expect(AuditActor.from(environment) == actor)
    }

    @Test func withoutCIVariablesTheActorIsUserAtHost() {
        let actor = AuditActor.from(["USER": "alice"])
        #expect(actor.hasPrefix("alice@") && actor.count > "alice@".count)
        #expect(AuditActor.from(["USER": "alice", "CI": "true"]).hasPrefix("ci:alice@"))
    }

    @Test func aRotationLogsEveryStepWithoutSecrets() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: nil))
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")
        let records = fixture.folder.read(".keyhound/rotation-audit.jsonl").split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
        let steps = records.map { "\($0["step"] ?? "")/\($0["outcome"] ?? "")" }
        #expect(
            steps == [
                "start/started", "create/started", "create/succeeded", "distribute/started", "distribute/succeeded",
                "verify/started", "verify/succeeded", "revoke-old/started", "revoke-old/succeeded",
                "record-inventory/succeeded", "finish/succeeded", "notify/started", "notify/succeeded",
            ])
        #expect(records.allSatisfy { $0["actor"] as? String == "test-suite" })
        #expect(try fixture.auditIsIntact())
    }
}
