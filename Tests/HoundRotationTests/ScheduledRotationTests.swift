import Foundation
import HoundInventory
import HoundModel
import HoundRotation
import HoundSupport
import Testing

@Suite("Scheduled rotation with a fake provider")
struct ScheduledRotationTests {
    @Test func phasedRotationWaitsForGraceThenRevokesOnResume() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        let provider = fixture.provider

        let first = try fixture.engine().rotate(name: "payments")
        let until = fixture.clock.now.addingTimeInterval(24 * 3600)
        #expect(first.status == .waiting(until: until))
        #expect(provider.isActive("key_old") && provider.isActive("key_new1"))
        #expect(provider.storedKey() == "key_new1")
        #expect(try fixture.state()?.phase == .verified)

        fixture.clock.advance(hours: 23)
        #expect(fixture.engine().resume().map(\.status) == [.waiting(until: until)])
        #expect(provider.isActive("key_old"))

        fixture.clock.advance(hours: 2)
        let resumed = fixture.engine().resume()
        #expect(resumed.map(\.status) == [.done])
        #expect(!provider.isActive("key_old") && provider.isActive("key_new1"))
        #expect(provider.state.calls.map(\.step) == [.create, .distribute, .verify, .confirm, .revokeOld, .notify])
        #expect(provider.state.notifications == [["payments", "done"]])

