import Foundation
import HoundInventory
import HoundModel
import HoundSupport
import Testing

@testable import HoundRotation

/// Takeover, abort, promote, per-consumer rollout, commands re-read on resume, zero grace.
@Suite("Controlling a rotation under way")
struct ControlTests {
    @Test func anEmergencyTakesOverAVerifiedRotationAndKeepsItsNewKey() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")  // verified, waiting for its 24h grace
        let outcome = try fixture.engine().rotate(name: "payments", emergency: true)
        #expect(outcome.status == .done, "\(outcome)")
        #expect(outcome.description.contains("emergency takeover"))
        #expect(!fixture.provider.isActive("key_old"), "the leaked key is revoked at once")
        #expect(fixture.provider.isActive("key_new1") && fixture.provider.state.issued == 1, "the verified key is kept")
        #expect(try fixture.record()?.providerID == "key_new1")
        let audit = fixture.folder.read(".keyhound/rotation-audit.jsonl")
        #expect(audit.contains("\"step\":\"takeover\"") && audit.contains("\"kind\":\"takeover\""))
    }

    @Test func anEmergencyTakesOverARotationWhoseNewKeyIsUnusable() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.verify, .fail(1))
        _ = try fixture.engine().rotate(name: "payments")  // blocked at verify
        fixture.provider.set(.verify, nil)
        fixture.provider.set(.confirm, nil)
        // The store holds key_new1, which verifies now: kept. Make it unusable instead.
        fixture.provider.set(.verify, .fail(1))
        let blocked = try fixture.engine().rotate(name: "payments", emergency: true)
        #expect(!fixture.provider.isActive("key_old"), "the leaked key is revoked first: \(blocked)")
        #expect(!fixture.provider.isActive("key_new1"), "the unconfirmed key is revoked")
        #expect(fixture.provider.state.issued == 2, "another key was created")
    }

    @Test func abortRollsBackWhileTheOldKeyIsValidAndRefusesAfter() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(rotationExtra: "rollback = [\"fake\", \"notify\", \"rollback-{name}\"]"))
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")
        let aborted = try fixture.engine().abort(name: "payments")
        #expect(StepFailureTests.name(aborted.status) == "rolledBack", "\(aborted)")
        #expect(fixture.provider.isActive("key_old") && !fixture.provider.isActive("key_new1"))
        #expect(fixture.provider.state.calls.contains { $0.step == .rollback })
        #expect(throws: RotationError.notUnderWay(key: "payments")) { try fixture.engine().abort(name: "payments") }

        let second = try FakeFixture(inventory: FakeProvider.inventory(grace: "1h"))
        defer { second.folder.remove() }
        second.provider.set(.recordInventory, nil)
        _ = try second.engine().rotate(name: "payments")
        #expect(throws: RotationError.self, "consumers may read the new key and there is no rollback command") {
            try second.engine().abort(name: "payments")
        }
    }

    @Test func abortIsRefusedOnceTheOldKeyIsRevoked() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: nil))
        defer { fixture.folder.remove() }
        let crashing = fixture.engine(InstrumentedRunner(fixture.provider, crashAt: .revokeOld, .after))
        _ = try? crashing.rotate(name: "payments")
        let error = #expect(throws: RotationError.self) { try fixture.engine().abort(name: "payments") }
        #expect(error?.description.contains("may already be revoked") == true, "\(String(describing: error))")
        #expect(fixture.provider.isActive("key_new1"), "the new key, the only valid one, is untouched")
        fixture.provider.set(.revokeOld, .fail(1))
        _ = fixture.engine().resume()  // blocked at revoke-old: the old key is still valid
        fixture.provider.set(.revokeOld, nil)
        _ = fixture.engine().resume()
        #expect(throws: RotationError.notUnderWay(key: "payments")) { try fixture.engine().abort(name: "payments") }
    }

    @Test func aFixedCommandIsPickedUpOnResumeAndAudited() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.revokeOld, .fail(1))
        _ = try fixture.engine().rotate(name: "payments")
        fixture.clock.advance(hours: 25)
        _ = fixture.engine().resume()  // blocked at revoke-old
        let fixed = fixture.folder.read("inventory.toml").replacingOccurrences(
            of: "revoke = [\"fake\", \"revoke\", \"{provider_id}\"]", with: "revoke = [\"fake\", \"revoke\", \"--now\", \"{provider_id}\"]")
        try fixture.folder.write("inventory.toml", fixed)
        fixture.provider.set(.revokeOld, nil)
        #expect(fixture.engine().resume().map(\.status) == [.done])
        #expect(fixture.provider.state.calls.last { $0.step == .revokeOld }?.argv.contains("--now") == true)
        #expect(fixture.folder.read(".keyhound/rotation-audit.jsonl").contains("\"step\":\"commands\",\"outcome\":\"changed\""))
    }

    @Test func aZeroGraceRevokesRightAfterTheSecondVerification() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: "0s"))
        defer { fixture.folder.remove() }
        #expect(try fixture.engine().rotate(name: "payments").status == .done)
        #expect(fixture.provider.state.calls.contains { $0.step == .confirm })
    }

    @Test func aPerConsumerVerifyRunsForEachConsumerInOrder() throws {
        let fixture = try FakeFixture(
            inventory: FakeProvider.inventory(keys: [("payments", "consumers = [\"api\", \"web\", \"jobs\"]")], grace: nil)
                .replacingOccurrences(of: "verify = [\"fake\", \"verify\", \"{new_provider_id}\"]", with: "verify = [\"fake\", \"verify\", \"{consumer}\", \"{new_provider_id}\"]"))
        defer { fixture.folder.remove() }
        let outcome = try fixture.engine().rotate(name: "payments")
        #expect(outcome.status == .done, "\(outcome)")
        let verified = fixture.provider.state.calls.filter { $0.step == .verify }.map { $0.argv[2] }
        #expect(verified == ["api", "web", "jobs"])
    }

    @Test func theNewSecretIsWipedInTheBufferThatHeldIt() {
        let secret = NewSecret(Array("tok_8cK2pQ9zR4mW7xYv".utf8))
        let copy = secret
        let buffer = secret.storage.buffer
        secret.wipe()
        #expect(buffer.allSatisfy { $0 == 0 }, "the storage itself is zeroed")
        #expect(copy.bytes.isEmpty && copy.description == "[REDACTED 0 bytes]")
    }
}

