import Foundation
import HoundModel
import HoundRotation
import HoundSupport
import Testing

/// The bytes of the files rotation writes are pinned: state files are compared by people in
/// diffs, and the audit chain hashes each record's bytes (so a log written by an older keyhound
/// must still verify, and appends to it continue its chain).
@Suite struct FileFormatTests {
    private func sampleState() throws -> RotationState {
        RotationState(
            key: "payments", rotationID: "20260301-0badf00d", kind: .scheduled, phase: .distributed, pending: .verify,
            process: StepProcess(
                start: ProcessStart(pid: 4242, startTicks: 98_765, bootID: "boot-1"),
                started: Date(timeIntervalSince1970: 1_772_355_660), timeout: 300),
            attempts: 2, started: Date(timeIntervalSince1970: 1_772_355_600), date: "2026-03-01",
            trigger: RotationTrigger(.leak, rule: "github-pat", commit: "abc", path: "src/a.js"),
            consumers: ["billing", "checkout"], oldProviderID: "key_old", oldFingerprint: Fingerprint.of(Array("a".utf8)),
            newProviderID: "key_new", progress: [.distribute: ["billing"]], notified: true, warnings: ["w1", "w2"],
            plan: RotationCommands(
                create: ["c", "--x"], distribute: ["d"], verify: [], revoke: ["r"], grace: try DurationSpec(parsing: "1d"),
                timeout: 300, retries: 2))
    }

    /// The state file as keyhound has always written it: pretty, `process` and `progress` on one
    /// line, `trigger` compact, `commands` one member per line.
    @Test func stateFileBytes() throws {
        let state = try sampleState()
        let fingerprint = Fingerprint.of(Array("a".utf8)).description
        #expect(
            state.json == """
                {
                  "version": 2,
                  "key": "payments",
                  "rotation_id": "20260301-0badf00d",
                  "kind": "scheduled",
                  "phase": "distributed",
                  "pending": "verify",
                  "pending_consumer": null,
                  "process": {"pid": 4242, "start_ticks": 98765, "boot_id": "boot-1", "started": "2026-03-01T09:01:00Z", "timeout": 300.0},
                  "attempts": 2,
                  "started": "2026-03-01T09:00:00Z",
                  "updated": "2026-03-01T09:00:00Z",
                  "date": "2026-03-01",
                  "trigger": {"kind":"leak","rule":"github-pat","commit":"abc","path":"src/a.js"},
                  "urgent": false,
                  "old_key_revoked": false,
                  "recreate_after_rollback": false,
                  "store_restore": false,
                  "owner": null,
                  "consumers": ["billing", "checkout"],
                  "environment": null,
                  "old_provider_id": "key_old",
                  "old_fingerprint": "\(fingerprint)",
                  "old_created": null,
                  "new_provider_id": "key_new",
                  "new_fingerprint": null,
                  "new_expires": null,
                  "revoke_after": null,
                  "old_revoked_at": null,
                  "progress": {"distribute": ["billing"]},
                  "notified": true,
                  "notified_problem": null,
                  "last_error": null,
                  "warnings": ["w1", "w2"],
                  "commands": {
                    "create": ["c", "--x"],
                    "distribute": ["d"],
                    "verify": [],
                    "promote": null,
                    "revoke": ["r"],
                    "rollback": null,
                    "notify": null,
                    "grace": "1d",
                    "timeout": 300.0,
                    "retries": 2,
                    "min_secret_bits": 64,
                    "per_consumer": false
                  }
                }

                """)
        #expect(try RotationState(json: Array(state.json.utf8), path: "s.json") == state)
    }

    /// A damaged state file is answered like every file keyhound decodes field by field: the
    /// member named with its enclosing object, what it must be, and where it was written.
    @Test func aDamagedStateFileNamesTheMemberAndWhereItIs() throws {
        let json = try sampleState().json
        func problem(_ text: String) -> String {
            do {
                _ = try RotationState(json: Array(text.utf8), path: "s.json")
                return "read"
            } catch { return "\(error)" }
        }
        let textual = json.replacingOccurrences(of: "\"timeout\": 300.0,\n    \"retries\"", with: "\"timeout\": \"300\",\n    \"retries\"")
        let lines = textual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("\"timeout\": \"300\"") })
        let column = try #require(lines[line].utf8.firstIndex(of: UInt8(ascii: "\"")).map { lines[line].utf8.distance(from: lines[line].utf8.startIndex, to: $0) }) + 12
        #expect(problem(textual) == "s.json:\(line + 1):\(column): member \"commands.timeout\" must be a number, not string")
        #expect(
            problem(json.replacingOccurrences(of: #""phase": "distributed""#, with: #""phase": "distribute""#)).hasSuffix(
                #"(did you mean "distributed"?)"#))
        #expect(
            problem(json.replacingOccurrences(of: #""key": "payments""#, with: #""key": null"#)).hasSuffix(
                #"member "key" is missing"#))
    }

    /// A log written by an earlier keyhound (its writer left U+FFFD unescaped, and wrote
    /// `"timeout"`-less records) verifies, and an append continues its chain.
    @Test func anOlderLogVerifiesAndGrows() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var lines: [String] = []
        var prev = AuditLog.genesis
        for (seq, detail) in [(1, "exit 0"), (2, "bad byte \u{FFFD} kept"), (3, "quote \\\" and tab \\t")] {
            let line =
                "{\"seq\":\(seq),\"time\":\"2026-03-01T09:00:0\(seq)Z\",\"key\":\"payments\",\"rotation\":\"r1\",\"step\":\"create\","
                + "\"outcome\":\"succeeded\",\"actor\":\"alice@laptop\",\"trigger\":{\"kind\":\"manual\"},"
                + "\"details\":{\"note\":\"\(detail)\"},\"prev\":\"\(prev)\"}"
            lines.append(line)
            prev = SHA256.hexDigest(Array(line.utf8))
        }
        try folder.write("audit.jsonl", lines.map { $0 + "\n" }.joined())
        let log = AuditLog(path: folder.file("audit.jsonl"))
        #expect(try AuditLog.verify(path: log.path).isIntact)
        try log.append(
            AuditRecord(
                time: Date(timeIntervalSince1970: 1_772_355_700), key: "payments", rotation: "r1", event: .step(.verify),
                outcome: .succeeded, actor: "alice@laptop"))
        let verification = try AuditLog.verify(path: log.path)
        #expect(verification.isIntact)
        #expect(verification.records == 4)
        let appended = folder.read("audit.jsonl").split(separator: "\n").last.map(String.init) ?? ""
        #expect(appended.hasPrefix("{\"seq\":4,"))
        #expect(appended.hasSuffix("\"prev\":\"\(prev)\"}"))
    }
}
