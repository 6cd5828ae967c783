#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Something about a key record that needs attention: found by `Inventory.audit`.
public struct AuditIssue: Hashable, Sendable {
    /// What kind of problem; the raw value is the stable identifier in JSON output.
    public enum Kind: String, Hashable, Sendable, CaseIterable, Comparable {
        /// `last_rotated + rotation_frequency` is in the past.
        case overdue
        /// A rotation frequency is set but `last_rotated` is not.
        case neverRotated = "never-rotated"
        /// `expires` is in the past.
        case expired
        /// `expires` falls within the look-ahead window.
        case expiringSoon = "expiring-soon"
        /// No `owner`: nobody to call when it leaks.
        case noOwner = "no-owner"
        /// No `consumers`: nobody knows what breaks when it is rotated.
        case noConsumers = "no-consumers"
        /// Another record has the same fingerprint: one secret registered twice.
        case duplicateFingerprint = "duplicate-fingerprint"
        /// No fingerprint (imported records): findings can never match the key.
        case noFingerprint = "no-fingerprint"
        /// Rotation falls due within the look-ahead window (informational).
        case dueSoon = "due-soon"
        /// An active key with no rotation frequency (informational).
        case noRotationFrequency = "no-rotation-frequency"
        /// A rotation of the key is under way and stopped by a failing step.
        case rotationBlocked = "rotation-blocked"
        /// A rotation's grace period ended long ago and the old key is still not revoked.
        case revocationOverdue = "revocation-overdue"

        /// Whether the issue needs action (the CLI exits 1), rather than being informational.
        public var needsAction: Bool { self != .dueSoon && self != .noRotationFrequency }

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// What kind of problem.
    public var kind: Kind
    /// The key record's name.
    public var keyName: String
    /// A sentence for people.
    public var message: String
    /// The date the issue is about (rotation due, expiry), when there is one.
    public var date: Date?
    /// The key's owner, so an alert can be routed without a join.
    public var owner: String?
    /// The key's consumers.
    public var consumers: [String]

    /// An issue from its parts.
    public init(
        kind: Kind, keyName: String, message: String, date: Date? = nil, owner: String? = nil, consumers: [String] = []
    ) {
        self.kind = kind
        self.keyName = keyName
        self.message = message
        self.date = date
        self.owner = owner
        self.consumers = consumers
    }

    /// Whether the issue needs action.
    public var needsAction: Bool { kind.needsAction }
}
