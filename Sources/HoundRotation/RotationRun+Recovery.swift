#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundSupport

extension RotationRun {
    /// Makes sure the process of the interrupted step (recorded in the write-ahead state) no
    /// longer runs before anything is decided: a step that outlived the keyhound that started it
    /// could otherwise finish *after* this run rolled its work back (and, say, store a key that
    /// was just revoked). A step still running is waited for until its deadline, then its process
    /// group is stopped; the stragglers of a finished one are stopped too. A step recorded in
    /// another boot or on another machine cannot be seen: a warning says so.
    mutating func settleStepProcess() throws(RotationError) {
        guard let process = state.process else { return }
        let step = state.pending?.rawValue ?? "step"
        let pid = "\(process.start.pid)"
        switch ProcessProbe.liveness(of: process.start) {
        case .running:
            let remaining = max(0, process.deadline.timeIntervalSinceNow)
            log(
                .lifecycle(.resume), .waiting,
                [("step", step), ("pid", pid), ("until", ISODate.format(process.deadline))])
            let finished = ProcessProbe.wait(seconds: remaining) { ProcessProbe.liveness(of: process.start) != .running }
            let stopped = ProcessProbe.stopGroup(of: process.start)
            log(
                .lifecycle(.resume), finished ? .stepFinished : .stepStopped,
                [("step", step), ("pid", pid), ("group_stopped", stopped ? "yes" : "no")])
            if !stopped {
                throw .interrupted(
                    key: state.key, step: state.pending ?? .create,
                    reason: "the \(step) started by an earlier keyhound (process group \(pid)) could not be stopped; "
                        + "stop it, then run `keyhound rotate --resume` again")
            }
        case .finished:
            ProcessProbe.stopGroup(of: process.start)
        case .elsewhere:
            state.warnings.append(
                "the interrupted \(step) ran in another boot or on another machine (process \(pid)); "
                    + "if that machine still runs it, stop it: this run went on without waiting for it")
        }
        state.process = nil
        try persist()
    }

    /// Continues a rotation whose process died while `step` was pending: the step may or may
    /// not have happened, and the secret, held in memory only, is gone.
    ///
    /// - `create`: whether the provider made a key is unknown, and its id was never read. Nothing
    ///   can be revoked by id: the rotation ends (rolled back, or failed in an emergency) with a
    ///   warning naming the rotation id, so a person can look for the orphan.
    /// - `distribute` (or the `verify` that checks it): run `verify` with an empty stdin. If the
    ///   store already holds the new key, distribution completed and the rotation goes forward;
    ///   otherwise the new key is revoked (rollback) and the old key stays in use. In a
    ///   per-consumer rollout the consumer it ran for counts as switched and the rollout is
    ///   rolled back (the rest of it would need the secret).
    /// - any other step: it is idempotent, or checked by the provider, and simply runs again.
    mutating func recover(interrupted step: RotationStep) throws(RotationError) {
        log(.lifecycle(.resume), .interrupted, [("pending", step.rawValue), ("phase", state.phase.rawValue)])
        let consumer = state.pendingConsumer
        switch step {
        case .create:
            state.pending = nil
            state.lastError = "the process stopped while create was running, before its output was read"
            state.warnings.append(orphanWarning(reason: "create was interrupted"))
            endWithoutNewKey()
            try persist()
        case .distribute, .verify where state.phase == .created:
            state.pending = nil
            if let consumer {
                if !(state.progress[.distribute] ?? []).contains(consumer) { state.progress[.distribute, default: []].append(consumer) }
                state.lastError = "the process stopped during the rollout (at consumer \(consumer)), so it cannot go on: " + Self.secretLost
                state.phase = .rollingBack
                try persist()
                return
            }
            startGracePeriod()
            // Verified: distribution had completed, and the rotation goes on as if never stopped.
            if try runSimple(.verify, then: .verified) { return }
            state.lastError =
                "the process stopped during distribute and verify does not confirm the new key is in place: " + Self.secretLost
            state.phase = .rollingBack
            try persist()
        default:
            // Runs again from the same phase.
            state.pending = nil
            try persist()
        }
    }
}