@Suite("Audit log head and HMAC")
struct AuditHeadTests {
    static func log(_ folder: TemporaryDirectory, key: [UInt8]? = nil, count: Int = 3) throws -> AuditLog {
        let log = AuditLog(path: folder.file("audit.jsonl"), headPath: folder.file("rotation/audit.head"), key: key)
        for index in 1...count {
            try log.append(
                AuditRecord(
                    time: Date(timeIntervalSince1970: 1_772_355_600 + Double(index)), key: "k", rotation: "r",
                    event: .step(.create), outcome: .succeeded, actor: "a", trigger: RotationTrigger(.schedule)))
        }
        return log
    }

    static func verify(_ folder: TemporaryDirectory, key: [UInt8]? = nil) throws -> AuditVerification {
        try AuditLog.verify(path: folder.file("audit.jsonl"), headPath: folder.file("rotation/audit.head"), key: key)
    }

    @Test func aCutLastRecordAndAnEmptiedLogAreFound() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try Self.log(folder)
        #expect(try Self.verify(folder).isIntact)
        let lines = folder.read("audit.jsonl").split(separator: "\n").map(String.init)
        try folder.write("audit.jsonl", lines.dropLast().map { $0 + "\n" }.joined())
        #expect(try Self.verify(folder).problem?.reason.contains("records were removed at the end") == true)
        try folder.write("audit.jsonl", "")
        #expect(try Self.verify(folder).problem?.reason.contains("the log was emptied") == true)
    }

    @Test func aRechainedForgeryIsFoundWithTheKey() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let key = Array("audit-key-0123456789".utf8)
        _ = try Self.log(folder, key: key)
        #expect(try Self.verify(folder, key: key).isIntact)
        #expect(try Self.verify(folder).needsKey, "keyed records need the key")
        // The forger edits record 2 and re-chains every record after it with SHA-256 (no key).
        var lines = folder.read("audit.jsonl").split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: "\"actor\":\"a\"", with: "\"actor\":\"mallory\"")
        for index in 2..<lines.count {
            let prev = SHA256.hexDigest(Array(lines[index - 1].utf8))
            lines[index] = lines[index].replacingOccurrences(of: #""prev":"[0-9a-f]{64}""#, with: "\"prev\":\"\(prev)\"", options: .regularExpression)
        }
        try folder.write("audit.jsonl", lines.map { $0 + "\n" }.joined())
        #expect(try Self.verify(folder, key: key).isIntact == false)
    }
}

@Suite("The inventory remembers retired keys")
struct RetiredKeyTests {
    @Test func aQuotedKeyInventoryIsRecordedAndTheOldKeyRetired() throws {
        // Quoted keys are the same TOML: the rotation must find the record and its fields.
        let quoted = FakeProvider.inventory(grace: nil)
            .replacingOccurrences(of: "[[keys]]", with: "[[ \"keys\" ]]")
            .replacingOccurrences(of: "\nfingerprint = ", with: "\n\"fingerprint\" = ")
            .replacingOccurrences(of: "\nprovider_id = ", with: "\n'provider_id' = ")
        let fixture = try FakeFixture(inventory: quoted)
        defer { fixture.folder.remove() }
        #expect(try fixture.engine().rotate(name: "payments").status == .done)
        let record = try #require(try fixture.record())
        #expect(record.providerID == "key_new1")
        #expect(record.previous.map(\.providerID) == ["key_old"])
        #expect(record.previous.first?.fingerprint == Fingerprint.of(FakeProvider.oldSecret))
        #expect(record.previous.first?.revokedAt == fixture.clock.now)

        let inventory = try Inventory.load(path: fixture.inventoryPath)
        let old = inventory.knownKey(forSecret: FakeProvider.oldSecret)
        #expect(old?.reference.name == "payments" && old?.retired == .revoked(on: "2026-03-01"))
        let finding = Finding(
            ruleID: "fake-key", description: "fake", location: Location(path: "a", line: 1, column: 1, endLine: 1, endColumn: 2),
            otherLocations: [], secret: FakeProvider.oldSecret, fingerprint: Fingerprint.of(FakeProvider.oldSecret),
            confidence: .high, severity: .high, context: "", tags: [], key: nil, notes: [])
        let annotated = inventory.annotate(finding)
        #expect(annotated.severity == .low)
        #expect(annotated.notes.contains("revoked version of payments, revoked on 2026-03-01"))
    }

