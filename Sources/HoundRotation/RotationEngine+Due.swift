#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory
import HoundSupport

extension RotationEngine {
    /// Rotates every active key whose `last_rotated + rotation_frequency` is at or before `now`
    /// (scheduled rotations, triggered by `schedule`); with `dryRun`, returns each one's plan and
    /// runs nothing.
    ///
    /// Keys already being rotated are reported (as blocked when their rotation is), and so are
    /// keys with a frequency but no `last_rotated` (whether they are due is unknown: `keyhound
    /// inventory audit` lists them). A key that cannot be rotated does not stop the others: its
    /// error is its outcome. At most `max` rotations are started. A provider whose rotations
    /// keep failing transiently (`breakerThreshold` in a row: it is down or throttling) gets no
    /// further rotation in this batch: the rest of its keys are skipped, and one summary
    /// notification says so.
    ///
    /// - Throws: `RotationError` only when the inventory cannot be read.
    public func rotateDue(
        now: Date, dryRun: Bool = false, max: Int? = nil, breakerThreshold: Int = 3
    ) throws(RotationError) -> [RotationOutcome] {
        let loaded = try inventory.load()
        var outcomes: [RotationOutcome] = []
        var started = 0
        var breaker = CircuitBreaker(threshold: breakerThreshold)
        for record in loaded.records where record.status == .active && record.rotationFrequency != nil {
            if runner.stopRequested { break }
            guard let due = record.rotationDue else {
                outcomes.append(
                    RotationOutcome(
                        key: record.name, kind: .scheduled,
                        status: .skipped(reason: "it has a rotation_frequency but no last_rotated, so whether it is due is unknown")))
                continue
            }
            guard due <= now else { continue }
            let provider = providerName(of: record)
            if breaker.isOpen(provider) {
                outcomes.append(
                    RotationOutcome(
                        key: record.name, kind: .scheduled,
                        status: .skipped(reason: "provider \(provider) failed \(breakerThreshold) times in a row in this batch (circuit open)")))
                breaker.skipped(provider, key: record.name)
                continue
            }
            if let max, started >= max {
                outcomes.append(
                    RotationOutcome(key: record.name, kind: .scheduled, status: .skipped(reason: "--max \(max) rotations started already")))
                continue
            }
            let outcome = start(record.name, kind: .scheduled, dryRun: dryRun, why: "due since \(ISODate.format(due))",
                trigger: RotationTrigger(.schedule))
            if case .skipped = outcome.status {} else { started += 1 }
            breaker.record(provider, outcome: outcome)
            outcomes.append(outcome)
        }
        for summary in breaker.openCircuits { notifyCircuitOpen(summary) }
        return outcomes
    }

    /// The provider a key belongs to, for the circuit breaker: its rule's first segment (`aws`
    /// for `aws-access-key-id`), else the program of its `create` command.
    func providerName(of record: KeyRecord) -> String {
        if let rule = record.rule, let provider = rule.split(separator: "-").first { return String(provider) }
        return defaults.merged(for: record)?[.create]?.first ?? "unknown"
    }

    /// Starts a rotation and turns every error into the outcome (for batch callers). A key whose
    /// rotation is already under way and blocked is reported as blocked, not skipped.
    func start(
        _ name: String, kind: RotationKind, dryRun: Bool, why: String, trigger: RotationTrigger
    ) -> RotationOutcome {
        do {
            return try rotate(name: name, emergency: kind == .emergency, dryRun: dryRun, trigger: trigger)
        } catch {
            switch error {
            case .inProgress(_, let phase, _):
                if let state = try? store.read(name), let problem = state.lastError, !state.isFinished {
                    return RotationOutcome(
                        key: name, kind: state.kind, rotationID: state.rotationID,
                        status: .blocked(step: state.pending ?? .verify, reason: "\(why), but its rotation is stuck: \(problem)"),
                        phase: phase, oldProviderID: state.oldProviderID, newProviderID: state.newProviderID)
                }
                return RotationOutcome(key: name, kind: kind, status: .skipped(reason: "\(why), but \(error)"))
            case .busy:
                return RotationOutcome(key: name, kind: kind, status: .skipped(reason: "\(why), but \(error)"))
            default:
                return RotationOutcome(key: name, kind: kind, status: .failed(reason: error.description))
            }
        }
    }

    /// Runs the `notify` command of the last key that tripped the breaker, once, with
    /// `{outcome}` = `circuit-open` and the keys skipped in `{error}`; and audits it.
    func notifyCircuitOpen(_ summary: CircuitBreaker.Summary) {
        let text =
            "provider \(summary.provider) failed \(summary.failedKeys.count) rotations in a row "
            + "(\(summary.failedKeys.joined(separator: ", "))); skipped: \(summary.skippedKeys.joined(separator: ", "))"
        try? audit.append(
            AuditRecord(
                time: clock(), key: summary.failedKeys.last ?? "", rotation: "", event: .lifecycle(.circuitBreaker),
                outcome: .opened, actor: actor, trigger: RotationTrigger(.schedule), details: [("summary", text)]))
        guard let name = summary.failedKeys.last, let state = try? store.read(name), state.plan[.notify] != nil else { return }
        var run = RotationRun(engine: self, state: state)
        _ = try? store.withLock(name) { () throws(RotationError) in
            try run.notify(RotationRun.Notice(outcome: "circuit-open", error: text))
        }
    }
}

/// Counts consecutive transient failures per provider within one batch of rotations.
struct CircuitBreaker {
    /// Consecutive transient failures that open a provider's circuit.
    let threshold: Int
    /// Per provider: the keys whose rotations failed transiently in a row.
    private var failures: [String: [String]] = [:]
    /// Per provider: the keys skipped since its circuit opened.
    private var skips: [String: [String]] = [:]

    /// A breaker opening after `threshold` failures (at least 1).
    init(threshold: Int) { self.threshold = Swift.max(1, threshold) }

    /// What one open circuit cost.
    struct Summary {
        var provider: String
        var failedKeys: [String]
        var skippedKeys: [String]
    }

    /// Whether `provider`'s circuit is open.
    func isOpen(_ provider: String) -> Bool { (failures[provider]?.count ?? 0) >= threshold }

    /// Counts `outcome` for `provider`: a transient failure adds one, anything else resets.
    mutating func record(_ provider: String, outcome: RotationOutcome) {
        if outcome.transientFailures > 0, outcome.isFailure {
            failures[provider, default: []].append(outcome.key)
        } else if case .skipped = outcome.status {
        } else {
            failures[provider] = nil
        }
    }

    /// Notes a key skipped because `provider`'s circuit is open.
    mutating func skipped(_ provider: String, key: String) { skips[provider, default: []].append(key) }

    /// The circuits that opened, with the keys they cost (only those that skipped something).
    var openCircuits: [Summary] {
        failures.keys.sorted().filter { isOpen($0) && !(skips[$0] ?? []).isEmpty }.map {
            Summary(provider: $0, failedKeys: failures[$0] ?? [], skippedKeys: skips[$0] ?? [])
        }
    }
}
