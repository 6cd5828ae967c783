import HoundModel
import HoundSupport

/// A key the inventory knows, as a finding shows it: the reference every report format prints
/// and the status that sets the finding's severity.
public struct KnownKey: Hashable, Sendable {
    /// Name, owner, consumers, status, last rotation, `on_leak` and environment.
    public var reference: KeyReference
    /// Whether the key is in use.
    public var status: KeyStatus
    /// Set when what matched is a retired version of the key, not the key itself.
    public var retired: RetiredVersion?

    /// A known key from its parts.
    public init(reference: KeyReference, status: KeyStatus, retired: RetiredVersion? = nil) {
        self.reference = reference
        self.status = status
        self.retired = retired
    }
}

/// What a finding matched when it matched a retired version of a key.
public enum RetiredVersion: Hashable, Sendable {
    /// The version was revoked on this day (`2026-10-01`).
    case revoked(on: String)
    /// The version has no revocation date yet: it may still be valid (a grace period).
    case stillValid

    /// The state of `version`.
    init(_ version: RetiredKey) {
        self = version.revokedAt.map { .revoked(on: ISODate.formatDay($0)) } ?? .stillValid
    }
}
