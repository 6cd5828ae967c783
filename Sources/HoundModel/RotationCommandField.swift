/// A command of a key's `[keys.rotation]` table (and of `[rotation.defaults.<name>]`): what the
/// rotation engine runs for each step. The raw value is the field name in TOML, JSON and state files.
public enum RotationCommandField: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Issues the new key; prints its secret (raw, or JSON `{"secret": …, "id": …}`) on stdout.
    case create
    /// Puts the new secret, read from stdin, where consumers read it (as pending, with `promote`).
    case distribute
    /// Checks that consumers can use the new key.
    case verify
    /// Optional: makes a pending secret current (AWS Secrets Manager AWSPENDING → AWSCURRENT).
    case promote
    /// Revokes the key named by `{provider_id}`.
    case revoke
    /// Optional: restores the secret store (or one consumer's) to the old key, for `--abort` and
    /// for a rollout that cannot go on.
    case rollback
    /// Optional: tells people what happened.
    case notify

    /// Whether every rotation needs the command.
    public var isRequired: Bool {
        switch self {
        case .create, .distribute, .verify, .revoke: true
        case .promote, .rollback, .notify: false
        }
    }

    public static func < (lhs: RotationCommandField, rhs: RotationCommandField) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
