import HoundSupport

/// What every command gets: its arguments, the environment, the console.
struct CommandContext {
    var arguments: ParsedArguments
    var environment: [String: String]
    var console: Console
    var workingDirectory: String
}

/// One `keyhound` command (or sub-command).
protocol Command: Sendable {
    /// Name, usage, options and help text.
    static var spec: CommandSpec { get }
    /// Runs the command; thrown `CLIError`s carry their exit status.
    static func run(_ context: CommandContext) throws -> ExitStatus
}
