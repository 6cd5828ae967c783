/// One command as the engine is about to run it: placeholders expanded, no secret in it.
public struct RotationCommand: Sendable, Hashable, CustomStringConvertible {
    /// The step it belongs to.
    public var step: RotationStep
    /// The program (looked up in `PATH`, or a path) and its arguments.
    public var argv: [String]
    /// The folder it runs in: the inventory's folder, so `./scripts/x` is relative to it.
    public var workingDirectory: String?
    /// Its whole environment.
    public var environment: [String: String]

    /// A command from its parts.
    public init(step: RotationStep, argv: [String], workingDirectory: String?, environment: [String: String]) {
        self.step = step
        self.argv = argv
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// The argv, space-separated, for messages and the audit log.
    public var description: String { argv.joined(separator: " ") }
}
