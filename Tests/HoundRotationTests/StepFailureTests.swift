import Foundation
import HoundRotation
import HoundSupport
import Testing

/// What must be true of both keys after a step fails (or its command misbehaves).
struct FailureCase: Sendable, CustomStringConvertible {
    var step: RotationStep
    var behaviour: FakeProvider.Behaviour
    /// The outcome's status, by name.
    var status: String
    var oldKeyValid: Bool
    /// `nil`: no new key was made.
    var newKeyValid: Bool?
    var storeHolds: String
    var description: String { "\(step.rawValue) \(behaviour)" }
}

@Suite("A failing step never loses a key nor orphans one")
struct StepFailureTests {
    static let cases: [FailureCase] = [
        FailureCase(step: .create, behaviour: .fail(1), status: "rolledBack", oldKeyValid: true, newKeyValid: nil, storeHolds: "key_old"),
        FailureCase(step: .create, behaviour: .missing, status: "rolledBack", oldKeyValid: true, newKeyValid: nil, storeHolds: "key_old"),
        FailureCase(
            step: .create, behaviour: .prints(""), status: "rolledBack", oldKeyValid: true, newKeyValid: nil, storeHolds: "key_old"),
        FailureCase(
            step: .create, behaviour: .prints("{\"id\": \"k\"}"), status: "rolledBack", oldKeyValid: true, newKeyValid: nil,
            storeHolds: "key_old"),
        FailureCase(
            step: .distribute, behaviour: .fail(1), status: "rolledBack", oldKeyValid: true, newKeyValid: false, storeHolds: "key_old"),
        FailureCase(
            step: .distribute, behaviour: .missing, status: "rolledBack", oldKeyValid: true, newKeyValid: false, storeHolds: "key_old"),
        FailureCase(step: .verify, behaviour: .fail(1), status: "blocked", oldKeyValid: true, newKeyValid: true, storeHolds: "key_new1"),
        FailureCase(step: .confirm, behaviour: .fail(1), status: "blocked", oldKeyValid: true, newKeyValid: true, storeHolds: "key_new1"),
        FailureCase(step: .revokeOld, behaviour: .fail(1), status: "blocked", oldKeyValid: true, newKeyValid: true, storeHolds: "key_new1"),
        FailureCase(step: .notify, behaviour: .fail(1), status: "done", oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
    ]

    @Test(arguments: cases)
    func failureLeavesBothKeysConsistent(_ failure: FailureCase) throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(failure.step, failure.behaviour)
        var outcome = try fixture.engine().rotate(name: "payments")
        if outcome.status == .waiting(until: fixture.clock.now.addingTimeInterval(86_400)) {
            fixture.clock.advance(hours: 25)
            outcome = try #require(fixture.engine().resume().first)
        }
        #expect(Self.name(outcome.status) == failure.status, "\(outcome)")
        #expect(fixture.provider.isActive("key_old") == failure.oldKeyValid)
        #expect(fixture.provider.state.keys["key_new1"] == failure.newKeyValid)
        #expect(fixture.provider.storedKey() == failure.storeHolds)
        #expect(try fixture.auditIsIntact())

        // Once the cause is fixed, resuming finishes whatever was left (a verification that
        // passes only now starts the grace period only now).
        fixture.provider.set(failure.step, nil)
        _ = fixture.engine().resume()
        fixture.clock.advance(hours: 25)
        _ = fixture.engine().resume()
        let end = try #require(try fixture.state())
        #expect(end.isFinished)
        if failure.status == "blocked" {
            #expect(end.phase == .done)
            #expect(!fixture.provider.isActive("key_old") && fixture.provider.isActive("key_new1"))
        }
    }

    @Test func aFailedRollbackIsRetriedUntilTheNewKeyIsRevoked() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.distribute, .fail(1))
        fixture.provider.set(.revokeNew, .fail(1))
        let outcome = try fixture.engine().rotate(name: "payments")
        #expect(outcome.status == .blocked(step: .revokeNew, reason: "fake exited with status 1: revoke-new refused"))
        #expect(outcome.description.contains("The old key is still valid and in use; the new key is not distributed and must be revoked."))
        #expect(fixture.provider.isActive("key_new1"))

        fixture.provider.set(.revokeNew, nil)
        let resumed = fixture.engine().resume()
        #expect(resumed.map { Self.name($0.status) } == ["rolledBack"])
        #expect(!fixture.provider.isActive("key_new1") && fixture.provider.isActive("key_old"))
        // Notified once when it was blocked, and once at the end.
        #expect(fixture.provider.state.notifications == [["payments", "blocked"], ["payments", "rolled-back"]])
    }

    @Test func aHangingCommandTimesOutAndIsRolledBack() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.distribute, .timeout)
        let outcome = try fixture.engine().rotate(name: "payments")
        guard case .rolledBack(let reason) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason == "fake timed out after 5m and was stopped")
        #expect(!fixture.provider.isActive("key_new1") && fixture.provider.isActive("key_old"))
    }

    @Test func aCreateThatTimesOutMayHaveMadeAKeyAndSaysSo() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.create, .timeout)
        let outcome = try fixture.engine().rotate(name: "payments")
        #expect(Self.name(outcome.status) == "rolledBack")
        let warning = try #require(outcome.warnings.first)
        #expect(warning.contains("may hold a new key for \"payments\""))
        #expect(warning.contains(try #require(outcome.rotationID)))
    }

    @Test func createOutputThatIsNotAKeyIsRefusedWithoutEchoingIt() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.create, .makesKeyPrintsGarbage)
        let outcome = try fixture.engine().rotate(name: "payments")
        guard case .rolledBack(let reason) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason.hasPrefix("create printed 31 bytes that are not one word"))
        #expect(!outcome.description.contains("Check the console"))
        #expect(outcome.warnings.count == 1)
    }

    @Test func aRawSecretWithoutIdIsRefusedWhenTheCommandsNeedTheId() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.create, .printsRawSecret)
        let outcome = try fixture.engine().rotate(name: "payments")
        guard case .rolledBack(let reason) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason.hasPrefix("create printed no id, but the rotation commands need {new_provider_id}"))
        #expect(fixture.provider.storedKey() == "key_old")
    }

    @Test func aMissingProgramIsNamed() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.create, .missing)
        let outcome = try fixture.engine().rotate(name: "payments")
        #expect(outcome.status == .rolledBack(reason: "fake: fake not found in PATH"))
    }

    @Test func aRotationThatCouldNotBeRecordedKeepsTheOldKeyAndIsRetried() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: "1h"))
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")
        let original = fixture.folder.read("inventory.toml")
        try fixture.folder.write("inventory.toml", "# emptied by someone\n")
        fixture.clock.advance(hours: 2)
        let blocked = try #require(fixture.engine().resume().first)
        #expect(Self.name(blocked.status) == "blocked")
        #expect(blocked.description.contains("is no longer in the inventory"))
        // Checked before the old key is revoked: both keys stay valid until it can be recorded.
        #expect(blocked.description.contains("not revoked, because the rotation could not be recorded"))
        #expect(fixture.provider.isActive("key_old"))

        try fixture.folder.write("inventory.toml", original)
        #expect(fixture.engine().resume().map(\.status) == [.done])
        #expect(try fixture.record()?.providerID == "key_new1")
    }

    static func name(_ status: RotationOutcome.Status) -> String {
        switch status {
        case .done: "done"
        case .waiting: "waiting"
        case .blocked: "blocked"
        case .rolledBack: "rolledBack"
        case .failed: "failed"
        case .planned: "planned"
        case .skipped: "skipped"
        }
    }
}
