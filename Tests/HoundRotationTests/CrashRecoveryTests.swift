import Foundation
import HoundRotation
import HoundSupport
import Testing

/// A simulated `kill -9` at one step, and what both keys look like once a fresh process resumed.
struct CrashCase: Sendable, CustomStringConvertible {
    var kind: RotationKind
    var step: RotationStep
    var point: CrashPoint
    /// The final phase.
    var end: RotationPhase
    var oldKeyValid: Bool
    /// nil: no new key was ever made.
    var newKeyValid: Bool?
    var storeHolds: String
    var warnsOfOrphan = false
    var description: String { "\(kind.rawValue) \(step.rawValue) \(point)" }
}

@Suite("A rotation killed at any step is resumed to a consistent end")
struct CrashRecoveryTests {
    static let scheduled: [CrashCase] = [
        CrashCase(
            kind: .scheduled, step: .create, point: .before, end: .rolledBack, oldKeyValid: true, newKeyValid: nil, storeHolds: "key_old",
            warnsOfOrphan: true),
        CrashCase(
            kind: .scheduled, step: .create, point: .after, end: .rolledBack, oldKeyValid: true, newKeyValid: true, storeHolds: "key_old",
            warnsOfOrphan: true),
        CrashCase(
            kind: .scheduled, step: .distribute, point: .before, end: .rolledBack, oldKeyValid: true, newKeyValid: false,
            storeHolds: "key_old"),
        CrashCase(
            kind: .scheduled, step: .distribute, point: .after, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .scheduled, step: .verify, point: .before, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .scheduled, step: .verify, point: .after, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .scheduled, step: .confirm, point: .before, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .scheduled, step: .confirm, point: .after, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .scheduled, step: .revokeOld, point: .before, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .scheduled, step: .revokeOld, point: .after, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .scheduled, step: .notify, point: .before, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .scheduled, step: .notify, point: .after, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
    ]

    static let emergency: [CrashCase] = [
        CrashCase(
            kind: .emergency, step: .revokeOld, point: .before, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .emergency, step: .revokeOld, point: .after, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .emergency, step: .create, point: .before, end: .failed, oldKeyValid: false, newKeyValid: nil, storeHolds: "key_old",
            warnsOfOrphan: true),
        CrashCase(
            kind: .emergency, step: .create, point: .after, end: .failed, oldKeyValid: false, newKeyValid: true, storeHolds: "key_old",
            warnsOfOrphan: true),
        CrashCase(
            kind: .emergency, step: .distribute, point: .before, end: .failed, oldKeyValid: false, newKeyValid: false, storeHolds: "key_old"
        ),
        CrashCase(
            kind: .emergency, step: .distribute, point: .after, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .emergency, step: .verify, point: .before, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .emergency, step: .verify, point: .after, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
        CrashCase(
            kind: .emergency, step: .notify, point: .after, end: .done, oldKeyValid: false, newKeyValid: true, storeHolds: "key_new1"),
    ]

    @Test(arguments: scheduled + emergency)
    func crashThenResume(_ crash: CrashCase) throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        let crashing = fixture.engine(InstrumentedRunner(fixture.provider, crashAt: crash.step, crash.point))
        let afterGrace: Set<RotationStep> = [.confirm, .revokeOld, .notify]
        if crash.kind == .scheduled, afterGrace.contains(crash.step) {
            _ = try fixture.engine().rotate(name: "payments")
            fixture.clock.advance(hours: 25)
            let stopped = crashing.resume()
            #expect(stopped.count == 1 && StepFailureTests.name(stopped[0].status) == "failed")
        } else {
            #expect(throws: RotationError.self) { try crashing.rotate(name: "payments", emergency: crash.kind == .emergency) }
        }
        #expect(try fixture.state()?.pending == crash.step, "the write-ahead record names the step")

        // A fresh process resumes; a later one runs after the grace period.
        _ = fixture.engine().resume()
        fixture.clock.advance(hours: 25)
        _ = fixture.engine().resume()

        let state = try #require(try fixture.state())
        #expect(state.phase == crash.end)
        #expect(state.isFinished)
        #expect(fixture.provider.isActive("key_old") == crash.oldKeyValid)
        #expect(fixture.provider.state.keys["key_new1"] == crash.newKeyValid)
        #expect(fixture.provider.storedKey() == crash.storeHolds)
        #expect(state.warnings.contains { $0.contains(state.rotationID) } == crash.warnsOfOrphan)
        #expect(try fixture.auditIsIntact())
        if crash.end == .done {
            #expect(try fixture.record()?.providerID == "key_new1")
        } else {
            #expect(try fixture.record()?.providerID == "key_old")
        }
    }

    @Test(arguments: CrashPoint.allCases)
    func aRollbackKilledHalfWayIsFinishedOnResume(_ point: CrashPoint) throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.distribute, .fail(1))
        let crashing = fixture.engine(InstrumentedRunner(fixture.provider, crashAt: .revokeNew, point))
        #expect(throws: RotationError.self) { try crashing.rotate(name: "payments") }
        #expect(try fixture.state()?.phase == .rollingBack)
        let resumed = fixture.engine().resume()
        #expect(resumed.map { StepFailureTests.name($0.status) } == ["rolledBack"])
        #expect(!fixture.provider.isActive("key_new1") && fixture.provider.isActive("key_old"))
    }

    @Test(arguments: [RotationStep.distribute, .verify], CrashPoint.allCases)
    func theGracePeriodSurvivesACrashAroundVerification(_ step: RotationStep, _ point: CrashPoint) throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        let crashing = fixture.engine(InstrumentedRunner(fixture.provider, crashAt: step, point))
        #expect(throws: RotationError.self) { try crashing.rotate(name: "payments") }
        let resumed = fixture.engine().resume()
        if step == .distribute && point == .before {
            #expect(resumed.map { StepFailureTests.name($0.status) } == ["rolledBack"])
        } else {
            #expect(resumed.map(\.status) == [.waiting(until: fixture.clock.now.addingTimeInterval(86_400))])
            #expect(fixture.provider.isActive("key_old"))
        }
    }

    @Test func aNotificationInterruptedAfterSendingIsSentAgain() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: nil))
        defer { fixture.folder.remove() }
        let crashing = fixture.engine(InstrumentedRunner(fixture.provider, crashAt: .notify, .after))
        #expect(throws: RotationError.self) { try crashing.rotate(name: "payments") }
        #expect(fixture.engine().resume().map(\.status) == [.done])
        #expect(fixture.provider.state.notifications == [["payments", "done"], ["payments", "done"]])
    }
}
