import HoundSupport

/// Runs the commands of a rotation. ``SubprocessRunner`` starts real processes; tests substitute
/// fakes that fail, hang or "crash" on chosen steps.
///
/// Error contract: a `SubprocessError` (program not found, cannot start...) is a failure of the
/// step, handled like a non-zero exit. Any other error is taken as the death of the process
/// running the rotation: the engine stops at once, writes nothing more, and leaves the
/// write-ahead record in place for `resume()`, exactly as after a `kill -9`.
public protocol CommandRunner: Sendable {
    /// Runs `command` to completion, feeding it `stdin` (nil: an empty stdin), killing it after
    /// `timeout` seconds.
    func run(_ command: RotationCommand, stdin: [UInt8]?, timeout: Double) throws -> SubprocessResult
}

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
