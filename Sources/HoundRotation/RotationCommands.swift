import HoundInventory
import HoundSupport

/// The commands and settings of one rotation, resolved from the key's `[keys.rotation]` table
/// and the configured defaults when the rotation starts, then kept in its state so a resume
/// runs what was planned even if the inventory changes meanwhile.
///
/// Commands are argv templates: the program and its arguments, run without a shell, with
/// placeholders such as `{name}` expanded per argument (see ``Placeholders``).
public struct RotationCommands: Sendable, Equatable {
    /// Issues the new key; prints the secret (raw, or JSON `{"secret": …, "id": …}`) on stdout.
    public var create: [String]
    /// Stores the new secret, read from stdin, where consumers find it.
    public var distribute: [String]
    /// Checks that consumers can use the new key (see ``RotationStep/verify``).
    public var verify: [String]
    /// Revokes the key named by `{provider_id}` (also spelled `{old_provider_id}`).
    public var revoke: [String]
    /// Tells people about the outcome, if set.
    public var notify: [String]?
    /// How long after verification the old key stays valid; nil means no grace.
    public var grace: DurationSpec?
    /// Seconds one command may run before it is killed and counted as failed.
    public var timeout: Double
    /// How many times a command that exits with a transient status (75) is run again.
    public var retries: Int
    /// The least estimated entropy, in bits, of a new secret (``CreateCheck``).
    public var minSecretBits: Int

    /// The default of `min_secret_bits`.
    public static let defaultMinSecretBits = 64

    /// Commands from their parts.
    public init(
        create: [String], distribute: [String], verify: [String], revoke: [String], notify: [String]? = nil,
        grace: DurationSpec? = nil, timeout: Double = 300, retries: Int = 2, minSecretBits: Int = RotationCommands.defaultMinSecretBits
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

    /// The argv template a step runs; nil for the inventory update and for a missing `notify`.
    public func template(for step: RotationStep) -> [String]? {
        switch step {
        case .create: create
        case .distribute: distribute
        case .verify, .confirm: verify
        case .revokeOld, .revokeNew: revoke
        case .notify: notify
        case .recordInventory: nil
        }
    }
}
