#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension RotationRun {
    /// The outcome for a rotation stopped by a failing `step`; people are notified once per
    /// problem (`notify` with `{outcome}` = `blocked` and `{error}`), not at every resume.
    mutating func blocked(_ step: RotationStep) throws(RotationError) -> RotationOutcome {
        let problem = state.lastError ?? "failed"
        if state.plan[.notify] != nil, state.notifiedProblem != problem {
            try notify(RotationRun.Notice(outcome: "blocked", error: problem))
            state.notifiedProblem = problem
            state.lastError = problem
            try persist()
        }
        return outcome(.blocked(step: step, reason: problem))
    }

    /// Runs `notify` once at the end; its failure is a warning, never a change of outcome.
    mutating func notifyEnd() throws(RotationError) {
        if state.plan[.notify] != nil {
            let word = state.phase == .rolledBack && (state.lastError ?? "").hasPrefix("aborted") ? "aborted" : state.phase.rawValue
            try notify(RotationRun.Notice(outcome: word, error: state.phase == .done ? "" : state.lastError ?? ""))
        }
        state.notified = true
        try persist()
    }

    /// Runs `notify` with `notice`; a failure becomes a warning.
    mutating func notify(_ notice: RotationRun.Notice) throws(RotationError) {
        let lastError = state.lastError
        let result = try run(.notify, notice: notice)
        state.pending = nil
        state.lastError = lastError
        if let failure = result.failure { state.warnings.append("notify failed: \(failure)") }
        try persist()
        logStep(.notify, result.succeeded ? .succeeded : .failed, result.failure.map { [("error", $0)] } ?? [("outcome", notice.outcome)])
    }

    /// The outcome of a finished rotation.
    func finalOutcome() -> RotationOutcome {
        let reason = state.lastError ?? ""
        switch state.phase {
        case .done:
            return outcome(.done)
        case .rolledBack:
            return outcome(.rolledBack(reason: reason.isEmpty ? "no new key was created" : reason))
        default:
            if state.kind == .emergency, reason.hasSuffix(Self.secretLost) {
                // Stopped before distribution completed: both keys are revoked and no step was at
                // fault, so there is nothing to fix first; say so, loudly.
                return outcome(
                    .failed(
                        reason: "\(reason), so the new key was revoked too. NO WORKING KEY: the leaked key is revoked (by design) "
                            + "and the new one is revoked and unrecoverable; consumers have no valid key. The key must be rotated "
                            + "again now: `keyhound rotate \(state.key) --emergency`"))
            }
            if state.kind == .emergency {
                let revoked = state.phase == .failed && state.newProviderID != nil ? " (the new key was revoked again)" : ""
                return outcome(
                    .failed(
                        reason: "\(reason)\(revoked). The leaked key is revoked but no new key is in place: consumers have "
                            + "no working key. Fix the cause, then run `keyhound rotate \(state.key) --emergency` again"))
            }
            return outcome(.failed(reason: reason))
        }
    }

    /// An outcome carrying this rotation's ids, phase and warnings.
    func outcome(_ status: RotationOutcome.Status) -> RotationOutcome {
        RotationOutcome(
            key: state.key, kind: state.kind, rotationID: state.rotationID, status: status, phase: state.phase,
            oldProviderID: state.oldProviderID, newProviderID: state.newProviderID, warnings: state.warnings + auditWarnings,
            trigger: state.trigger, urgent: state.urgent, transientFailures: transientFailures)
    }
}
