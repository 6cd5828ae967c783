import HoundInventory
import HoundModel
import HoundRotation

/// `scan --on-leak`: for findings in committed content (see `LeakPolicyGate`), applies each matched inventory key's `on_leak` policy (report, rotate, emergency),
/// once per key per run, and says what was started.
enum LeakPolicyTrigger {
    static func apply(
        _ findings: [Finding], inventory: any KeyLookup, repository: String?, context: CommandContext
    ) throws -> [String] {
        let engine = try RotateCommand.engine(context)
        let outcomes: [RotationOutcome]
        do {
            outcomes = try engine.applyLeakPolicies(findings, repository: repository)
        } catch {
            throw CLIError(message: "--on-leak: \(error)", status: .incomplete)
        }
        if outcomes.isEmpty { return ["keyhound: --on-leak: no matched key has a rotate or emergency policy"] }
        return outcomes.map { "keyhound: --on-leak: \($0)" }
    }
}
