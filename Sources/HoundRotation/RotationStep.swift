/// One step of a rotation: a command the engine runs, or the inventory update it makes itself.
///
/// The raw values are what the state file's `pending` field and the audit log's `step` field
/// hold, so they are stable.
public enum RotationStep: String, Sendable, CaseIterable, Codable {
    /// `create`: the provider issues a new key and prints its secret (and id) on stdout.
    case create
    /// `distribute`: the new secret, on stdin, goes to the secret store consumers read.
    case distribute
    /// `verify` right after distribution: the new secret is on stdin while the engine holds it.
    case verify
    /// `verify` again after the grace period, just before the old key is revoked: stdin is empty.
    case confirm
    /// `revoke` of the old key (first, in an emergency).
    case revokeOld = "revoke-old"
    /// `revoke` of the new key: the rollback of a key that was created but not distributed.
    case revokeNew = "revoke-new"
    /// The inventory's fingerprint, `provider_id` and `last_rotated` are set to the new key's.
    case recordInventory = "record-inventory"
    /// `notify`: tells people what happened; its failure never changes the outcome.
    case notify

    /// The `[keys.rotation]` field whose command this step runs; nil for the inventory update.
    public var commandField: String? {
        switch self {
        case .create: "create"
        case .distribute: "distribute"
        case .verify, .confirm: "verify"
        case .revokeOld, .revokeNew: "revoke"
        case .notify: "notify"
        case .recordInventory: nil
        }
    }
}
