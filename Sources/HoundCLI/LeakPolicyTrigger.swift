import HoundInventory
import HoundModel

/// `scan --on-leak`: applies each matched inventory key's `on_leak` policy.
enum LeakPolicyTrigger {
    static func apply(_ findings: [Finding], inventory: Inventory, context: CommandContext) throws -> [String] {
        throw CLIError(message: "--on-leak is not wired to rotation yet", status: .incomplete)
    }
}
