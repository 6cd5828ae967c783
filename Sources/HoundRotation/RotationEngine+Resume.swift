#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension RotationEngine {
    /// Continues every unfinished rotation in the state directory: those interrupted by a crash,
    /// those blocked by a failing step, and those whose grace period has elapsed (what a
    /// scheduled CI job runs). Rotations still in their grace period are reported as waiting.
    /// Each one's commands are read again from the inventory first (a fix is picked up, and
    /// audited).
    ///
    /// Never throws: a rotation that cannot be continued (unreadable state file, a state from
    /// another keyhound version, a lock held by another process) is reported in its outcome.
    public func resume() -> [RotationOutcome] {
        var outcomes: [RotationOutcome] = []
        for path in store.statePaths() {
            // Asked to stop (SIGTERM...): no further rotation starts a step.
            if runner.stopRequested { break }
            let state: RotationState
            do {
                guard let read = try store.read(path: path) else { continue }
                state = read
            } catch {
                let name = String(path.split(separator: "/").last ?? "").replacing(".json", with: "")
                outcomes.append(RotationOutcome(key: name, kind: .scheduled, status: .failed(reason: error.description)))
                continue
            }
            guard !state.isFinished else { continue }
            outcomes.append(resume(key: state.key, kind: state.kind))
        }
        return outcomes
    }

    /// Continues the rotation of `key`, under its lock.
    func resume(key: String, kind: RotationKind) -> RotationOutcome {
        do {
            return try store.withLock(key) { () throws(RotationError) -> RotationOutcome in
                guard let state = try store.read(key), !state.isFinished else {
                    return RotationOutcome(key: key, kind: kind, status: .skipped(reason: "finished meanwhile"))
                }
                var run = RotationRun(engine: self, state: state)
                run.refreshCommands()
                return try run.drive()
            }
        } catch {
            if case .busy = error {
                return RotationOutcome(key: key, kind: kind, status: .skipped(reason: error.description))
            }
            return RotationOutcome(key: key, kind: kind, status: .failed(reason: error.description))
        }
    }

    /// The persisted state of every rotation, finished or not, sorted by key (for a status view).
    public func rotations() throws(RotationError) -> [RotationState] {
        var states: [RotationState] = []
        for path in store.statePaths() {
            if let state = try store.read(path: path) { states.append(state) }
        }
        return states.sorted { $0.key < $1.key }
    }
}
