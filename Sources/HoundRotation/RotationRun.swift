#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel
import HoundSupport

/// One pass of the state machine over one key's rotation, holding the key's lock (taken by the
/// caller), its state, and — from `create` until the run ends — the new secret in memory.
///
/// ``drive()`` runs steps until the rotation ends, waits for its grace period, or is blocked by
/// a failing step; the state is persisted after every transition.
struct RotationRun {
    /// The engine: runner, clock, inventory, store, audit log.
    let engine: RotationEngine
    /// The rotation, as persisted.
    var state: RotationState
    /// The new secret from `create` until the run ends (never persisted): fed to `distribute`
    /// and the first `verify`, and masked in the output of every step.
    var secret: NewSecret?
    /// Audit-log failures after the start, reported as warnings rather than stopping a rotation half-way.
    var auditWarnings: [String] = []
    /// Steps of this run that kept failing transiently (exit 75 after every retry).
    var transientFailures = 0

    /// A run of `state` by `engine`, without the secret (a resume never has it).
    init(engine: RotationEngine, state: RotationState) {
        self.engine = engine
        self.state = state
    }

    /// Runs the rotation as far as it can go now.
    ///
    /// - Throws: `RotationError` when the state cannot be persisted or the runner stopped like
    ///   a crash; the write-ahead record then lets `resume()` continue.
    mutating func drive() throws(RotationError) -> RotationOutcome {
        defer { secret?.wipe() }
        try settleInterruptedStep()
        // Each transition moves forward; the bound only guards against a bug looping forever.
        for _ in 0..<512 {
            if let outcome = try advance() { return outcome }
        }
        throw .interrupted(key: state.key, step: state.pending ?? .create, reason: "the rotation did not settle (internal error)")
    }

    /// Waits for (or stops) the process of a step an earlier keyhound left running, then
    /// decides what that step did.
    mutating func settleInterruptedStep() throws(RotationError) {
        guard let pending = state.pending else { return }
        try settleStepProcess()
        try recover(interrupted: pending)
    }

    /// Takes one transition; returns an outcome when the run stops here.
    private mutating func advance() throws(RotationError) -> RotationOutcome? {
        // An emergency revokes the leaked key before anything else, whatever the phase (a
        // takeover arrives here in the middle of a scheduled rotation).
        if state.kind == .emergency, !state.oldKeyRevoked, !state.phase.isTerminal {
            return try revokeOld() ? nil : blocked(.revokeOld)
        }
        switch (state.kind, state.phase) {
        case (_, .planned), (.emergency, .oldRevoked):
            try create()
        case (_, .created):
            try distribute()
        case (_, .distributed):
            return try verify()
        case (_, .verified) where state.plan.promotes:
            startGracePeriod()
            guard try runSimple(.promote, then: .promoted) else { return try blocked(.promote) }
        case (.scheduled, .verified), (.scheduled, .promoted):
            return try waitThenConfirm()
        case (.scheduled, .confirmed):
            // The one irreversible step: only once the rotation is known to be recordable.
            do {
                try engine.inventory.checkRecordable(state.key)
            } catch {
                _ = try fail(.revokeOld, "not revoked, because the rotation could not be recorded afterwards: \(error)")
                return try blocked(.revokeOld)
            }
            guard try revokeOld() else { return try blocked(.revokeOld) }
        case (.scheduled, .oldRevoked), (.emergency, .verified), (.emergency, .promoted), (.emergency, .confirmed):
            guard try recordInventory() else { return try blocked(.recordInventory) }
        case (_, .recorded):
            state.phase = .done
            try persist()
            log(.lifecycle(.finish), .succeeded, [("new_provider_id", state.newProviderID ?? "")])
        case (_, .rollingBack):
            if let failed = try rollBack() { return try blocked(failed) }
        case (_, .done), (_, .rolledBack), (_, .failed):
            if !state.notified { try notifyEnd() }
            return finalOutcome()
        }
        return nil
    }

    /// Scheduled, the new key in use: wait out the grace period (returns `waiting`), then
    /// verify again; a takeover (`urgent`) skips both.
    private mutating func waitThenConfirm() throws(RotationError) -> RotationOutcome? {
        if state.urgent || state.plan.grace == nil {
            state.phase = .confirmed
            try persist()
            return nil
        }
        if let until = state.revokeAfter, engine.clock() < until { return outcome(.waiting(until: until)) }
        if let failed = try runPerConsumer(.confirm, stdin: nil, then: .confirmed) { return try blocked(failed) }
        return nil
    }

    /// Sets the end of the grace period from now (scheduled rotations with a grace period, not
    /// taken over). Called just before the step whose success puts the new key in use, so that
    /// both are written together: a crash in between cannot leave it in use without a grace period.
    mutating func startGracePeriod() {
        guard state.kind == .scheduled, !state.urgent, let grace = state.plan.grace else { return }
        state.revokeAfter = grace.added(to: engine.clock())
    }

    /// `revoke` of the old key: on success the fact is recorded with the next phase.
    private mutating func revokeOld() throws(RotationError) -> Bool {
        let run = try run(.revokeOld)
        if let failure = run.failure { return try fail(.revokeOld, failure, transient: run.transient) }
        state.oldKeyRevoked = true
        state.oldRevokedAt = engine.clock()
        let next: RotationPhase =
            switch (state.kind, state.phase) {
            case (.emergency, .planned), (.scheduled, .confirmed): .oldRevoked
            default: state.phase
            }
        try succeed(.revokeOld, then: next, [("provider_id", state.oldProviderID ?? "")])
        return true
    }

