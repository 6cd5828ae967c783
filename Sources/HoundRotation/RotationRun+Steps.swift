#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundSupport

extension RotationRun {
    /// What a notification reports, beyond the state: the outcome word and the error.
    struct Notice {
        /// `done`, `blocked`, `rolled-back`, `failed`, `aborted`, `circuit-open`.
        var outcome: String
        /// The error that blocked or ended the rotation ("" when none).
        var error: String
    }

    /// The value of every placeholder that has one for `step` in `state` (`consumer`: the one a
    /// per-consumer step runs for; `notice`: for `notify`).
    static func values(
        for step: RotationStep, state: RotationState, consumer: String?, notice: Notice?
    ) -> [String: String] {
        var values: [Placeholder: String] = [
            .name: state.key, .date: state.date, .rotationID: state.rotationID, .kind: state.kind.rawValue,
            .owner: state.owner ?? "", .consumers: state.consumers.joined(separator: ","),
            .environment: state.environment ?? "", .trigger: state.trigger.kind.rawValue,
        ]
        values[.oldProviderID] = state.oldProviderID
        values[.newProviderID] = state.newProviderID
        values[.consumer] = consumer
        switch step {
        case .revokeOld:
            values[.providerID] = state.oldProviderID
        case .revokeNew:
            // `revoke` names the key it revokes; in a rollback that is the new key.
            values[.providerID] = state.newProviderID
            values[.oldProviderID] = state.newProviderID
        case .notify:
            // A notification is sent whatever happened: a missing id reads "none".
            values[.outcome] = notice?.outcome ?? state.phase.rawValue
            values[.error] = notice?.error ?? state.lastError ?? ""
            values[.oldProviderID] = state.oldProviderID ?? "none"
            values[.newProviderID] = state.newProviderID ?? "none"
        default:
            break
        }
        let available = step.definition.placeholders
        var result: [String: String] = [:]
        for (placeholder, value) in values where available.contains(placeholder) { result[placeholder.rawValue] = value }
        return result
    }

    /// The argv of `step` for `state`, placeholders filled.
    static func argv(
        for step: RotationStep, state: RotationState, consumer: String? = nil, notice: Notice? = nil
    ) throws(PlaceholderError) -> [String] {
        guard let template = state.plan.template(for: step) else { return [] }
        return try Placeholders.expand(template, values: values(for: step, state: state, consumer: consumer, notice: notice))
    }

    /// Records that `step` is about to run (write-ahead, with the consumer it runs for), then
    /// runs its command with retries on status 75; the started process is written ahead too.
    /// The pending mark stays until the caller records the result.
    ///
    /// - Throws: `RotationError` when the state cannot be written, or `.interrupted` when the
    ///   runner failed in a way that is not a step failure (the process is taken as dead, or
    ///   keyhound was asked to stop).
    mutating func run(
        _ step: RotationStep, consumer: String? = nil, stdin: [UInt8]? = nil, notice: Notice? = nil
    ) throws(RotationError) -> StepRun {
        try writeAhead(step, consumer: consumer)
        let argv: [String]
        do {
            argv = try Self.argv(for: step, state: state, consumer: consumer, notice: notice)
        } catch {
            return StepRun(result: nil, failure: error.description, mayHaveActed: false)
        }
        var environment = engine.environment
        // The organisation's keys are keyhound's secrets, not the commands'.
        environment["KEYHOUND_FINGERPRINT_KEY"] = nil
        environment["KEYHOUND_AUDIT_KEY"] = nil
        environment["KEYHOUND_ROTATION_KEY"] = state.key
        environment["KEYHOUND_ROTATION_ID"] = state.rotationID
        environment["KEYHOUND_ROTATION_STEP"] = step.rawValue
        environment["KEYHOUND_ROTATION_CONSUMER"] = consumer
        let command = RotationCommand(step: step, argv: argv, workingDirectory: engine.workingDirectory, environment: environment)
        var details = [("command", command.description), ("stdin", stdin == nil ? "empty" : "the new secret")]
        if let consumer { details.append(("consumer", consumer)) }
        logStep(step, .started, details)
        var attempt = 0
        while true {
            attempt += 1
            let result: SubprocessResult
            do {
                let ahead = state
                let timeout = state.plan.timeout
                result = try engine.runner.run(command, stdin: stdin, timeout: timeout) { start in
                    Self.recordStarted(StepProcess(start: start, started: Date(), timeout: timeout), ahead: ahead, engine: engine)
                }
            } catch let error as SubprocessError {
                return StepRun(result: nil, failure: "\(command.argv.first ?? ""): \(error)", mayHaveActed: false)
            } catch {
                throw .interrupted(key: state.key, step: step, reason: "\(error)")
            }
            if result.succeeded { return StepRun(result: result, failure: nil, mayHaveActed: false) }
            // A failing create may still have printed the new secret: mask it too.
            let printed = step == .create ? (try? CreateOutput(parsing: result.stdout))?.secret : nil
            let failure = describe(result, of: command, alsoMasking: printed)
            printed?.wipe()
            if result.timedOut || result.signal != nil {
                return StepRun(result: result, failure: failure, mayHaveActed: true)
            }
            guard result.status == RetryBackoff.transientStatus, attempt <= state.plan.retries else {
                return StepRun(result: result, failure: failure, transient: result.status == RetryBackoff.transientStatus)
            }
            let delay = engine.backoff.delay(after: attempt)
            logStep(step, .retrying, [("attempt", "\(attempt)"), ("error", failure), ("delay_seconds", "\(delay)")])
            engine.sleep(delay)
        }
    }