    @Test func expiresIsRefreshedFromCreate() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(keys: [("payments", "expires = 2026-06-01")], grace: nil))
        defer { fixture.folder.remove() }
        let secret = ["fresh_", "Zq8Lm3Xv0Rt6Kw2Yp9Bn5Hd1"].joined()
        fixture.provider.set(.create, .returns(secret: secret, id: "key_x", expires: "2027-10-01T12:30:00Z"))
        #expect(try fixture.engine().rotate(name: "payments").status == .done)
        #expect(try fixture.record()?.expires == (try ISODate.parse("2027-10-01T12:30:00Z")))
        let inventory = fixture.folder.read("inventory.toml")
        #expect(inventory.contains("expires = 2027-10-01T12:30:00Z") && !inventory.contains("2026-06-01"), "\(inventory)")

        // A create that says nothing about expiry leaves the recorded one alone.
        fixture.provider.set(.create, .returns(secret: ["fresh_", "Pq2Wn8Vc4Xm6Lk0Rt3Gh7Jd5"].joined(), id: "key_y"))
        #expect(try fixture.engine().rotate(name: "payments").status == .done)
        let record = try #require(try fixture.record())
        let expiry = try ISODate.parse("2027-10-01T12:30:00Z")
        #expect(record.providerID == "key_y" && record.expires == expiry)
    }

    @Test func aPerConsumerDistributeRunsOncePerConsumerWithItsName() throws {
        let fixture = try FakeFixture(inventory: Self.perConsumerInventory)
        defer { fixture.folder.remove() }
        let outcome = try fixture.engine().rotate(name: "payments")
        #expect(outcome.status == .done, "\(outcome)")
        let distributed = fixture.provider.state.calls.filter { $0.step == .distribute }
        #expect(distributed.map { $0.argv[3] } == ["api", "web", "jobs"], "in the inventory's order, each named")
        #expect(distributed.map { $0.environment["KEYHOUND_ROTATION_CONSUMER"] } == ["api", "web", "jobs"])
        #expect(distributed.allSatisfy { $0.stdin == fixture.provider.state.secrets["key_new1"] }, "the new secret on stdin, each time")
        // Each consumer's progress is recorded as it goes.
        let done = try fixture.auditRecords().filter { $0.step == "distribute" && $0.outcome == "succeeded" }.map { $0.consumer }
        #expect(done == ["api", "web", "jobs"])
        #expect(fixture.provider.isActive("key_new1") && !fixture.provider.isActive("key_old"))
    }

    @Test func aFailingConsumerStopsTheRolloutAndRollsBackTheOnesBefore() throws {
        let fixture = try FakeFixture(inventory: Self.perConsumerInventory)
        defer { fixture.folder.remove() }
        fixture.provider.set(.distribute, .failsFor("web"))
        let outcome = try fixture.engine().rotate(name: "payments")
        guard case .rolledBack(let reason) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason.contains("the rollout stopped at consumer web") && reason.contains("refused for web"), "\(reason)")
        let calls = fixture.provider.state.calls
        #expect(calls.filter { $0.step == .distribute }.map { $0.argv[3] } == ["api", "web"], "jobs never received the new key")
        #expect(calls.filter { $0.step == .rollback }.map { $0.argv.last } == ["rollback-api"], "the switched consumer is restored")
        #expect(fixture.provider.isActive("key_old") && fixture.provider.state.keys["key_new1"] == false, "the new key is revoked")
        #expect(try fixture.record()?.providerID == "key_old")
        let state = try #require(try fixture.state())
        #expect(state.phase == .rolledBack && state.progress.isEmpty)
    }

    /// The fake's inventory with three consumers, `distribute` per consumer (`{consumer}`) and a
    /// per-consumer `rollback` (the fake's `notify` records it).
    static let perConsumerInventory = FakeProvider.inventory(
        keys: [("payments", "consumers = [\"api\", \"web\", \"jobs\"]")], grace: nil,
        rotationExtra: "rollback = [\"fake\", \"notify\", \"rollback-{consumer}\"]"
    )
    .replacingOccurrences(
        of: "distribute = [\"fake\", \"put\", \"{name}\"]", with: "distribute = [\"fake\", \"put\", \"{name}\", \"{consumer}\"]")
}
