import Foundation
import HoundRotation
import HoundSupport
import Testing

/// What `create` returns is checked before anything is distributed: a new id, a new secret,
/// at least 16 bytes and enough entropy. A refused key is revoked again; the old key is never
/// touched.
@Suite("What create returns is checked")
struct CreateChecksTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var secret: String
        var id: String
        /// Words the refusal must contain.
        var reason: String
        /// Whether the key create made is revoked again (false: it named the old key).
        var revokesNew: Bool
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a short password", secret: "password", id: "key_p", reason: "8 bytes, fewer than 16", revokesNew: true),
        Case(
            name: "the old secret again", secret: String(decoding: FakeProvider.oldSecret, as: UTF8.self), id: "key_same",
            reason: "the old key's secret", revokesNew: true),
        Case(
            name: "the old key's id", secret: "fresh_" + "Zq8Lm3Xv0Rt6Kw2Yp9Bn5Hd1", id: "key_old", reason: "the old key's id",
            revokesNew: false),
        Case(
            name: "a long secret with little entropy", secret: String(repeating: "ab", count: 16), id: "key_low",
            reason: "bits of entropy", revokesNew: true),
    ]

    @Test(arguments: cases)
    func aBadKeyIsRefusedBeforeDistribution(_ check: Case) throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        fixture.provider.set(.create, .returns(secret: check.secret, id: check.id))
        let outcome = try fixture.engine().rotate(name: "payments")
        guard case .rolledBack(let reason) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason.contains(check.reason), "\(reason)")
        let steps = fixture.provider.state.calls.map(\.step)
        #expect(!steps.contains(.distribute), "nothing distributed: \(steps)")
        #expect(fixture.provider.isActive("key_old"), "the old key is untouched")
        #expect(!steps.contains(.revokeOld))
        if check.revokesNew {
            #expect(steps.contains(.revokeNew))
            #expect(!fixture.provider.isActive(check.id), "the refused key is revoked")
        } else {
            #expect(!steps.contains(.revokeNew), "revoking 'the new key' would revoke the old one")
        }
        #expect(fixture.provider.state.store.isEmpty, "the store still holds the old secret")
        #expect(!outcome.description.contains(check.secret))
        #expect(try fixture.record()?.providerID == "key_old")
    }

    @Test func theEntropyFloorIsConfigurable() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(rotationExtra: "min_secret_bits = 200"))
        defer { fixture.folder.remove() }
        let outcome = try fixture.engine().rotate(name: "payments")
        guard case .rolledBack(let reason) = outcome.status else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason.contains("min_secret_bits = 200"), "\(reason)")
    }
}
