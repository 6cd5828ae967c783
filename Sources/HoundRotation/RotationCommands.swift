import HoundInventory
import HoundModel
import HoundSupport

/// The commands and settings of one rotation, resolved from the key's `[keys.rotation]` table
/// and the configured defaults, and kept in its state. A `--resume` reads them again from the
/// inventory (a fixed typo is picked up; the change is audited) and falls back to the kept ones
/// when the key or its table is gone.
///
/// Commands are argv templates: the program and its arguments, run without a shell, with
/// placeholders such as `{name}` expanded per argument (see ``Placeholders``).
public struct RotationCommands: Sendable, Equatable {
    /// The argv templates, by field.
    public var commands: [RotationCommandField: [String]]
    /// How long after the new key is in use the old key stays valid; nil means no grace (and no
    /// second verification); `0s` means a second verification and revocation at once.
    public var grace: DurationSpec?
    /// Seconds one command may run before it is killed and counted as failed.
    public var timeout: Double
    /// How many times a command that exits with a transient status (75) is run again.
    public var retries: Int
    /// The least estimated entropy, in bits, of a new secret (``CreateCheck``).
    public var minSecretBits: Int
    /// Whether `distribute` and `verify` run once per consumer without naming `{consumer}`.
    public var perConsumer: Bool

    /// The default of `min_secret_bits`.
    public static let defaultMinSecretBits = 64

    /// Commands from their parts.
    public init(
        create: [String], distribute: [String], verify: [String], promote: [String]? = nil, revoke: [String],
        rollback: [String]? = nil, notify: [String]? = nil, grace: DurationSpec? = nil, timeout: Double = 300,
        retries: Int = 2, minSecretBits: Int = RotationCommands.defaultMinSecretBits, perConsumer: Bool = false
    ) {
        var commands: [RotationCommandField: [String]] = [
            .create: create, .distribute: distribute, .verify: verify, .revoke: revoke,
        ]
        commands[.promote] = promote
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
    public subscript(_ field: RotationCommandField) -> [String]? { commands[field] }

    /// The argv template a step runs; nil for the inventory update and for an optional command
    /// that is not set.
    public func template(for step: RotationStep) -> [String]? {
        step.definition.field.flatMap { commands[$0] }
    }

    /// Whether the rotation has a `promote` step (the store stages the new key).
    public var promotes: Bool { commands[.promote] != nil }

    /// Whether `step`'s command runs once per consumer: it names `{consumer}`, or
    /// `per_consumer = true` (for `distribute` and `verify`).
    public func runsPerConsumer(_ step: RotationStep) -> Bool {
        guard let template = template(for: step), step.definition.mayRunPerConsumer else { return false }
        if perConsumer { return true }
        return ((try? Placeholders.used(in: template)) ?? []).contains(Placeholder.consumer.rawValue)
    }

    /// The fields whose command differs from `other`'s, and settings that differ, for the audit
    /// log (`verify, grace`).
    public func differences(from other: RotationCommands) -> [String] {
        var changed = RotationCommandField.allCases.filter { commands[$0] != other.commands[$0] }.map(\.rawValue)
        if grace != other.grace { changed.append("grace") }
        if timeout != other.timeout { changed.append("timeout") }
        if retries != other.retries { changed.append("retries") }
        if minSecretBits != other.minSecretBits { changed.append("min_secret_bits") }
        if perConsumer != other.perConsumer { changed.append("per_consumer") }
        return changed
    }
}
