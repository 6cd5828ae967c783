/// What an audit record is about: a step of the rotation, or an event of its life. The raw
/// value is the record's `step` member.
public enum AuditEvent: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A step (`create`, `revoke-old`, ...).
    case step(RotationStep)
    /// An event of the rotation itself.
    case lifecycle(Lifecycle)

    /// Events that are not steps.
    public enum Lifecycle: String, Sendable, CaseIterable {
        /// A rotation starts.
        case start
        /// A later keyhound continues it.
        case resume
        /// It finished (the new key in use and recorded).
        case finish
        /// `--emergency` took over a rotation under way.
        case takeover
        /// `--abort` rolled it back.
        case abort
        /// The commands read again from the inventory differ from the ones it ran with.
        case commands
        /// A batch stopped rotating keys of a provider that kept failing.
        case circuitBreaker = "circuit-breaker"
    }

    /// The `step` member's text.
    public var rawValue: String {
        switch self {
        case .step(let step): step.rawValue
        case .lifecycle(let event): event.rawValue
        }
    }

    /// The event named `rawValue`, nil for an unknown name.
    public init?(rawValue: String) {
        if let step = RotationStep(rawValue: rawValue) {
            self = .step(step)
        } else if let event = Lifecycle(rawValue: rawValue) {
            self = .lifecycle(event)
        } else {
            return nil
        }
    }

    /// The raw value.
    public var description: String { rawValue }
}

/// How an audited step or event went; the raw value is the record's `outcome` member.
public enum AuditOutcome: String, Sendable, CaseIterable {
    /// A step or rotation started.
    case started
    /// It succeeded.
    case succeeded
    /// It failed (details say why).
    case failed
    /// What `create` returned was refused before distribution.
    case refused
    /// A transient failure (exit 75): retried after a delay.
    case retrying
    /// It was not run (details say why).
    case skipped
    /// The process running it was stopped while it ran (found by a later keyhound).
    case interrupted
    /// A later keyhound waits for a step an earlier one started.
    case waiting
    /// That step finished by itself.
    case stepFinished = "step-finished"
    /// That step was stopped (its process group).
    case stepStopped = "step-stopped"
    /// Commands changed since the rotation started; the new ones are used.
    case changed
    /// A rotation was rolled back on request, or a takeover began.
    case requested
    /// A provider's circuit breaker opened.
    case opened
}
