import Foundation
import HoundModel

/// What is persisted about one key's rotation, in `<state directory>/<key>.json`: never the
/// secret, only ids, fingerprints, times and the commands to run.
///
/// Every change is written atomically (`AtomicFile`) before the engine acts on it. A step is
/// recorded in ``pending`` *before* it runs (write-ahead) and cleared when its result is
/// recorded, so after a crash ``pending`` names a step that may have half-happened.
public struct RotationState: Sendable, Equatable {
    /// The format version this build writes; other versions are refused.
    public static let currentVersion = 1

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
        didSet { if pending == nil { process = nil } }
    }
    /// The process of the pending step once it was started (id, start time, deadline), so a
    /// later keyhound waits for it or stops its group before deciding anything; nil otherwise.
    public var process: StepProcess?
    /// How many times the pending or last step has been attempted.
    public var attempts: Int
    /// When the rotation started.
    public var started: Date
    /// When the state last changed.
    public var updated: Date
    /// The `{date}` placeholder: the UTC day the rotation started (`2026-10-01`), stable across resumes.
    public var date: String
    /// The old key's provider id (from the inventory), nil when the inventory has none.
    public var oldProviderID: String?
    /// The old key's fingerprint (from the inventory).
    public var oldFingerprint: Fingerprint?
    /// The new key's provider id, from create's output.
    public var newProviderID: String?
    /// The new secret's fingerprint, computed in memory when create printed it.
    public var newFingerprint: Fingerprint?
    /// The end of the grace period: the old key is not revoked before this instant.
    public var revokeAfter: Date?
    /// Whether the notification for the final outcome has run (or there is none).
    public var notified: Bool
    /// The last failure, for people and for the outcome; nil after a success.
    public var lastError: String?
    /// Things a person should know (a possibly orphaned key, a skipped notification...).
    public var warnings: [String]
    /// The commands and settings this rotation runs, resolved when it started.
    public var plan: RotationCommands

    /// A state from its parts.
    public init(
        key: String, rotationID: String, kind: RotationKind, phase: RotationPhase = .planned,
        pending: RotationStep? = nil, process: StepProcess? = nil, attempts: Int = 0, started: Date, updated: Date? = nil, date: String,
        oldProviderID: String? = nil, oldFingerprint: Fingerprint? = nil, newProviderID: String? = nil,
        newFingerprint: Fingerprint? = nil, revokeAfter: Date? = nil, notified: Bool = false,
        lastError: String? = nil, warnings: [String] = [], plan: RotationCommands
    ) {
        self.key = key
        self.rotationID = rotationID
        self.kind = kind
        self.phase = phase
        self.pending = pending
        self.process = process
        self.attempts = attempts
        self.started = started
        self.updated = updated ?? started
        self.date = date
        self.oldProviderID = oldProviderID
        self.oldFingerprint = oldFingerprint
        self.newProviderID = newProviderID
        self.newFingerprint = newFingerprint
        self.revokeAfter = revokeAfter
        self.notified = notified
        self.lastError = lastError
        self.warnings = warnings
        self.plan = plan
    }

    /// Whether nothing is left to do: a terminal phase, notified, nothing pending.
    public var isFinished: Bool { phase.isTerminal && notified && pending == nil }
}
