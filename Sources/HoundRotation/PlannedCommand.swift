/// One command of a dry run: the step, its argv with placeholders filled, and what its stdin carries.
public struct PlannedCommand: Sendable, Equatable, CustomStringConvertible {
    /// The step.
    public var step: RotationStep
    /// The argv; values not known before the run are shown as `<new_provider_id>`, `<rotation_id>`.
    public var argv: [String]
    /// What stdin carries: `the new secret` or `nothing`.
    public var stdin: String
    /// When it runs, if not immediately (`after the grace period (24h)`).
    public var note: String?
    /// Why it could not run (`./scripts/x: not found`), nil when its program exists and is executable.
    public var problem: String?

    /// `distribute: ./put-secret payment-gateway-prod  (stdin: the new secret)`.
    public var description: String {
        let command = step == .recordInventory ? "(update the inventory)" : argv.joined(separator: " ")
        var text = "\(step.rawValue): \(command)"
        if stdin != "nothing" { text += "  (stdin: \(stdin))" }
        if let note { text += "  [\(note)]" }
        if let problem { text += "\n    PROBLEM: \(problem)" }
        return text
    }
}
