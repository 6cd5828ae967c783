import Foundation
import HoundModel
import Testing

/// `keyhound rotate`, `rotate status`, `audit verify` and `audit head` through the CLI, with
/// every exit status, against the demo provider.
@Suite("rotate and audit through the CLI")
struct RotateCommandTests {
    @Test("rotate: 0 waiting, planned or nothing to do; 1 blocked; 2 could not start; 64 usage")
    func rotateExitStatuses() throws {
        let demo = try RotationDemo()
        defer { demo.remove() }
        #expect(demo.keyhoundInProcess(["rotate"]).status == 64)
        #expect(demo.keyhoundInProcess(["rotate", "demo-api-key", "--resume"]).status == 64)
        #expect(demo.keyhoundInProcess(["rotate", "--resume"]).status == 0)
        let unknown = demo.keyhoundInProcess(["rotate", "no-such-key"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no key named \"no-such-key\""), "\(unknown)")
        let plan = demo.keyhoundInProcess(["rotate", "demo-api-key", "--dry-run"])
        #expect(plan.status == 0 && plan.stdout.contains("distribute: ./secret-store.py put demo-api-key"), "\(plan)")

        let blocked = demo.keyhoundInProcess(["rotate", "demo-api-key", "--format", "json"], environment: ["KEYHOUND_DEMO_FAIL": "verify"])
        #expect(blocked.status == 1, "\(blocked)")
        let rotation = try #require((try blocked.json()["rotations"] as? [[String: Any]])?.first)
        #expect(rotation["status"] as? String == "blocked" && rotation["step"] as? String == "verify")

        let status = demo.keyhoundInProcess(["rotate", "status", "--format", "json"])
        #expect(status.status == 1, "blocked: \(status)")
        let entry = try #require((try status.json()["rotations"] as? [[String: Any]])?.first)
        #expect(entry["blocked"] as? Bool == true && entry["owner"] as? String == "platform-team")
        #expect(entry["consumers"] as? [String] == ["demo-billing"])

        let resumed = demo.keyhoundInProcess(["rotate", "--resume"])
        #expect(resumed.status == 0 && resumed.stdout.contains("stays valid until"), "\(resumed)")
        #expect(demo.keyhoundInProcess(["rotate", "status"]).status == 0, "waiting for grace is healthy")
        let overdue = demo.keyhoundInProcess(["rotate", "status", "--now", "2099-01-01T00:00:00Z"])
        #expect(overdue.status == 1 && overdue.stdout.contains("REVOCATION OVERDUE"), "\(overdue)")
    }

    @Test("inventory audit lists a blocked rotation, with owner and consumers in JSON")
    func inventoryAuditSeesBlockedRotations() throws {
        let demo = try RotationDemo()
        defer { demo.remove() }
        #expect(demo.keyhoundInProcess(["rotate", "demo-api-key"], environment: ["KEYHOUND_DEMO_FAIL": "verify"]).status == 1)
        let audit = demo.keyhoundInProcess(["inventory", "audit", "--format", "json", "--now", "2026-01-15T00:00:00Z"])
        #expect(audit.status == 1, "\(audit)")
        let issues = try #require(try audit.json()["issues"] as? [[String: Any]])
        let blocked = try #require(issues.first { $0["kind"] as? String == "rotation-blocked" })
        #expect(blocked["owner"] as? String == "platform-team" && blocked["consumers"] as? [String] == ["demo-billing"])
    }

    @Test("a broken [rotation] configuration is an error, not ignored")
    func brokenRotationConfiguration() throws {
        let demo = try RotationDemo()
        defer { demo.remove() }
        try demo.sandbox.write(".keyhound.toml", "[rotation]\ntimeout = 5\n", in: demo.folder)
        let run = demo.keyhoundInProcess(["rotate", "demo-api-key", "--dry-run"])
        #expect(run.status == 64 && run.stderr.contains(".keyhound.toml:2:"), "\(run)")
    }

