#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory

extension RotationEngine {
    /// `--emergency` on a key whose rotation is under way: the old key is revoked at once; a
    /// new key that is already verified is kept (and promoted if it was not yet), one that is
    /// not is revoked and another is created. A rotation whose old key is already revoked, or an
    /// emergency under way, is simply carried on. The audit log records the takeover.
    func takeOver(_ existing: RotationState, trigger: RotationTrigger) throws(RotationError) -> RotationOutcome {
        var run = RotationRun(engine: self, state: existing)
        run.refreshCommands()
        try run.settleInterruptedStep()
        guard run.state.kind == .scheduled, !run.state.oldKeyRevoked, !run.state.phase.isTerminal else {
            return try run.drive()
        }
        run.log(
            .lifecycle(.takeover), .requested,
            [
                ("phase", run.state.phase.rawValue), ("new_provider_id", run.state.newProviderID ?? ""),
                ("previous_trigger", run.state.trigger.description),
            ])
        var state = run.state
        state.kind = .emergency
        state.trigger = RotationTrigger(
            .takeover, rule: trigger.rule, repository: trigger.repository, commit: trigger.commit, path: trigger.path)
        state.urgent = true
        state.revokeAfter = nil
        state.notifiedProblem = nil
        switch state.phase {
        case .created, .rollingBack, .distributed:
            // Not known to work: revoked after the old key, and another one created.
            state.recreateAfterRollback = true
        case .confirmed:
            state.phase = state.plan.promotes ? .promoted : .verified
        default:
            break
        }
        run.state = state
        try run.persist()
        return try run.drive()
    }

    /// `keyhound rotate NAME --abort`: rolls back the rotation of `name` while the old key is
    /// still valid: `rollback` restores what consumers read (when they may read the new key) and
    /// the new key is revoked. Never leaves both keys revoked: once the old key is revoked it
    /// refuses, and says why.
    ///
    /// - Throws: `RotationError.notUnderWay`, `.cannotAbort` (the old key is revoked, or
    ///   consumers may use the new key and there is no `rollback` command), or what a run throws.
    public func abort(name: String) throws(RotationError) -> RotationOutcome {
        try store.withLock(name) { () throws(RotationError) -> RotationOutcome in
            guard let existing = try store.read(name), !existing.isFinished else { throw .notUnderWay(key: name) }
            if existing.pending == .revokeOld {
                throw .cannotAbort(
                    key: name,
                    reason: "the old key may already be revoked (revoke-old was interrupted), so rolling back could leave no "
                        + "valid key; `keyhound rotate --resume` finishes the rotation")
            }
            var run = RotationRun(engine: self, state: existing)
            run.refreshCommands()
            try run.settleInterruptedStep()
            var state = run.state
            if state.phase.isTerminal { return try run.drive() }
            guard !state.oldKeyRevoked else {
                throw .cannotAbort(
                    key: name,
                    reason: "the old key \(state.oldProviderID ?? "") is already revoked, so rolling back would leave no valid key; "
                        + "`keyhound rotate --resume` finishes the rotation with the new key")
            }
            let perConsumer = state.plan.runsPerConsumer(.distribute)
            let storeHoldsNew = state.consumersMayUseNewKey && !perConsumer
            if state.consumersMayUseNewKey, state.plan[.rollback] == nil {
                throw .cannotAbort(
                    key: name,
                    reason: "consumers may already read the new key, and without a rollback command keyhound cannot put the old "
                        + "one back; add one to [keys.rotation] (it restores the store), or finish with `keyhound rotate --resume`")
            }
            let staged = state.plan.promotes && [.distributed, .verified].contains(state.phase)
            state.storeRestore = storeHoldsNew || (staged && state.plan[.rollback] != nil)
            state.lastError = "aborted by \(actor)"
            state.phase = state.phase == .planned ? .rolledBack : .rollingBack
            run.state = state
            run.log(.lifecycle(.abort), .requested, [("new_provider_id", state.newProviderID ?? "")])
            try run.persist()
            return try run.drive()
        }
    }
}

extension RotationRun {
    /// Reads the key's commands again from the inventory: a command fixed since the rotation
    /// started is used from now on, and the change is audited. When the key or its commands
    /// can no longer be read, the ones the rotation started with are kept.
    mutating func refreshCommands() {
        guard let record = try? engine.inventory.load().record(named: state.key) else { return }
        let fresh: RotationCommands
        do {
            fresh = try engine.commands(for: record, kind: state.kind)
        } catch {
            log(.lifecycle(.commands), .skipped, [("reason", "the inventory's commands are not usable, kept the ones in use: \(error)")])
            return
        }
        let changed = fresh.differences(from: state.plan)
        guard !changed.isEmpty else { return }
        log(.lifecycle(.commands), .changed, [("fields", changed.joined(separator: ", "))])
        state.plan = fresh
        try? persist()
    }
}
