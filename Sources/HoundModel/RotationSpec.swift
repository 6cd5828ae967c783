import HoundSupport

/// How to rotate a key: the `[keys.rotation]` table of an inventory record (also the shape of
/// the configuration's `[rotation.defaults.<provider-or-tag>]` tables).
///
/// Commands are argv arrays run without a shell; `{name}`, `{date}`, `{old_provider_id}` and
/// similar placeholders are expanded by the rotation engine (`HoundRotation`), not here.
public struct RotationSpec: Hashable, Sendable {
    /// The commands set, by field (``RotationCommandField``).
    public var commands: [RotationCommandField: [String]]
    /// How long the old key stays valid after the new one is in use before it is revoked
    /// (`0s`: revoke at once).
    public var grace: DurationSpec?
    /// How long one command may run before it is stopped.
    public var timeout: DurationSpec?
    /// How many times a failed command is retried.
    public var retries: Int?
    /// The least entropy, in bits, a new secret from `create` must carry (default 64).
    public var minSecretBits: Int?
    /// Whether `distribute` and `verify` run once per consumer even without `{consumer}`.
    public var perConsumer: Bool?

    /// The settings of the table that are not commands, in the order they are written.
    public static let settingNames = ["grace", "timeout", "retries", "min_secret_bits", "per_consumer"]

    /// The values `retries` may take (in an inventory and in configuration defaults alike).
    public static let retriesRange: ClosedRange<Int64> = 0...100
    /// The values `min_secret_bits` may take.
    public static let minSecretBitsRange: ClosedRange<Int64> = 0...4096

    /// The field names of the table, in the order they are written.
    public static let fieldNames = RotationCommandField.allCases.map(\.rawValue) + settingNames

    /// A rotation spec from its parts.
    public init(
        create: [String]? = nil, distribute: [String]? = nil, verify: [String]? = nil, promote: [String]? = nil,
        revoke: [String]? = nil, rollback: [String]? = nil, notify: [String]? = nil, grace: DurationSpec? = nil,
        timeout: DurationSpec? = nil, retries: Int? = nil, minSecretBits: Int? = nil, perConsumer: Bool? = nil
    ) {
        var commands: [RotationCommandField: [String]] = [:]
        commands[.create] = create
        commands[.distribute] = distribute
        commands[.verify] = verify
        commands[.promote] = promote
        commands[.revoke] = revoke
        commands[.rollback] = rollback
        commands[.notify] = notify
        self.commands = commands
        self.grace = grace
        self.timeout = timeout
        self.retries = retries
        self.minSecretBits = minSecretBits
        self.perConsumer = perConsumer
    }

    /// The command of `field`, nil when not set.
    public subscript(_ field: RotationCommandField) -> [String]? {
        get { commands[field] }
        set { commands[field] = newValue }
    }

    /// `create`, for readers of one field.
    public var create: [String]? { commands[.create] }
    /// `distribute`.
    public var distribute: [String]? { commands[.distribute] }
    /// `verify`.
    public var verify: [String]? { commands[.verify] }
    /// `notify`.
    public var notify: [String]? { commands[.notify] }

    /// `other`'s settings over these, field by field (`other` wins where it sets one).
    public func overlaid(with other: RotationSpec) -> RotationSpec {
        var merged = self
        merged.commands.merge(other.commands) { $1 }
        merged.grace = other.grace ?? grace
        merged.timeout = other.timeout ?? timeout
        merged.retries = other.retries ?? retries
        merged.minSecretBits = other.minSecretBits ?? minSecretBits
        merged.perConsumer = other.perConsumer ?? perConsumer
        return merged
    }

    /// Whether the spec names nothing at all.
    public var isEmpty: Bool { self == RotationSpec() }
}
