#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel
import HoundSupport

/// One key of the inventory: what it is, who owns it, who uses it, how it is rotated, and the
/// fingerprint that lets a finding be matched to it. Never the secret itself.
public struct KeyRecord: Hashable, Sendable {
    /// Unique name (`payment-gateway-prod`).
    public var name: String
    /// What the key is for.
    public var description: String?
    /// The secret's fingerprint; nil for records imported without one (they cannot match).
    public var fingerprint: Fingerprint?
    /// The provider's public id for the key, used to revoke it (`key_8f2a`, an AWS access key id).
    public var providerID: String?
    /// The rule expected to detect the key (`stripe-secret-key`), for information.
    public var rule: String?
    /// Owning team or person.
    public var owner: String?
    /// Services that use the key.
    public var consumers: [String]
    /// `prod`, `staging`...
    public var environment: String?
    /// How often the key must be rotated.
    public var rotationFrequency: DurationSpec?
    /// When the key was last rotated (or created).
    public var lastRotated: Date?
    /// When the key stops working on its own.
    public var expires: Date?
    /// Whether the key is in use.
    public var status: KeyStatus
    /// What a leak triggers.
    public var onLeak: LeakPolicy
    /// Free-form labels.
    public var tags: [String]
    /// How to rotate it, when automated.
    public var rotation: RotationSpec?
    /// The versions rotations retired, oldest first (`[[keys.previous]]`).
    public var previous: [RetiredKey]

    /// The field names of a record, in the order they are written.
    public static let fieldNames = [
        "name", "description", "fingerprint", "provider_id", "rule", "owner", "consumers", "environment",
        "rotation_frequency", "last_rotated", "expires", "status", "on_leak", "tags", "rotation", "previous",
    ]

    /// A record from its parts.
    public init(
        name: String, description: String? = nil, fingerprint: Fingerprint? = nil, providerID: String? = nil,
        rule: String? = nil, owner: String? = nil, consumers: [String] = [], environment: String? = nil,
        rotationFrequency: DurationSpec? = nil, lastRotated: Date? = nil, expires: Date? = nil,
        status: KeyStatus = .active, onLeak: LeakPolicy = .report, tags: [String] = [], rotation: RotationSpec? = nil,
        previous: [RetiredKey] = []
    ) {
        self.name = name
        self.description = description
        self.fingerprint = fingerprint
        self.providerID = providerID
        self.rule = rule
        self.owner = owner
        self.consumers = consumers
        self.environment = environment
        self.rotationFrequency = rotationFrequency
        self.lastRotated = lastRotated
        self.expires = expires
        self.status = status
        self.onLeak = onLeak
        self.tags = tags
        self.rotation = rotation
        self.previous = previous
    }

    /// When the next rotation is due: `last_rotated + rotation_frequency`; nil without both.
    public var rotationDue: Date? {
        guard let rotationFrequency, let lastRotated else { return nil }
        return rotationFrequency.added(to: lastRotated)
    }

    /// What findings carry about this key.
    public var reference: KeyReference {
        KeyReference(
            name: name, owner: owner, consumers: consumers, status: status.rawValue,
            lastRotated: lastRotated.map(ISODate.format), onLeak: onLeak.rawValue, environment: environment)
    }
}
