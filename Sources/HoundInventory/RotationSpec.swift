import HoundSupport

/// How to rotate a key: the `[keys.rotation]` table of an inventory record.
///
/// Commands are argv arrays run without a shell; `{name}`, `{date}`, `{old_provider_id}` and
/// similar placeholders are expanded by the rotation engine (`HoundRotation`), not here.
public struct RotationSpec: Hashable, Sendable {
    /// Creates a new key; its stdout is the new secret (fed to `distribute`, never stored).
    public var create: [String]?
    /// Puts the new secret where consumers read it (stdin carries the secret).
    public var distribute: [String]?
    /// Checks that consumers work with the new key.
    public var verify: [String]?
    /// Revokes the old key at the provider.
    public var revoke: [String]?
    /// Tells people (chat, ticket) what happened.
    public var notify: [String]?
    /// How long the old key stays valid after distribution before it is revoked.
    public var grace: DurationSpec?
    /// How long one command may run before it is stopped.
    public var timeout: DurationSpec?
    /// How many times a failed command is retried.
    public var retries: Int?
    /// The least entropy, in bits, a new secret from `create` must carry (default 64).
    public var minSecretBits: Int?

    /// The field names of the table, in the order they are written.
    public static let fieldNames = [
        "create", "distribute", "verify", "revoke", "notify", "grace", "timeout", "retries", "min_secret_bits",
    ]

    /// A rotation spec from its parts.
    public init(
        create: [String]? = nil, distribute: [String]? = nil, verify: [String]? = nil, revoke: [String]? = nil,
        notify: [String]? = nil, grace: DurationSpec? = nil, timeout: DurationSpec? = nil, retries: Int? = nil,
        minSecretBits: Int? = nil
    ) {
        self.create = create
        self.distribute = distribute
        self.verify = verify
        self.revoke = revoke
        self.notify = notify
        self.grace = grace
        self.timeout = timeout
        self.retries = retries
        self.minSecretBits = minSecretBits
    }

    /// Whether the spec names nothing at all.
    public var isEmpty: Bool { self == RotationSpec() }
}