    @Test("--abort: rolls back while the old key is valid (exit 1: rolled back), 2 when nothing is under way")
    func abort() throws {
        let demo = try RotationDemo {
            $0.replacingOccurrences(of: "grace = \"1h\"", with: "grace = \"1h\"\nrollback = [\"./notify.py\", \"rollback {name}\"]")
        }
        defer { demo.remove() }
        #expect(demo.keyhoundInProcess(["rotate", "demo-api-key"]).status == 0)
        let aborted = demo.keyhoundInProcess(["rotate", "demo-api-key", "--abort"])
        #expect(aborted.status == 1 && aborted.stdout.contains("rolled back: aborted by cli-test"), "\(aborted)")
        #expect(try demo.providerKeys()[demo.oldID] == "active")
        #expect(try demo.providerKeys().values.filter { $0 == "active" }.count == 1)
        #expect(demo.keyhoundInProcess(["rotate", "demo-api-key", "--abort"]).status == 2)
    }

    @Test("audit verify: 0 intact, 1 cut at the end, 2 no log, 64 usage; audit head exports the head")
    func auditExitStatuses() throws {
        let demo = try RotationDemo()
        defer { demo.remove() }
        #expect(demo.keyhoundInProcess(["audit", "verify"]).status == 2, "no log yet")
        #expect(demo.keyhoundInProcess(["audit", "verify", "--frobnicate"]).status == 64)
        #expect(demo.keyhoundInProcess(["rotate", "demo-api-key"]).status == 0)
        let intact = demo.keyhoundInProcess(["audit", "verify"])
        #expect(intact.status == 0 && intact.stdout.contains("matches its head file"), "\(intact)")
        let head = demo.keyhoundInProcess(["audit", "head"])
        #expect(head.status == 0)
        let exported = try head.json()
        #expect(exported["chain"] as? String == "sha256" && (exported["records"] as? Int ?? 0) > 3)

        let log = demo.folder + "/.keyhound/rotation-audit.jsonl"
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        try (lines.dropLast().joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let cut = demo.keyhoundInProcess(["audit", "verify"])
        #expect(cut.status == 1 && cut.stdout.contains("removed at the end"), "\(cut)")
        #expect(demo.keyhoundInProcess(["audit", "head"]).status == 1)
    }

    @Test("KEYHOUND_AUDIT_KEY chains the log with HMAC-SHA-256; verifying needs the key (exit 2 without)")
    func keyedAuditLog() throws {
        let demo = try RotationDemo()
        defer { demo.remove() }
        let key = ["KEYHOUND_AUDIT_KEY": "hex:00112233445566778899aabbccddeeff"]
        #expect(demo.keyhoundInProcess(["rotate", "demo-api-key"], environment: key).status == 0)
        #expect(demo.keyhoundInProcess(["audit", "verify"], environment: key).status == 0)
        #expect(demo.keyhoundInProcess(["audit", "verify"]).status == 2)
        let wrong = demo.keyhoundInProcess(["audit", "verify"], environment: ["KEYHOUND_AUDIT_KEY": "another key"])
        #expect(wrong.status == 1, "\(wrong)")
    }
}

/// One bad `[[keys]]` record is reported (file:line:column) and skipped: the scan still matches
/// the valid records, and exits 2.
@Suite("an inventory with a bad record")
struct InventoryBadRecordTests {
    @Test func theValidRecordsStillApply() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        var secrets = FakeSecrets(seed: 1102)
        let token = secrets.githubToken()
        try sandbox.write("src/client.js", "const token = '\(token)';\n")
        try sandbox.write(
            "keys.toml",
            """
            [[keys]]
            name = "broken"
            ownr = "typo"

            [[keys]]
            name = "github-ci"
            fingerprint = "\(Fingerprint.of(Array(token.utf8)))"
            owner = "platform"

            """, in: sandbox.root)
        let run = sandbox.keyhound(["scan", "--no-progress", "-f", "json", "--inventory", sandbox.root + "/keys.toml"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("keys.toml:3:1: key \"broken\": unknown field \"ownr\""), "\(run.stderr)")
        let finding = try #require(try run.findings().first)
        #expect((finding["key"] as? [String: Any])?["name"] as? String == "github-ci")
    }
}
