import HoundSupport
import Testing

/// The low-entropy estimate errs low on what people choose and high on random tokens.
@Suite struct SecretStrengthTests {
    @Test(
        "passwords, passphrases and short or repetitive values are low-entropy",
        arguments: [
            "Winter2026!", "hunter2", "P@ssw0rd123!", "correct-horse-battery-staple", "CorrectHorseBatteryStaple",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "changeme", "Summer2025Summer2025", "0123456789",
        ])
    func lowEntropy(secret: String) {
        #expect(SecretStrength.isLowEntropy(Array(secret.utf8)), "\(SecretStrength.estimatedBits(Array(secret.utf8)))")
    }

    @Test func randomTokensAreNot() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        let hex = Array("0123456789abcdef".utf8)
        func draw(_ n: Int, _ alphabet: [UInt8]) -> [UInt8] {
            (0..<n).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return alphabet[Int((state >> 33) % UInt64(alphabet.count))]
            }
        }
        for _ in 0..<200 {
            #expect(!SecretStrength.isLowEntropy(draw(40, base62)))
            #expect(!SecretStrength.isLowEntropy(draw(40, hex)))
        }
    }
}

extension SecretStrengthTests {
    @Test func randomUpperCaseKeyIdsAreMostlyNot() {
        var state: UInt64 = 42
        let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        var low = 0
        for _ in 0..<200 {
            let id = Array("AKIA".utf8) + (0..<16).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return base32[Int((state >> 33) % 32)]
            }
            if SecretStrength.isLowEntropy(id) { low += 1 }
        }
        #expect(low < 20, "\(low) of 200 random AWS key ids counted as low-entropy")
    }
}
