import HoundSupport

/// Runs commands as child processes with `Subprocess` (`posix_spawn`, no shell), each leading its
/// own process group so that a timeout, a stop request or a later `--resume` stops the step with
/// every process it started.
public struct SubprocessRunner: CommandRunner {
    /// A runner.
    public init() {}

    /// Whether a termination signal arrived (see `TerminationSignal`).
    public var stopRequested: Bool { TerminationSignal.received != nil }

    /// Starts `command`; a relative program path (`./scripts/x`) is taken relative to the
    /// command's working directory.
    ///
    /// - Throws: `SubprocessError` when it cannot start; ``StopRequested`` when keyhound was
    ///   asked to stop before or while it ran (the step's group is stopped first).
    public func run(
        _ command: RotationCommand, stdin: [UInt8]?, timeout: Double, started: (ProcessStart) -> Void
    ) throws -> SubprocessResult {
        if let signal = TerminationSignal.received { throw StopRequested(signal: signal) }
        guard let program = command.argv.first else { throw SubprocessError.notFound("(empty command)") }
        var process = Subprocess(
            executable: Self.executable(program, in: command.workingDirectory), arguments: Array(command.argv.dropFirst()),
            environment: command.environment, workingDirectory: command.workingDirectory)
        process.ownsProcessGroup = true
        process.stopDescriptor = TerminationSignal.descriptor
        let result = try withoutActuallyEscaping(started) { started in
            try process.run(stdin: stdin ?? [], timeout: timeout) { pid in
                if let start = ProcessProbe.start(of: pid) { started(start) }
            }
        }
        if let signal = TerminationSignal.received { throw StopRequested(signal: signal) }
        return result
    }

    /// The path to run for `program`: relative to `folder` when it holds a `/` but is not absolute.
    static func executable(_ program: String, in folder: String?) -> String {
        guard program.contains("/"), !program.hasPrefix("/"), let folder else { return program }
        return folder + "/" + program
    }
}
