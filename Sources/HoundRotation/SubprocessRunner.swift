import HoundSupport

/// Runs commands as child processes with `Subprocess` (`posix_spawn`, no shell).
public struct SubprocessRunner: CommandRunner {
    /// A runner.
    public init() {}

    /// Starts `command`; a relative program path (`./scripts/x`) is taken relative to the
    /// command's working directory.
    public func run(_ command: RotationCommand, stdin: [UInt8]?, timeout: Double) throws -> SubprocessResult {
        guard let program = command.argv.first else { throw SubprocessError.notFound("(empty command)") }
        var executable = program
        if program.contains("/"), !program.hasPrefix("/"), let folder = command.workingDirectory {
            executable = folder + "/" + program
        }
        let process = Subprocess(
            executable: executable, arguments: Array(command.argv.dropFirst()), environment: command.environment,
            workingDirectory: command.workingDirectory)
        return try process.run(stdin: stdin ?? [], timeout: timeout)
    }
}
