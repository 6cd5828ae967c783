import Foundation
import HoundRotation
import HoundSupport
import Testing

/// Step output is hostile: whatever a step prints that holds the new secret (whole, all but a
/// character, a 12-character piece, its base64 or hex, or split across two lines) is masked
/// before keyhound prints, persists or audits it.
@Suite("Step output never carries the secret out")
struct HostileOutputTests {
    static let steps: [RotationStep] = [.create, .distribute, .verify, .revokeOld, .notify]

    @Test(arguments: steps, FakeProvider.SecretVariant.allCases)
    func aStepPrintingTheSecretIsMasked(_ step: RotationStep, _ variant: FakeProvider.SecretVariant) throws {
        // No grace period: every step runs in this one process, which holds the secret.
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(grace: nil))
        defer { fixture.folder.remove() }
        fixture.provider.set(step, .leaks(variant, 1))
        let outcome = try fixture.engine().rotate(name: "payments")
        let secret = try #require(fixture.provider.state.secrets["key_new1"])
        #expect(outcome.description.contains("[MASKED]"), "the step's message is kept, masked: \(outcome)")
        Self.expectHidden(secret, in: outcome.description, "the outcome")
        for file in fixture.writtenFiles() {
            Self.expectHidden(secret, in: String(decoding: file.bytes, as: UTF8.self), file.path)
        }
        #expect(try fixture.auditIsIntact())
    }

    @Test(
        "a later process, which never held the secret, still masks it whole and its encodings",
        arguments: [FakeProvider.SecretVariant.exact, .base64, .urlBase64, .hex])
    func aStepAfterTheGracePeriodIsMaskedToo(_ variant: FakeProvider.SecretVariant) throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")
        fixture.clock.advance(hours: 25)
        fixture.provider.set(.confirm, .leaks(variant, 1))
        let outcome = try #require(fixture.engine().resume().first)
        let secret = try #require(fixture.provider.state.secrets["key_new1"])
        #expect(outcome.description.contains("[MASKED]"), "\(outcome)")
        #expect(!outcome.description.contains(String(decoding: secret, as: UTF8.self)))
        for file in fixture.writtenFiles() {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(!text.contains(String(decoding: secret, as: UTF8.self)), "\(file.path)")
            #expect(!text.contains(variant.text(of: secret)), "\(file.path)")
        }
    }

    /// No 12-character piece of `secret`, of its hex or of its base64 (any alignment), in `text`
    /// read with its line breaks removed.
    static func expectHidden(_ secret: [UInt8], in text: String, _ place: String) {
        let joined = text.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
        let plain = String(decoding: secret, as: UTF8.self)
        var forms = [plain, secret.map { String(format: "%02x", $0) }.joined()]
        for prefix in [[], [0x7F], [0x7F, 0x7F]] as [[UInt8]] {
            let encoded = Data(prefix + secret).base64EncodedString()
            let stable = String(encoded.dropFirst(prefix.isEmpty ? 0 : prefix.count + 1).dropLast(4))
            forms += [stable, stable.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")]
        }
        for form in forms {
            let characters = Array(form)
            for start in 0...(characters.count - 12) {
                let piece = String(characters[start..<(start + 12)])
                if joined.contains(piece) {
                    Issue.record("\(place) holds the piece \(piece) of the secret: \(text)")
                    return
                }
            }
        }
    }
}