    /// Writes the started step's process into the write-ahead record (`ahead` is the state as
    /// persisted just before it started). When that cannot be written, the step is stopped at
    /// once: a process no later keyhound could find must not run.
    static func recordStarted(_ process: StepProcess, ahead: RotationState, engine: RotationEngine) {
        var record = ahead
        record.process = process
        do {
            try engine.store.write(record)
        } catch {
            ProcessProbe.stopGroup(of: process.start, grace: 0)
        }
    }

    /// Runs `step`; on success moves to `phase`, on failure records the error. Returns success.
    mutating func runSimple(
        _ step: RotationStep, consumer: String? = nil, stdin: [UInt8]? = nil, then phase: RotationPhase
    ) throws(RotationError) -> Bool {
        let run = try run(step, consumer: consumer, stdin: stdin)
        if let failure = run.failure { return try fail(step, failure, transient: run.transient) }
        try succeed(step, then: phase, consumer.map { [("consumer", $0)] } ?? [])
        return true
    }

    /// Marks `step` (for `consumer`) as about to run, and persists that before anything happens.
    mutating func writeAhead(_ step: RotationStep, consumer: String? = nil) throws(RotationError) {
        state.pending = step
        state.process = nil
        state.pendingConsumer = consumer
        state.attempts += 1
        try persist()
    }

    /// Records the success of `step`: the new phase, nothing pending, no error.
    mutating func succeed(_ step: RotationStep, then phase: RotationPhase, _ details: [(String, String)]) throws(RotationError) {
        state.phase = phase
        state.pending = nil
        state.attempts = 0
        state.lastError = nil
        try persist()
        logStep(step, .succeeded, details)
    }

    /// Records the failure of `step` (the phase does not change); returns false.
    mutating func fail(_ step: RotationStep, _ failure: String, transient: Bool = false) throws(RotationError) -> Bool {
        let consumer = state.pendingConsumer
        state.pending = nil
        state.lastError = failure
        if transient { transientFailures += 1 }
        try persist()
        var details = [("error", failure)]
        if let consumer { details.append(("consumer", consumer)) }
        logStep(step, .failed, details)
        return false
    }

    /// Writes the state (atomically), stamping the time.
    mutating func persist() throws(RotationError) {
        state.updated = engine.clock()
        try engine.store.write(state)
    }

    /// `verify exited with status 1: no such key`: what happened, and the last line of stderr,
    /// masked (``OutputMask``: the whole stderr is masked first, so a secret wrapped across its
    /// last lines is masked whole), at most 240 characters.
    func describe(_ result: SubprocessResult, of command: RotationCommand, alsoMasking extra: NewSecret? = nil) -> String {
        let program = command.argv.first ?? ""
        var text: String
        if result.timedOut {
            text = "\(program) timed out after \(Self.seconds(state.plan.timeout)) and was stopped"
        } else if let signal = result.signal {
            text = "\(program) was killed by signal \(signal)"
        } else {
            text = "\(program) exited with status \(result.status)"
            if result.status == RetryBackoff.transientStatus { text += " (transient, retried \(state.plan.retries) times)" }
        }
        let stderr = mask(also: extra).mask(result.stderrText)
        if let last = stderr.split(whereSeparator: \.isNewline).last {
            var message = String(last)
            if message.count > 240 { message = String(message.prefix(240)) + "…" }
            text += ": " + message
        }
        return text
    }

    /// The mask of step output now: the secret held (and `extra`), the old and new keys'
    /// fingerprints, and credential-shaped runs.
    func mask(also extra: NewSecret? = nil) -> OutputMask {
        OutputMask(
            secrets: [secret, extra].compactMap { $0?.bytes },
            fingerprints: [state.oldFingerprint, state.newFingerprint].compactMap { $0 },
            fingerprintKey: engine.inventory.fingerprintKey)
    }

    /// `30s`, `2m`.
    static func seconds(_ value: Double) -> String {
        value < 120 ? "\(Int(value.rounded(.up)))s" : "\(Int((value / 60).rounded(.up)))m"
    }

    /// Appends a step record to the audit log; a failure becomes a warning.
    mutating func logStep(_ step: RotationStep, _ outcome: AuditOutcome, _ details: [(String, String)]) {
        log(.step(step), outcome, details)
    }

    /// Appends a record to the audit log (details masked); a failure becomes a warning.
    mutating func log(_ event: AuditEvent, _ outcome: AuditOutcome, _ details: [(String, String)]) {
        let mask = self.mask()
        let scrubbed = details.map { ($0.0, mask.maskKnown($0.1)) }
        let record = AuditRecord(
            time: engine.clock(), key: state.key, rotation: state.rotationID, event: event, outcome: outcome,
            actor: engine.actor, trigger: state.trigger, details: scrubbed)
        do {
            try engine.audit.append(record)
        } catch {
            auditWarnings.append("audit log: \(error)")
        }
    }
}