    /// `create`: on success the new key's id and fingerprint are recorded and its secret kept in
    /// memory for `distribute`; on failure nothing is left behind (a key that was printed with
    /// an id is rolled back; one that may exist without an id is reported).
    private mutating func create() throws(RotationError) {
        let result = try run(.create)
        var stdout = result.result?.stdout ?? []
        defer {
            for index in stdout.indices { stdout[index] = 0 }
        }
        var parsed: CreateOutput?
        var parseError: CreateOutputError?
        do { parsed = try CreateOutput(parsing: stdout) } catch { parseError = error }
        guard result.succeeded, let output = parsed else {
            // A failed create that still printed a key with an id: revoke it. One that printed
            // garbage or was killed may have made a key we cannot name.
            let reason = result.failure ?? parseError?.description ?? "create failed"
            if result.transient { transientFailures += 1 }
            state.lastError = reason
            state.pending = nil
            if let output = parsed, let id = output.id, id != state.oldProviderID {
                secret = output.secret  // masked in the output of the rollback
                state.newProviderID = id
                state.phase = .rollingBack
            } else {
                if result.mayHaveActed || (result.succeeded && parseError != nil) {
                    state.warnings.append(orphanWarning(reason: "create did not finish cleanly"))
                }
                let discarded = parsed?.secret
                discarded?.wipe()
                endWithoutNewKey()
            }
            try persist()
            logStep(.create, .failed, [("error", reason)])
            return
        }
        if output.id == nil, needsNewProviderID {
            state.lastError =
                "create printed no id, but the rotation commands need {new_provider_id}; print JSON {\"secret\": …, \"id\": …}"
            state.warnings.append(orphanWarning(reason: "the new key's id is unknown"))
            state.pending = nil
            output.secret.wipe()
            endWithoutNewKey()
            try persist()
            logStep(.create, .failed, [("error", state.lastError ?? "")])
            return
        }
        let fingerprint = engine.inventory.fingerprint(of: output.secret.bytes)
        if let refusal = CreateCheck.refusal(
            secret: output.secret.bytes, id: output.id,
            fingerprint: engine.inventory.fingerprint(of: output.secret.bytes, like: state.oldFingerprint),
            old: (state.oldProviderID, state.oldFingerprint), minimumBits: state.plan.minSecretBits)
        {
            secret = output.secret  // masked in the output of the rollback
            state.lastError = refusal.reason
            state.pending = nil
            if refusal.revokesNewKey, let id = output.id {
                state.newProviderID = id
                state.phase = .rollingBack
            } else {
                if output.id == nil { state.warnings.append(orphanWarning(reason: "create returned a refused key without an id")) }
                if !refusal.revokesNewKey {
                    state.warnings.append("create named the old key \(state.oldProviderID ?? ""); check the provider's keys")
                }
                endWithoutNewKey()
            }
            try persist()
            logStep(.create, .refused, [("error", refusal.reason)])
            return
        }
        state.newProviderID = output.id
        state.newFingerprint = fingerprint
        state.newExpires = output.expires ?? state.newExpires
        secret = output.secret
        state.phase = .created
        state.pending = nil
        state.attempts = 0
        state.lastError = nil
        do {
            try persist()
        } catch {
            // The id is known only in memory: revoke the key now rather than orphan it.
            if output.id != nil { _ = try? run(.revokeNew) }
            throw error
        }
        logStep(
            .create, .succeeded,
            [("new_provider_id", state.newProviderID ?? ""), ("new_fingerprint", state.newFingerprint?.short ?? "")])
    }

    /// The end of a rotation whose new key does not exist (or cannot be named): rolled back
    /// (scheduled), failed (emergency), or, after a takeover's rollback, back to `create`.
    mutating func endWithoutNewKey() {
        if state.kind == .emergency, state.recreateAfterRollback, state.oldKeyRevoked {
            state.newProviderID = nil
            state.newFingerprint = nil
            state.recreateAfterRollback = false
            state.progress = [:]
            state.phase = .oldRevoked
            return
        }
        state.phase = state.kind == .scheduled ? .rolledBack : .failed
    }

    /// Whether any command after `create` needs the new key's provider id.
    private var needsNewProviderID: Bool {
        let plan = state.plan
        let users = [plan[.distribute], plan[.verify], plan[.promote], plan[.rollback], plan[.notify]].compactMap { $0 }
        let used = users.compactMap { try? Placeholders.used(in: $0) }.joined()
        let revokeNames = plan[.revoke].flatMap { try? Placeholders.used(in: $0) } ?? []
        return used.contains(Placeholder.newProviderID.rawValue) || revokeNames.contains(Placeholder.providerID.rawValue)
            || revokeNames.contains(Placeholder.oldProviderID.rawValue)
    }

    /// The warning that a key may exist at the provider that nothing will revoke.
    func orphanWarning(reason: String) -> String {
        "\(reason): the provider may hold a new key for \"\(state.key)\" that no one uses; look for one created "
            + "on \(state.date) (rotation id \(state.rotationID)) and revoke it"
    }
}
