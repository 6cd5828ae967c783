import Foundation
import HoundModel
import HoundSupport

/// One pass of the state machine over one key's rotation, holding the key's lock (taken by the
/// caller), its state, and — between `create` and `verify` only — the new secret in memory.
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
        if let pending = state.pending {
            try settleStepProcess()
            try recover(interrupted: pending)
        }
        // Each transition moves forward; the bound only guards against a bug looping forever.
        for _ in 0..<64 {
            if let outcome = try advance() { return outcome }
        }
        throw .interrupted(key: state.key, step: state.pending ?? .create, reason: "the rotation did not settle (internal error)")
    }

    /// Takes one transition; returns an outcome when the run stops here.
    private mutating func advance() throws(RotationError) -> RotationOutcome? {
        switch (state.kind, state.phase) {
        case (.scheduled, .planned), (.emergency, .oldRevoked):
            try create()
        case (.emergency, .planned):
            guard try runSimple(.revokeOld, then: .oldRevoked) else { return blocked(.revokeOld) }
        case (_, .created):
            try distribute()
        case (_, .distributed):
            let stdin = secret?.bytes
            startGracePeriod()
            // The secret stays in memory (only to mask step output) until the run ends.
            guard try runSimple(.verify, stdin: stdin, then: .verified) else { return blocked(.verify) }
        case (.scheduled, .verified):
            if let until = state.revokeAfter, engine.clock() < until {
                return outcome(.waiting(until: until))
            }
            if state.plan.grace == nil {
                state.phase = .confirmed
                try persist()
            } else {
                guard try runSimple(.confirm, then: .confirmed) else { return blocked(.confirm) }
            }
        case (.scheduled, .confirmed):
            guard try runSimple(.revokeOld, then: .oldRevoked) else { return blocked(.revokeOld) }
        case (.scheduled, .oldRevoked), (.emergency, .verified):
            guard try recordInventory() else { return blocked(.recordInventory) }
        case (_, .recorded):
            state.phase = .done
            try persist()
            logEvent("finish", "succeeded", [("new_provider_id", state.newProviderID ?? "")])
        case (_, .rollingBack):
            guard try rollBack() else { return blocked(.revokeNew) }
        case (_, .done), (_, .rolledBack), (_, .failed):
            if !state.notified { try notify() }
            return finalOutcome()
        case (.emergency, .confirmed):
            // Not reached: emergencies have no grace; treat as verified.
            state.phase = .verified
        }
        return nil
    }

    /// Sets the end of the grace period from now (scheduled rotations with a grace period).
    /// Called just before the verification whose success starts it, so that both are written
    /// together: a crash in between cannot leave a verified rotation without its grace period.
    mutating func startGracePeriod() {
        guard state.kind == .scheduled, let grace = state.plan.grace else { return }
        state.revokeAfter = grace.added(to: engine.clock())
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
        guard result.succeeded, var output = parsed else {
            // A failed create that still printed a key with an id: revoke it. One that printed
            // garbage or was killed may have made a key we cannot name.
            let reason = result.failure ?? parseError?.description ?? "create failed"
            state.lastError = reason
            state.pending = nil
            if let output = parsed, let id = output.id {
                state.newProviderID = id
                state.phase = .rollingBack
            } else {
                if result.mayHaveActed || (result.succeeded && parseError != nil) {
                    state.warnings.append(orphanWarning(reason: "create did not finish cleanly"))
                }
                state.phase = state.kind == .scheduled ? .rolledBack : .failed
            }
            try persist()
            logStep(.create, "failed", [("error", reason)])
            var discarded = parsed?.secret
            discarded?.wipe()
            return
        }
        if output.id == nil, needsNewProviderID {
            state.lastError =
                "create printed no id, but the rotation commands need {new_provider_id}; print JSON {\"secret\": …, \"id\": …}"
            state.warnings.append(orphanWarning(reason: "the new key's id is unknown"))
            state.phase = state.kind == .scheduled ? .rolledBack : .failed
            state.pending = nil
            output.secret.wipe()
            try persist()
            logStep(.create, "failed", [("error", state.lastError ?? "")])
            return
        }
        let fingerprint = engine.inventory.fingerprint(of: output.secret.bytes)
        if let refusal = CreateCheck.refusal(
            secret: output.secret.bytes, id: output.id, fingerprint: engine.inventory.fingerprint(
                of: output.secret.bytes, like: state.oldFingerprint),
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
                state.phase = state.kind == .scheduled ? .rolledBack : .failed
            }
            try persist()
            logStep(.create, "refused", [("error", refusal.reason)])
            return
        }
        state.newProviderID = output.id
        state.newFingerprint = fingerprint
        secret = output.secret
        state.phase = .created
        state.pending = nil
        state.lastError = nil
        do {
            try persist()
        } catch {
            // The id is known only in memory: revoke the key now rather than orphan it.
            secret?.wipe()
            secret = nil
            if output.id != nil { _ = try? run(.revokeNew) }
            throw error
        }
        logStep(
            .create, "succeeded",
            [("new_provider_id", state.newProviderID ?? ""), ("new_fingerprint", state.newFingerprint?.short ?? "")])
    }

    /// `distribute` with the secret on stdin; without the secret (a resume) the key cannot be
    /// distributed any more and is rolled back.
    private mutating func distribute() throws(RotationError) {
        guard let secret else {
            state.lastError = "the rotation stopped after create, before distribute; the secret was never stored and cannot be recovered"
            state.phase = .rollingBack
            try persist()
            logStep(.distribute, "skipped", [("reason", state.lastError ?? "")])
            return
        }
        if try !runSimple(.distribute, stdin: secret.bytes, then: .distributed) {
            state.phase = .rollingBack
            try persist()
        }
    }

    /// Revokes the new key (rollback); ends rolled back (scheduled) or failed (emergency).
    /// Returns false when the revocation failed (the rollback is retried on resume).
    private mutating func rollBack() throws(RotationError) -> Bool {
        let end: RotationPhase = state.kind == .scheduled ? .rolledBack : .failed
        guard state.newProviderID != nil else {
            state.warnings.append(orphanWarning(reason: "the new key's id is unknown, so it cannot be revoked"))
            state.phase = end
            try persist()
            return true
        }
        if state.newProviderID == state.oldProviderID {
            // Never: "the new key" is the old one, revoking it would leave no key at all.
            state.warnings.append("the new key's id is the old key's (\(state.oldProviderID ?? "")): it was not revoked")
            state.phase = end
            try persist()
            return true
        }
        let reason = state.lastError
        guard try runSimple(.revokeNew, then: end) else { return false }
        state.lastError = reason
        try persist()
        return true
    }

    /// Sets the inventory's fingerprint, provider id and last rotation time to the new key's.
    private mutating func recordInventory() throws(RotationError) -> Bool {
        try writeAhead(.recordInventory)
        guard let fingerprint = state.newFingerprint else {
            return try fail(.recordInventory, "the new key's fingerprint is unknown")
        }
        do {
            try engine.inventory.recordRotation(
                of: state.key, fingerprint: fingerprint, providerID: state.newProviderID, rotatedAt: engine.clock())
        } catch {
            return try fail(.recordInventory, error.description)
        }
        try succeed(.recordInventory, then: .recorded, [("fingerprint", fingerprint.short)])
        return true
    }

    /// Runs `notify` once at the end; its failure is a warning, never a change of outcome.
    private mutating func notify() throws(RotationError) {
        guard state.plan.notify != nil else {
            state.notified = true
            try persist()
            return
        }
        let result = try run(.notify)
        state.notified = true
        state.pending = nil
        if let failure = result.failure { state.warnings.append("notify failed: \(failure)") }
        try persist()
        logStep(.notify, result.succeeded ? "succeeded" : "failed", result.failure.map { [("error", $0)] } ?? [])
    }

    /// Whether any command after `create` needs the new key's provider id.
    private var needsNewProviderID: Bool {
        let plan = state.plan
        let users = [plan.distribute, plan.verify, plan.notify ?? []]
        let used = users.compactMap { try? Placeholders.used(in: $0) }.joined()
        let revokeNames = (try? Placeholders.used(in: plan.revoke)) ?? []
        return used.contains("new_provider_id") || revokeNames.contains("provider_id")
            || revokeNames.contains("old_provider_id")
    }

    /// The warning that a key may exist at the provider that nothing will revoke.
    func orphanWarning(reason: String) -> String {
        "\(reason): the provider may hold a new key for \"\(state.key)\" that no one uses; look for one created "
            + "on \(state.date) (rotation id \(state.rotationID)) and revoke it"
    }
}
