import Foundation
import HoundInventory
import HoundModel
import HoundRotation
import HoundSupport
import Testing

@Suite("End to end with the demo provider, secret store and consumer check")
struct DemoEndToEndTests {
    @Test func phasedRotationThenResumeAfterTheGracePeriod() throws {
        let demo = try DemoFixture()
        defer { demo.folder.remove() }
        let runner = InstrumentedRunner(SubprocessRunner())

        let first = try demo.engine(runner).rotate(name: "demo-api-key")
        #expect(first.status == .waiting(until: demo.clock.now.addingTimeInterval(3600)), "\(first)")
        let newID = try #require(try demo.newIDs().first)
        #expect(try demo.providerKeys() == [demo.oldID: "active", newID: "active"])
        #expect(demo.storedSecret != demo.oldSecret)

        demo.clock.advance(hours: 0.5)
        #expect(demo.engine(runner).resume().map(\.status) == [.waiting(until: demo.clock.now.addingTimeInterval(1800))])
        demo.clock.advance(hours: 1)
        let finished = demo.engine(runner).resume()
        #expect(finished.map(\.status) == [.done], "\(finished)")
        #expect(try demo.providerKeys() == [demo.oldID: "revoked", newID: "active"])

        let record = try #require(try demo.record())
        #expect(record.fingerprint == Fingerprint.of(demo.storedSecret))
        #expect(record.providerID == newID)
        #expect(record.lastRotated == demo.clock.now)
        #expect(demo.notifications.count == 1)
        #expect(demo.notifications.first?.hasSuffix("rotation of demo-api-key (scheduled) ended done: new key \(newID)") == true)
        #expect(try AuditLog.verify(path: demo.folder.file(".keyhound/rotation-audit.jsonl")).isIntact)
        try Self.expectNoSecretEscaped(demo, runner)
    }

    @Test func emergencyRevokesTheLeakedKeyFirst() throws {
        let demo = try DemoFixture()
        defer { demo.folder.remove() }
        let runner = InstrumentedRunner(SubprocessRunner())
        let outcome = try demo.engine(runner).rotate(name: "demo-api-key", emergency: true)
        #expect(outcome.status == .done, "\(outcome)")
        #expect(runner.steps == [.revokeOld, .create, .distribute, .verify, .notify])
        let newID = try #require(try demo.newIDs().first)
        #expect(try demo.providerKeys() == [demo.oldID: "revoked", newID: "active"])
        #expect(try demo.record()?.providerID == newID)
        try Self.expectNoSecretEscaped(demo, runner)
    }

    /// A failure injected into the demo scripts at each step, and the fate of both keys.
    struct Injection: Sendable, CustomStringConvertible {
        var failing: String
        var status: String
        var oldActive: Bool
        /// nil: no new key was made.
        var newActive: Bool?
        var storeHoldsNew: Bool
        var description: String { failing }
    }

    static let injections: [Injection] = [
        Injection(failing: "create", status: "rolledBack", oldActive: true, newActive: nil, storeHoldsNew: false),
        Injection(failing: "distribute", status: "rolledBack", oldActive: true, newActive: false, storeHoldsNew: false),
        Injection(failing: "distribute,revoke-new", status: "blocked", oldActive: true, newActive: true, storeHoldsNew: false),
        Injection(failing: "verify", status: "blocked", oldActive: true, newActive: true, storeHoldsNew: true),
        Injection(failing: "confirm", status: "blocked", oldActive: true, newActive: true, storeHoldsNew: true),
        Injection(failing: "revoke-old", status: "blocked", oldActive: true, newActive: true, storeHoldsNew: true),
        Injection(failing: "notify", status: "done", oldActive: false, newActive: true, storeHoldsNew: true),
    ]

    @Test(arguments: injections)
    func anInjectedFailureLeavesBothKeysConsistent(_ injection: Injection) throws {
        let demo = try DemoFixture()
        defer { demo.folder.remove() }
        let runner = InstrumentedRunner(SubprocessRunner())
        let failing = demo.engine(runner, extra: ["KEYHOUND_DEMO_FAIL": injection.failing])
        var outcome = try failing.rotate(name: "demo-api-key")
        if case .waiting = outcome.status {
            demo.clock.advance(hours: 2)
            outcome = try #require(failing.resume().first)
        }
        #expect(StepFailureTests.name(outcome.status) == injection.status, "\(outcome)")
        #expect(try demo.providerKeys()[demo.oldID] == (injection.oldActive ? "active" : "revoked"))
        let newID = try demo.newIDs().first
        #expect(newID.map { try? demo.providerKeys()[$0] == "active" } ?? nil == injection.newActive)
        #expect((demo.storedSecret != demo.oldSecret) == injection.storeHoldsNew)
        if injection.status == "blocked" {
            #expect(outcome.description.contains("injected failure"))
        }

        // Fixed: resuming finishes the rotation one way or the other, and nothing is left behind.
        _ = demo.engine(runner).resume()
        demo.clock.advance(hours: 2)
        _ = demo.engine(runner).resume()
        let keys = try demo.providerKeys()
        #expect(keys.values.filter { $0 == "active" }.count == 1, "exactly one valid key: \(keys)")
        let active = keys.first { $0.value == "active" }?.key
        #expect(try demo.record()?.providerID == active)
        #expect(try demo.record()?.fingerprint == Fingerprint.of(demo.storedSecret))
        try Self.expectNoSecretEscaped(demo, runner)
    }

