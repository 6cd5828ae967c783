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

    /// An issue from its parts.
    public init(kind: Kind, keyName: String, message: String, date: Date? = nil) {
        self.kind = kind
        self.keyName = keyName
        self.message = message
        self.date = date
    }

    /// Whether the issue needs action.
    public var needsAction: Bool { kind.needsAction }
}
