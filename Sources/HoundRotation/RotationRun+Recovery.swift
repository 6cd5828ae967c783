import Foundation

extension RotationRun {
    /// Continues a rotation whose process died while `step` was pending: the step may or may
    /// not have happened, and the secret, held in memory only, is gone.
    ///
    /// - `create`: whether the provider made a key is unknown, and its id was never read. Nothing
    ///   can be revoked by id: the rotation ends (rolled back, or failed in an emergency) with a
    ///   warning naming the rotation id, so a person can look for the orphan.
    /// - `distribute` (or the `verify` that checks it): run `verify` with an empty stdin. If the
    ///   store already holds the new key, distribution completed and the rotation goes forward;
    ///   otherwise the new key is revoked (rollback) and the old key stays in use.
    /// - any other step: it is idempotent, or checked by the provider, and simply runs again.
    mutating func recover(interrupted step: RotationStep) throws(RotationError) {
        logEvent("resume", "interrupted", [("pending", step.rawValue), ("phase", state.phase.rawValue)])
        switch step {
        case .create:
            state.pending = nil
            state.lastError = "the process stopped while create was running, before its output was read"
            state.warnings.append(orphanWarning(reason: "create was interrupted"))
            state.phase = state.kind == .scheduled ? .rolledBack : .failed
            try persist()
        case .distribute, .verify:
            if step == .verify, state.phase != .created {
                state.pending = nil
                return
            }
            state.pending = nil
            startGracePeriod()
            // Verified: distribution had completed, and the rotation goes on as if never stopped.
            if try runSimple(.verify, then: .verified) { return }
            state.lastError = "the process stopped during distribute and verify does not confirm the new key is in place"
            state.phase = .rollingBack
            try persist()
        default:
            // Runs again from the same phase.
            state.pending = nil
        }
    }

    /// The outcome for a rotation stopped by a failing `step`.
    func blocked(_ step: RotationStep) -> RotationOutcome {
        outcome(.blocked(step: step, reason: state.lastError ?? "failed"))
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
            oldProviderID: state.oldProviderID, newProviderID: state.newProviderID, warnings: state.warnings + auditWarnings)
    }
}