    @Test(arguments: [RotationStep.create, .distribute, .verify, .confirm, .revokeOld, .notify], CrashPoint.allCases)
    func aKillAtAnyStepIsResumedToOneValidKey(_ step: RotationStep, _ point: CrashPoint) throws {
        let demo = try DemoFixture()
        defer { demo.folder.remove() }
        let recorder = InstrumentedRunner(SubprocessRunner())
        let crashing = demo.engine(InstrumentedRunner(recorder, crashAt: step, point))
        if [.confirm, .revokeOld, .notify].contains(step) {
            _ = try demo.engine(recorder).rotate(name: "demo-api-key")
            demo.clock.advance(hours: 2)
            _ = crashing.resume()
        } else {
            #expect(throws: RotationError.self) { try crashing.rotate(name: "demo-api-key") }
        }

        _ = demo.engine(recorder).resume()
        demo.clock.advance(hours: 2)
        let last = demo.engine(recorder).resume()
        #expect(last.allSatisfy { !$0.isFailure }, "\(last)")

        let keys = try demo.providerKeys()
        let active = keys.filter { $0.value == "active" }.map(\.key)
        if step == .create && point == .after {
            // The one window no one can close: the provider made a key whose id was never read.
            #expect(active.count == 2 && active.contains(demo.oldID))
            let state = try #require(try demo.engine().rotations().first)
            #expect(state.phase == .rolledBack)
            #expect(state.warnings.contains { $0.contains(state.rotationID) })
            let list = try Subprocess(
                executable: demo.folder.file("provider.py"), arguments: ["list"], environment: DemoFixture.environment(demo.folder)
            ).run(timeout: 30)
            #expect(list.stdoutText.contains(state.rotationID), "the orphan carries the rotation id in its label")
        } else {
            #expect(active.count == 1, "exactly one valid key: \(keys)")
            let inUse = try #require(active.first)
            #expect(try demo.record()?.providerID == inUse)
            #expect(try demo.record()?.fingerprint == Fingerprint.of(demo.storedSecret))
            let rolledBack = step == .create || (step == .distribute && point == .before)
            #expect((inUse == demo.oldID) == rolledBack)
        }
        try Self.expectNoSecretEscaped(demo, recorder)
    }

    @Test func aHangingCommandIsStoppedByItsTimeoutAndRolledBack() throws {
        let demo = try DemoFixture { $0.replacingOccurrences(of: "timeout = \"1m\"\n", with: "") }
        defer { demo.folder.remove() }
        let engine = demo.engine(extra: ["KEYHOUND_DEMO_HANG": "distribute"], defaults: RotationDefaults(timeout: 5))
        let started = Date()
        let outcome = try engine.rotate(name: "demo-api-key")
        #expect(Date().timeIntervalSince(started) < 20)
        guard case .rolledBack(let reason) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason == "./secret-store.py timed out after 5s and was stopped")
        let newID = try #require(try demo.newIDs().first)
        #expect(try demo.providerKeys() == [demo.oldID: "active", newID: "revoked"])
        #expect(demo.storedSecret == demo.oldSecret)
    }

    @Test func aMissingScriptFailsTheStepAndNothingIsCreated() throws {
        let demo = try DemoFixture {
            $0.replacingOccurrences(of: "[\"./provider.py\", \"create\"", with: "[\"./no-such-provider\", \"create\"")
        }
        defer { demo.folder.remove() }
        let outcome = try demo.engine().rotate(name: "demo-api-key")
        #expect(outcome.status == .rolledBack(reason: "./no-such-provider: \(demo.folder.path)/./no-such-provider not found in PATH"))
        #expect(try demo.newIDs().isEmpty)
    }

    /// No secret on any command line or in any environment, and none in any file keyhound wrote.
    static func expectNoSecretEscaped(_ demo: DemoFixture, _ runner: InstrumentedRunner) throws {
        let secrets = demo.secrets(seenBy: runner) + [demo.storedSecret]
        #expect(secrets.count >= 2)
        for file in demo.keyhoundFiles() {
            for secret in secrets {
                #expect(!file.bytes.contains(bytes: secret), "a secret in \(file.path)")
            }
        }
        for call in runner.calls {
            for secret in secrets.map({ String(decoding: $0, as: UTF8.self) }) {
                #expect(!call.command.argv.contains { $0.contains(secret) }, "a secret on the command line of \(call.command.step)")
                #expect(
                    !call.command.environment.values.contains { $0.contains(secret) }, "a secret in the environment of \(call.command.step)"
                )
            }
            if let stdin = call.stdin, !stdin.isEmpty {
                #expect([.distribute, .verify].contains(call.command.step), "stdin of \(call.command.step)")
            }
        }
    }
}