        let record = try #require(try fixture.record())
        let newSecret = try #require(provider.state.secrets["key_new1"])
        #expect(record.fingerprint == Fingerprint.of(newSecret))
        #expect(record.providerID == "key_new1")
        #expect(record.lastRotated == fixture.clock.now)
        #expect(fixture.engine().resume().isEmpty)
        #expect(try fixture.auditIsIntact())
        #expect(resumed[0].description.contains("key_old revoked, key_new1 in use"))
    }

    @Test func withoutGraceTheRotationFinishesInOneCall() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: nil))
        defer { fixture.folder.remove() }
        let outcome = try fixture.engine().rotate(name: "payments")
        #expect(outcome.status == .done)
        #expect(fixture.provider.state.calls.map(\.step) == [.create, .distribute, .verify, .revokeOld, .notify])
        #expect(!fixture.provider.isActive("key_old"))
    }

    @Test func theSecretTravelsOnStdinOfDistributeAndVerifyOnly() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")
        fixture.clock.advance(hours: 25)
        _ = fixture.engine().resume()
        let secret = try #require(fixture.provider.state.secrets["key_new1"])
        let secretText = String(decoding: secret, as: UTF8.self)
        for call in fixture.provider.state.calls {
            #expect(!call.argv.contains { $0.contains(secretText) }, "secret on the command line of \(call.step)")
            #expect(!call.environment.values.contains { $0.contains(secretText) }, "secret in the environment of \(call.step)")
            let expectsSecret = call.step == .distribute || call.step == .verify
            #expect((call.stdin == secret) == expectsSecret, "stdin of \(call.step)")
        }
        for file in fixture.writtenFiles() {
            #expect(!file.bytes.contains(bytes: secret), "new secret in \(file.path)")
            #expect(!file.bytes.contains(bytes: FakeProvider.oldSecret), "old secret in \(file.path)")
        }
    }

    @Test func commandsDoNotInheritTheOrganisationsFingerprintKey() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: nil))
        defer { fixture.folder.remove() }
        let engine = RotationEngine(
            inventoryPath: fixture.inventoryPath, runner: fixture.provider, clock: fixture.clock.closure,
            environment: ["PATH": "/usr/bin:/bin", "KEYHOUND_FINGERPRINT_KEY": "hex:00112233445566778899aabbccddeeff"],
            fingerprintKey: Array("org-key-bytes-0123456789abcdef".utf8), sleep: { _ in })
        #expect(try engine.rotate(name: "payments").status == .done)
        let calls = fixture.provider.state.calls
        #expect(!calls.isEmpty && calls.allSatisfy { $0.environment["KEYHOUND_FINGERPRINT_KEY"] == nil })
        #expect(calls.allSatisfy { $0.environment["KEYHOUND_ROTATION_KEY"] == "payments" })
        let secret = try #require(fixture.provider.state.secrets["key_new1"])
        #expect(try fixture.record()?.fingerprint == Fingerprint.of(secret, key: Array("org-key-bytes-0123456789abcdef".utf8)))
    }

    @Test func transientFailuresAreRetriedWithBackoff() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: nil, rotationExtra: "retries = 3"))
        defer { fixture.folder.remove() }
        fixture.provider.set(.create, .transient(2))
        fixture.provider.set(.revokeOld, .transient(3))
        let outcome = try fixture.engine().rotate(name: "payments")
        #expect(outcome.status == .done)
        #expect(fixture.sleeps.recorded == [1, 2, 1, 2, 4])
        let log = fixture.folder.read(".keyhound/rotation-audit.jsonl")
        #expect(log.components(separatedBy: "\"outcome\":\"retrying\"").count - 1 == 5)
    }

    @Test func aTransientFailureBeyondTheRetriesFailsTheStep() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(rotationExtra: "retries = 1"))
        defer { fixture.folder.remove() }
        fixture.provider.set(.create, .transient(5))
        let outcome = try fixture.engine().rotate(name: "payments")
        guard case .rolledBack(let reason) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason == "fake exited with status 75 (transient, retried 1 times): rate limited, try later")
        #expect(fixture.sleeps.recorded == [1])
        #expect(fixture.provider.state.issued == 0)
    }

    @Test func aDryRunShowsEveryCommandAndRunsNothing() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        let outcome = try fixture.engine().rotate(name: "payments", dryRun: true)
        guard case .planned(let commands) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        // The fake provider's program does not exist: the plan says so for each command.
        #expect(commands.allSatisfy { $0.step == .recordInventory || $0.problem == "fake: not found in PATH" })
        #expect(outcome.isFailure, "a plan that cannot run needs attention")
        #expect(
            commands.map { $0.description.components(separatedBy: "\n")[0] } == [
                "create: fake create --label payments-2026-03-01-<rotation_id>",
                "distribute: fake put payments  (stdin: the new secret)",
                "verify: fake verify <new_provider_id>  (stdin: the new secret)",
                "confirm: fake verify <new_provider_id>  [after the grace period (24h), on `keyhound rotate --resume`]",
                "revoke-old: fake revoke key_old  [after the grace period (24h), on `keyhound rotate --resume`]",
                "record-inventory: (update the inventory)",
                "notify: fake notify payments done",
            ])
        #expect(fixture.provider.state.calls.isEmpty)
        #expect(try fixture.engine().rotations().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.auditLogPath))
    }

    @Test func commentsAndLayoutOfTheInventorySurviveTheUpdate() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: nil))
        defer { fixture.folder.remove() }
        let before = fixture.folder.read("inventory.toml")
        _ = try fixture.engine().rotate(name: "payments")
        let written = fixture.folder.read("inventory.toml")
        // The old key is kept as a retired version, appended at the end of its record.
        let parts = written.components(separatedBy: "\n[[keys.previous]]\n")
        #expect(parts.count == 2)
        #expect(parts.last?.hasPrefix("fingerprint = \"\(Fingerprint.of(FakeProvider.oldSecret))\"\nprovider_id = \"key_old\"\n") == true)
        #expect(parts.last?.contains("revoked_at = 2026-03-01T09:00:00Z") == true)
        let after = parts[0] + "\n"
        let changed = zip(
            before.split(separator: "\n", omittingEmptySubsequences: false), after.split(separator: "\n", omittingEmptySubsequences: false)
        )
        .filter { $0.0 != $0.1 }
        #expect(changed.map { String($0.1.prefix(while: { $0 != " " })) } == ["fingerprint", "provider_id", "last_rotated"])
        #expect(after.contains("last_rotated = 2026-03-01T09:00:00Z"))
        #expect(after.hasPrefix("# test inventory\n"))
    }
}
