import Foundation
import HoundRotation
import HoundSupport
import Testing

@Suite("Emergency rotation")
struct EmergencyRotationTests {
    @Test func theLeakedKeyIsRevokedFirstAndThereIsNoGrace() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        let outcome = try fixture.engine().rotate(name: "payments", emergency: true)
        #expect(outcome.status == .done)
        #expect(fixture.provider.state.calls.map(\.step) == [.revokeOld, .create, .distribute, .verify, .notify])
        #expect(!fixture.provider.isActive("key_old") && fixture.provider.isActive("key_new1"))
        #expect(fixture.provider.storedKey() == "key_new1")
        #expect(try fixture.record()?.providerID == "key_new1")
        #expect(outcome.description == "payments (emergency): rotated: key_old revoked, key_new1 in use")
    }

    @Test func aFailedCreateLeavesConsumersWithoutAKeyAndSaysWhatToDo() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.create, .fail(2))
        let outcome = try fixture.engine().rotate(name: "payments", emergency: true)
        guard case .failed(let reason) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason.contains("The leaked key is revoked but no new key is in place"))
        #expect(reason.contains("`keyhound rotate payments --emergency`"))
        #expect(!fixture.provider.isActive("key_old"))
        #expect(fixture.provider.state.notifications == [["payments", "failed"]])

        fixture.provider.set(.create, nil)
        #expect(try fixture.engine().rotate(name: "payments", emergency: true).status == .done)
        #expect(fixture.provider.storedKey() == "key_new1")
    }

    @Test func killedBeforeDistributeSaysLoudlyThatTheKeyMustBeRotatedAgainNow() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        let crashing = fixture.engine(InstrumentedRunner(fixture.provider, crashAt: .distribute, .before))
        #expect(throws: RotationError.self) { try crashing.rotate(name: "payments", emergency: true) }
        let resumed = fixture.engine().resume()
        let outcome = try #require(resumed.first)
        guard case .failed(let reason) = outcome.status else {
            Issue.record("\(resumed)")
            return
        }
        #expect(!fixture.provider.isActive("key_old") && fixture.provider.state.keys["key_new1"] == false, "both keys revoked")
        #expect(reason.contains("cannot be recovered") && reason.contains("NO WORKING KEY"), "\(reason)")
        #expect(reason.hasSuffix("The key must be rotated again now: `keyhound rotate payments --emergency`"), "\(reason)")
        #expect(!reason.contains("Fix the cause"), "nothing to fix: keyhound was stopped")
        #expect(outcome.description.contains("`keyhound rotate payments --emergency`"), "\(outcome)")
        #expect(fixture.provider.state.notifications.last == ["payments", "failed"])
    }

    @Test func aFailedRevocationOfTheLeakedKeyBlocksBeforeAnythingElse() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.revokeOld, .fail(1))
        let outcome = try fixture.engine().rotate(name: "payments", emergency: true)
        #expect(outcome.status == .blocked(step: .revokeOld, reason: "fake exited with status 1: revoke-old refused"))
        #expect(outcome.description.contains("The leaked key is NOT revoked yet."))
        #expect(fixture.provider.state.issued == 0)
    }
}
