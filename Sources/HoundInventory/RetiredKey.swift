#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel

/// A version of a key that a rotation replaced: a `[[keys.previous]]` table of its record. It
/// lets a scan recognise an old secret found in history ("revoked version of X, revoked on
/// DATE") instead of calling it an unregistered credential. Never the secret, only its fingerprint.
public struct RetiredKey: Hashable, Sendable {
    /// The old secret's fingerprint.
    public var fingerprint: Fingerprint
    /// The provider's id of the old key.
    public var providerID: String?
    /// When the old key was created (or last rotated in).
    public var created: Date?
    /// When it was revoked; nil while it is still valid (a grace period).
    public var revokedAt: Date?

    /// The table's field names, in the order they are written.
    public static let fieldNames = ["fingerprint", "provider_id", "created", "revoked_at"]

    /// A retired version from its parts.
    public init(fingerprint: Fingerprint, providerID: String? = nil, created: Date? = nil, revokedAt: Date? = nil) {
        self.fingerprint = fingerprint
        self.providerID = providerID
        self.created = created
        self.revokedAt = revokedAt
    }
}
