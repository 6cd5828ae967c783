#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundSupport

/// What a call to the engine did for one key, for the CLI to print (`description`) and to map
/// to an exit status (`isFailure`).
public struct RotationOutcome: Sendable, Equatable, CustomStringConvertible {
    /// Where the rotation stands after the call.
    public enum Status: Sendable, Equatable {
        /// Finished: new key in use and recorded, old key revoked.
        case done
        /// Verified; the old key is revoked by a `resume()` after this instant.
        case waiting(until: Date)
        /// A step failed and will be retried by `resume()`; no key was lost (see `reason`).
        case blocked(step: RotationStep, reason: String)
        /// Finished without a change: the new key was revoked again (or never made); the old
        /// key is still valid and in use.
        case rolledBack(reason: String)
        /// Finished badly: a person must act (the reason says what to do).
        case failed(reason: String)
        /// A dry run: what would run, placeholders filled, nothing run.
        case planned([PlannedCommand])
        /// Not started: already under way, locked by another process, not due...
        case skipped(reason: String)
    }

    /// The inventory key.
    public var key: String
    /// Scheduled or emergency.
    public var kind: RotationKind
    /// The rotation's id, when one was started.
    public var rotationID: String?
    /// Where it stands.
    public var status: Status
    /// The persisted phase, when a rotation exists.
    public var phase: RotationPhase?
    /// The old key's provider id.
    public var oldProviderID: String?
    /// The new key's provider id, once created.
    public var newProviderID: String?
    /// Things a person should know even when the outcome is fine.
    public var warnings: [String]
    /// What started the rotation.
    public var trigger: RotationTrigger?
    /// Whether it was taken over by an emergency (no grace period).
    public var urgent: Bool
    /// Steps that kept failing transiently (exit 75 after every retry) in this call.
    public var transientFailures: Int

    /// An outcome from its parts.
    public init(
        key: String, kind: RotationKind, rotationID: String? = nil, status: Status, phase: RotationPhase? = nil,
        oldProviderID: String? = nil, newProviderID: String? = nil, warnings: [String] = [],
        trigger: RotationTrigger? = nil, urgent: Bool = false, transientFailures: Int = 0
    ) {
        self.key = key
        self.kind = kind
        self.rotationID = rotationID
        self.status = status
        self.phase = phase
        self.oldProviderID = oldProviderID
        self.newProviderID = newProviderID
        self.warnings = warnings
        self.trigger = trigger
        self.urgent = urgent
        self.transientFailures = transientFailures
    }

    /// Whether the outcome needs attention: blocked, rolled back or failed, or a plan with a
    /// command that cannot run.
    public var isFailure: Bool {
        switch status {
        case .blocked, .rolledBack, .failed: true
        case .planned(let commands): commands.contains { $0.problem != nil }
        case .done, .waiting, .skipped: false
        }
    }

    /// One paragraph for people, e.g.
    /// `payment-gateway-prod: rotated (emergency): key_1 revoked, key_2 in use`.
    public var description: String {
        let label = kind == .emergency ? "\(key) (\(trigger?.kind == .takeover ? "emergency takeover" : "emergency"))" : key
        var text: String
        switch status {
        case .done:
            text = "\(label): rotated: \(oldProviderID ?? "old key") revoked, \(newProviderID ?? "new key") in use"
        case .waiting(let until):
            text =
                "\(label): new key \(newProviderID ?? "") distributed and verified; the old key \(oldProviderID ?? "") "
                + "stays valid until \(ISODate.format(until)), then `keyhound rotate --resume` revokes it"
        case .blocked(let step, let reason):
            text =
                "\(label): stopped at \(step.rawValue): \(reason). \(Self.safety(phase: phase, kind: kind)) "
                + "`keyhound rotate --resume` retries."
        case .rolledBack(let reason):
            text = "\(label): rolled back: \(reason). The old key \(oldProviderID ?? "") is still valid and in use."
        case .failed(let reason):
            text = "\(label): FAILED: \(reason)"
        case .planned(let commands):
            text = "\(label): would run:" + commands.map { "\n  " + $0.description }.joined()
        case .skipped(let reason):
            text = "\(label): skipped: \(reason)"
        }
        for warning in warnings { text += "\n  warning: \(warning)" }
        return text
    }

    /// What is true of the keys while a rotation is blocked in `phase`.
    static func safety(phase: RotationPhase?, kind: RotationKind) -> String {
        switch (kind, phase) {
        case (.scheduled, .planned?): "Nothing was changed."
        case (.scheduled, .created?), (.scheduled, .rollingBack?):
            "The old key is still valid and in use; the new key is not distributed and must be revoked."
        case (.scheduled, .distributed?), (.scheduled, .verified?), (.scheduled, .promoted?), (.scheduled, .confirmed?):
            "Both keys are valid; the secret store holds the new one."
        case (.scheduled, .oldRevoked?): "The old key is revoked and the new one in use; the inventory is not updated yet."
        case (.emergency, .planned?): "The leaked key is NOT revoked yet."
        case (.emergency, _): "The leaked key is revoked."
        default: ""
        }
    }
}
