import HoundInventory
import HoundModel

extension RotationEngine {
    /// Starts the rotation the inventory asks for when a key has leaked: for each key named by
    /// `findings` (through their inventory match) whose `on_leak` is `rotate` or `emergency`,
    /// one rotation per key, however many findings name it. Keys with `on_leak = "report"`,
    /// unregistered findings and keys no longer active start nothing.
    ///
    /// The CLI calls this only for scans of committed content (`--diff`, `--since`, `--commits`,
    /// `--history`, sweeps) run with `--on-leak`: a key in the working tree, on stdin or caught
    /// by the pre-commit hook has not leaked (see the CLI's `LeakPolicyGate`).
    ///
    /// Each rotation's trigger names the first finding of its key (rule, commit, path) and
    /// `repository`. An `emergency` key whose rotation is under way is taken over.
    ///
    /// - Returns: The outcome of every rotation started (or refused), in the order the keys
    ///   first appear in `findings`.
    /// - Throws: `RotationError` only when the inventory cannot be read.
    public func applyLeakPolicies(
        _ findings: [Finding], repository: String? = nil, dryRun: Bool = false
    ) throws(RotationError) -> [RotationOutcome] {
        var seen: Set<String> = []
        var names: [String] = []
        var triggers: [String: RotationTrigger] = [:]
        for finding in findings {
            guard let name = finding.key?.name, seen.insert(name).inserted else { continue }
            names.append(name)
            triggers[name] = RotationTrigger(
                .leak, rule: finding.ruleID, repository: repository, commit: finding.location.commit?.id,
                path: finding.location.path)
        }
        guard !names.isEmpty else { return [] }
        let loaded = try inventory.load()
        var outcomes: [RotationOutcome] = []
        for name in names {
            guard let record = loaded.record(named: name), record.status == .active else { continue }
            let kind: RotationKind
            switch record.onLeak {
            case .report: continue
            case .rotate: kind = .scheduled
            case .emergency: kind = .emergency
            }
            outcomes.append(
                start(name, kind: kind, dryRun: dryRun, why: "it leaked", trigger: triggers[name] ?? RotationTrigger(.leak)))
        }
        return outcomes
    }
}
