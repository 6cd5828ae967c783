import HoundModel
import HoundSupport

/// The checks on what `create` returned, made before anything is distributed: a provider that
/// hands back the old key (its id or its secret), a placeholder such as `password`, or a secret
/// too short or too predictable to be a credential is refused.
enum CreateCheck {
    /// The default entropy floor (`min_secret_bits`), in bits.
    static let defaultMinimumBits = RotationCommands.defaultMinSecretBits
    /// The shortest secret accepted, in bytes.
    static let minimumBytes = 16

    /// Why create's output is refused.
    struct Refusal: Sendable, Equatable {
        /// The message, never quoting the secret.
        var reason: String
        /// Whether the key create made may be revoked: false when its id is the old key's,
        /// since revoking "the new key" would then revoke the only live one.
        var revokesNewKey: Bool
    }

    /// The estimated entropy of `secret` in bits: its length times the Shannon entropy of its
    /// bytes (an over-estimate for structured secrets, a fair one for random strings).
    static func estimatedBits(_ secret: [UInt8]) -> Int {
        Int((Double(secret.count) * Entropy.shannon(secret)).rounded(.down))
    }

    /// The first problem with a new key (`secret`, `id`, its `fingerprint`), nil when it passes.
    static func refusal(
        secret: [UInt8], id: String?, fingerprint: Fingerprint, old: (id: String?, fingerprint: Fingerprint?),
        minimumBits: Int
    ) -> Refusal? {
        if let id, let oldID = old.id, id == oldID {
            return Refusal(
                reason: "create returned the old key's id (\(oldID)): the provider made no new key, or reports the old "
                    + "one; nothing was distributed and the old key was not touched",
                revokesNewKey: false)
        }
        if let oldFingerprint = old.fingerprint, oldFingerprint == fingerprint {
            return Refusal(
                reason: "create returned the old key's secret (same fingerprint): refused before distribution",
                revokesNewKey: true)
        }
        if secret.count < minimumBytes {
            return Refusal(
                reason: "create returned a secret of \(secret.count) bytes, fewer than \(minimumBytes): not a credential",
                revokesNewKey: true)
        }
        let bits = estimatedBits(secret)
        if bits < minimumBits {
            return Refusal(
                reason: "create returned a secret of about \(bits) bits of entropy, under min_secret_bits = \(minimumBits)",
                revokesNewKey: true)
        }
        return nil
    }
}
