/// One step of a rotation: a command the engine runs, or the inventory update it makes itself.
/// What each one runs, with which placeholders and stdin, is its ``definition``.
///
/// The raw values are what the state file's `pending` field and the audit log's `step` field
/// hold, so they are stable.
public enum RotationStep: String, Sendable, CaseIterable, Codable {
    /// `create`: the provider issues a new key and prints its secret (and id) on stdout.
    case create
    /// `distribute`: the new secret, on stdin, goes to the secret store consumers read (as a
    /// pending version when there is a `promote` step), once or once per consumer.
    case distribute
    /// `verify` right after distribution: the new secret is on stdin while the engine holds it.
    case verify
    /// `promote`: the pending secret becomes the one consumers read (after `verify`).
    case promote
    /// `verify` again after the grace period, just before the old key is revoked: stdin is empty.
    case confirm
    /// `revoke` of the old key (first, in an emergency).
    case revokeOld = "revoke-old"
    /// `revoke` of the new key: the rollback of a key consumers do not use.
    case revokeNew = "revoke-new"
    /// `rollback`: the secret store (or one consumer's) goes back to the old key.
    case rollback
    /// The inventory's fingerprint, `provider_id` and `last_rotated` are set to the new key's,
    /// and the old key is kept as a retired version.
    case recordInventory = "record-inventory"
    /// `notify`: tells people what happened; its failure never changes the outcome.
    case notify
}
