#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension RotationRun {
    /// The end of every reason a rotation stopped before distribution completed gives for its
    /// rollback: keyhound held the secret in memory only, so the new key is useless.
    static let secretLost = "the new key's secret was never stored in full and cannot be recovered"

    /// `distribute` with the secret on stdin, once or consumer by consumer (with each consumer's
    /// `verify` right after its `distribute` when both run per consumer). Without the secret (a
    /// resume) the key cannot be distributed any more and is rolled back; a consumer that fails
    /// stops the rollout, which is rolled back (the consumers already switched are restored with
    /// `rollback`): the rest could never receive a secret that is gone once this run ends.
    mutating func distribute() throws(RotationError) {
        guard let secret else {
            state.lastError = "the rotation stopped after create, before distribute finished: " + Self.secretLost
            state.phase = .rollingBack
            try persist()
            logStep(.distribute, .skipped, [("reason", state.lastError ?? "")])
            return
        }
        guard state.plan.runsPerConsumer(.distribute) else {
            if try !runSimple(.distribute, stdin: secret.bytes, then: .distributed) {
                state.phase = .rollingBack
                try persist()
            }
            return
        }
        let verifiesEach = state.plan.runsPerConsumer(.verify)
        for consumer in state.consumers where !(state.progress[.distribute] ?? []).contains(consumer) {
            guard try runOne(.distribute, consumer: consumer, stdin: secret.bytes) else {
                state.lastError = "the rollout stopped at consumer \(consumer): \(state.lastError ?? "distribute failed")"
                state.phase = .rollingBack
                try persist()
                return
            }
            if verifiesEach {
                if !state.plan.promotes, consumer == state.consumers.last { startGracePeriod() }
                guard try runOne(.verify, consumer: consumer, stdin: secret.bytes) else {
                    state.lastError = "the rollout stopped at consumer \(consumer): \(state.lastError ?? "verify failed")"
                    state.phase = .rollingBack
                    try persist()
                    return
                }
            }
        }
        state.phase = verifiesEach ? .verified : .distributed
        try persist()
    }

    /// `verify` after distribution, with the secret on stdin while it is held; once or per
    /// consumer (resuming after the consumers already verified). A failure blocks the rotation
    /// (both keys stay valid) — or, when the store only staged the new key (`promote`) in a
    /// scheduled rotation, rolls it back: consumers never saw it.
    mutating func verify() throws(RotationError) -> RotationOutcome? {
        if !state.plan.promotes { startGracePeriod() }
        guard let failed = try runPerConsumer(.verify, stdin: secret?.bytes, then: .verified) else {
            state.recreateAfterRollback = false
            try persist()
            return nil
        }
        if state.kind == .emergency, state.recreateAfterRollback {
            // A takeover found a new key it cannot confirm: revoked, and another one created.
            state.phase = .rollingBack
            try persist()
            return nil
        }
        if state.plan.promotes, state.kind == .scheduled {
            state.storeRestore = state.plan[.rollback] != nil
            state.phase = .rollingBack
            try persist()
            return nil
        }
        return try blocked(failed)
    }

    /// Runs `step` once, or for each consumer it has not finished for yet (recording each),
    /// then moves to `phase`. Returns the step that failed, nil on success.
    mutating func runPerConsumer(
        _ step: RotationStep, stdin: [UInt8]?, then phase: RotationPhase
    ) throws(RotationError) -> RotationStep? {
        guard state.plan.runsPerConsumer(step) else {
            return try runSimple(step, stdin: stdin, then: phase) ? nil : step
        }
        for consumer in state.consumers where !(state.progress[step] ?? []).contains(consumer) {
            guard try runOne(step, consumer: consumer, stdin: stdin) else { return step }
        }
        state.progress[step] = nil
        state.phase = phase
        try persist()
        return nil
    }

    /// Runs `step` for `consumer` and records that consumer's progress; false on failure.
    mutating func runOne(_ step: RotationStep, consumer: String, stdin: [UInt8]?) throws(RotationError) -> Bool {
        let run = try run(step, consumer: consumer, stdin: stdin)
        if let failure = run.failure { return try fail(step, failure, transient: run.transient) }
        state.progress[step, default: []].append(consumer)
        state.pending = nil
        state.attempts = 0
        state.lastError = nil
        try persist()
        logStep(step, .succeeded, [("consumer", consumer)])
        return true
    }

    /// The rollback: `rollback` restores each consumer switched by a per-consumer rollout (last
    /// first) and, when the store may hold the new key, the store; then the new key is revoked.
    /// Ends rolled back (scheduled) or failed (emergency), or goes back to `create` after a
    /// takeover. Returns the step that failed (retried on resume), nil when done.
    mutating func rollBack() throws(RotationError) -> RotationStep? {
        let switched = state.progress[.distribute] ?? []
        let restoresStore = state.storeRestore || !switched.isEmpty
        if restoresStore, state.plan[.rollback] == nil {
            let who = switched.isEmpty ? "the secret store may hold the new key" : "consumers \(switched.joined(separator: ", ")) use the new key"
            state.lastError =
                "\(who), and without a rollback command keyhound cannot put the old one back, so the new key is not revoked: "
                + "add a rollback command to [keys.rotation] and run `keyhound rotate --resume` (or restore it by hand)"
            try persist()
            return .rollback
        }
        for consumer in switched.reversed() {
            let run = try run(.rollback, consumer: consumer)
            if let failure = run.failure {
                _ = try fail(.rollback, failure, transient: run.transient)
                return .rollback
            }
            state.progress[.distribute]?.removeAll { $0 == consumer }
            state.progress[.verify]?.removeAll { $0 == consumer }
            state.pending = nil
            try persist()
            logStep(.rollback, .succeeded, [("consumer", consumer)])
        }
        if state.storeRestore {
            let reason = state.lastError
            if let failed = try runPerConsumer(.rollback, stdin: nil, then: state.phase) { return failed }
            state.storeRestore = false
            state.lastError = reason
            try persist()
        }
        state.progress = [:]
        let reason = state.lastError
        guard let newID = state.newProviderID else {
            state.warnings.append(orphanWarning(reason: "the new key's id is unknown, so it cannot be revoked"))
            endWithoutNewKey()
            try persist()
            return nil
        }
        if newID == state.oldProviderID {
            // Never: "the new key" is the old one, revoking it would leave no key at all.
            state.warnings.append("the new key's id is the old key's (\(newID)): it was not revoked")
        } else {
            let run = try run(.revokeNew)
            if let failure = run.failure {
                _ = try fail(.revokeNew, failure, transient: run.transient)
                return .revokeNew
            }
            state.pending = nil
            logStep(.revokeNew, .succeeded, [("provider_id", newID)])
        }
        state.lastError = reason
        endWithoutNewKey()
        try persist()
        return nil
    }
}
