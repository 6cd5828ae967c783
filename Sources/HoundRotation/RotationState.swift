#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel

/// What is persisted about one key's rotation, in `<state directory>/<key>.json`: never the
/// secret, only ids, fingerprints, times, progress and the commands to run.
///
/// Every change is written atomically (`AtomicFile`) before the engine acts on it. A step is
/// recorded in ``pending`` *before* it runs (write-ahead), with its process once started, and
/// cleared when its result is recorded, so after a crash ``pending`` names a step that may have
/// half-happened and ``process`` the process that may still be running.
public struct RotationState: Sendable, Equatable {
    /// The format version this build writes; this build also reads version 1.
    public static let currentVersion = 2

    /// The inventory key's name.
    public var key: String
    /// A random id for this rotation (`20261001-3fa9c2d1`), the `{rotation_id}` placeholder: a
    /// create command may label the new key with it so a person can find it after a crash.
    public var rotationID: String
    /// Scheduled or emergency.
    public var kind: RotationKind
    /// The last step known to have finished.
    public var phase: RotationPhase
    /// The step about to run or running (write-ahead); nil between steps.
    public var pending: RotationStep? {
        didSet {
            if pending == nil {
                process = nil
                pendingConsumer = nil
            }
        }
    }
    /// The process of the pending step once it was started (id, start time, deadline), so a
    /// later keyhound waits for it or stops its group before deciding anything; nil otherwise.
    public var process: StepProcess?
    /// The consumer the pending step runs for, in a per-consumer rollout.
    public var pendingConsumer: String?
    /// How many times the pending or last step has been attempted.
    public var attempts: Int
    /// When the rotation started.
    public var started: Date
    /// When the state last changed.
    public var updated: Date
    /// The `{date}` placeholder: the UTC day the rotation started (`2026-10-01`), stable across resumes.
    public var date: String
    /// What started it (and, after a takeover, `takeover`).
    public var trigger: RotationTrigger
    /// No grace period and no second verification: the old key is revoked as soon as the new one
    /// is in use (a takeover by `--emergency`).
    public var urgent: Bool
    /// Whether the old key has been revoked (the fact `--abort` and a takeover turn on).
    public var oldKeyRevoked: Bool
    /// After the rollback of an unusable new key, create another instead of ending (takeover).
    public var recreateAfterRollback: Bool
    /// Whether the rollback must run `rollback` once (the store may hold the new key) before the
    /// new key is revoked.
    public var storeRestore: Bool
    /// The key's owner, consumers and environment when the rotation started.
    public var owner: String?
    /// The consumers, in inventory order: a per-consumer rollout goes through them in order.
    public var consumers: [String]
    /// The key's environment.
    public var environment: String?
    /// The old key's provider id (from the inventory), nil when the inventory has none.
    public var oldProviderID: String?
    /// The old key's fingerprint (from the inventory).
    public var oldFingerprint: Fingerprint?
    /// When the old key was created or last rotated (the inventory's `last_rotated`), kept for
    /// its retired-version record.
    public var oldCreated: Date?
    /// The new key's provider id, from create's output.
    public var newProviderID: String?
    /// The new secret's fingerprint, computed in memory when create printed it.
    public var newFingerprint: Fingerprint?
    /// When the new key expires, when create's output says so.
    public var newExpires: Date?
    /// The end of the grace period: the old key is not revoked before this instant.
    public var revokeAfter: Date?
    /// When the old key was revoked.
    public var oldRevokedAt: Date?
    /// Per-consumer progress: the consumers each step has finished for, in order.
    public var progress: [RotationStep: [String]]
    /// Whether the notification for the final outcome has run (or there is none).
    public var notified: Bool
    /// The last problem a "blocked" notification was sent for (not sent twice).
    public var notifiedProblem: String?
    /// The last failure, for people and for the outcome; nil after a success.
    public var lastError: String?
    /// Things a person should know (a possibly orphaned key, a skipped notification...).
    public var warnings: [String]
    /// The commands and settings this rotation runs (read again from the inventory on resume).
    public var plan: RotationCommands

    /// A state from its parts.
    public init(
        key: String, rotationID: String, kind: RotationKind, phase: RotationPhase = .planned,
        pending: RotationStep? = nil, process: StepProcess? = nil, pendingConsumer: String? = nil, attempts: Int = 0,
        started: Date, updated: Date? = nil, date: String, trigger: RotationTrigger? = nil, urgent: Bool = false,
        oldKeyRevoked: Bool? = nil, recreateAfterRollback: Bool = false, storeRestore: Bool = false,
        owner: String? = nil, consumers: [String] = [], environment: String? = nil,
        oldProviderID: String? = nil, oldFingerprint: Fingerprint? = nil, oldCreated: Date? = nil,
        newProviderID: String? = nil, newFingerprint: Fingerprint? = nil, newExpires: Date? = nil,
        revokeAfter: Date? = nil, oldRevokedAt: Date? = nil, progress: [RotationStep: [String]] = [:],
        notified: Bool = false, notifiedProblem: String? = nil, lastError: String? = nil, warnings: [String] = [],
        plan: RotationCommands
    ) {
        self.key = key
        self.rotationID = rotationID
        self.kind = kind
        self.phase = phase
        self.pending = pending
        self.process = process
        self.pendingConsumer = pendingConsumer
        self.attempts = attempts
        self.started = started
        self.updated = updated ?? started
        self.date = date
        self.trigger = trigger ?? RotationTrigger(kind == .emergency ? .emergency : .manual)
        self.urgent = urgent
        self.oldKeyRevoked = oldKeyRevoked ?? Self.impliesOldKeyRevoked(kind: kind, phase: phase)
        self.recreateAfterRollback = recreateAfterRollback
        self.storeRestore = storeRestore
        self.owner = owner
        self.consumers = consumers
        self.environment = environment
        self.oldProviderID = oldProviderID
        self.oldFingerprint = oldFingerprint
        self.oldCreated = oldCreated
        self.newProviderID = newProviderID
        self.newFingerprint = newFingerprint
        self.newExpires = newExpires
        self.revokeAfter = revokeAfter
        self.oldRevokedAt = oldRevokedAt
        self.progress = progress
        self.notified = notified
        self.notifiedProblem = notifiedProblem
        self.lastError = lastError
        self.warnings = warnings
        self.plan = plan
    }

    /// Whether the old key is revoked in a rotation of `kind` that reached `phase` (for state
    /// files of version 1, which did not record it).
    static func impliesOldKeyRevoked(kind: RotationKind, phase: RotationPhase) -> Bool {
        switch kind {
        case .scheduled: [.oldRevoked, .recorded, .done].contains(phase)
        case .emergency: phase != .planned && phase != .rolledBack
        }
    }

    /// Whether nothing is left to do: a terminal phase, notified, nothing pending.
    public var isFinished: Bool { phase.isTerminal && notified && pending == nil }

    /// Whether consumers may read the new key now (it was distributed without staging, or
    /// promoted), so revoking it would break them unless the store is restored first.
    public var consumersMayUseNewKey: Bool {
        if !(progress[.distribute] ?? []).isEmpty { return true }
        switch phase {
        case .distributed, .verified: return !plan.promotes
        case .promoted, .confirmed, .oldRevoked, .recorded, .done: return true
        default: return false
        }
    }

    /// Whether the new key is in use by consumers and verified: verified without staging, or promoted.
    var isLive: Bool {
        phase == .promoted || phase == .confirmed || (phase == .verified && !plan.promotes)
    }
}
