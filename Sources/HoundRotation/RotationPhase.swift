/// Where a rotation stands: the last step that is known to have finished.
///
/// Scheduled: `planned → created → distributed → verified → promoted → (grace) → confirmed →
/// oldRevoked → recorded → done` (`promoted` only with a `promote` step). Emergency: `planned →
/// oldRevoked → created → distributed → verified → promoted → recorded → done`. A new key that
/// consumers do not use goes `rollingBack → rolledBack` (scheduled) or `rollingBack → failed`
/// (emergency: the leaked key is already gone), unless a takeover creates another one.
///
/// A step that is about to run is recorded separately, as the state's `pending` step (the
/// write-ahead record), so a rotation killed mid-step is resumed knowing the step may have
/// half-happened.
public enum RotationPhase: String, Sendable, CaseIterable, Codable {
    /// The rotation is recorded; nothing has run yet.
    case planned
    /// The provider issued the new key; its id and fingerprint are recorded (never its secret).
    case created
    /// The secret store holds the new secret (as pending, with a `promote` step).
    case distributed
    /// `verify` passed; without a `promote` step the grace period runs until `revokeAfter`.
    case verified
    /// `promote` made the pending secret current; the grace period runs until `revokeAfter`.
    case promoted
    /// `verify` passed again after the grace period (scheduled rotations only).
    case confirmed
    /// The old key is revoked (after `confirmed` when scheduled, before `created` in an emergency).
    case oldRevoked = "old-revoked"
    /// The inventory carries the new key's fingerprint, `provider_id` and `last_rotated`, and the
    /// old key as a retired version.
    case recorded
    /// Finished: the new key is in use and recorded, the old one revoked.
    case done
    /// The new key must be revoked (rollback, after `rollback` restored the store where needed);
    /// retried on resume until it is.
    case rollingBack = "rolling-back"
    /// Finished without a change: the new key was revoked again (or never made); the old key
    /// is still valid and in use.
    case rolledBack = "rolled-back"
    /// Finished without a working key: an emergency whose new key could not be put in place,
    /// or a rollback that cannot be completed. A person must act; the outcome says what to do.
    case failed

    /// Whether the rotation has ended (only a pending notification may still run).
    public var isTerminal: Bool { self == .done || self == .rolledBack || self == .failed }
}
