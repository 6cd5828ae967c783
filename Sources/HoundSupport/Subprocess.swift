#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started with `posix_spawn`, fed and drained through pipes.
///
/// Not Foundation's `Process`: its `waitUntilExit()` polls every 50 ms on Linux, which alone
/// would spend the pre-commit hook's budget. Here one `poll()` loop feeds standard input while
/// draining standard output and standard error, so a child that writes megabytes while we
/// write megabytes to it never deadlocks on a full 64 KiB pipe; the child is reaped with
/// `waitpid` only after its pipes are drained.
///
/// ```swift
/// let git = Subprocess(executable: "git", arguments: ["rev-parse", "--show-toplevel"])
/// let result = try git.run()
/// ```
///
/// The child's standard input is an empty pipe (end of input at once) unless bytes are given; its signal mask and
/// dispositions are reset; file descriptors other than 0, 1 and 2 are closed in the child.
/// With a timeout (or ``ownsProcessGroup``) the child gets its own process group, and on expiry
/// the whole group receives `SIGTERM`, then `SIGKILL` after ``killGrace`` seconds. A
/// ``stopDescriptor`` that becomes readable (a signal handler's self-pipe, see
/// ``TerminationSignal``) stops the child's group the same way.
public struct Subprocess: Sendable {
    /// A name looked up in `PATH`, or a path (anything containing `/`).
    public var executable: String
    /// Arguments after the program name.
    public var arguments: [String]
    /// The child's whole environment; nil inherits ours.
    public var environment: [String: String]?
    /// The child's working directory; nil inherits ours.
    public var workingDirectory: String?
    /// Seconds between `SIGTERM` and `SIGKILL` when a timeout expires.
    public var killGrace: Double = 1.0
    /// Most bytes of standard error kept by streaming runs (the rest is drained and dropped).
    public var stderrLimit: Int = 1 << 20
    /// Whether the child leads its own process group even without a timeout, so that it and its
    /// own children can be stopped together.
    public var ownsProcessGroup = false
    /// A descriptor whose readability means "stop the child now" (its group is terminated and
    /// reaped, and the run returns); nil for none.
    public var stopDescriptor: Int32?
    /// Seconds the child may stay blocked opening a named pipe (FIFO) with no writer before it
    /// is stopped and ``SubprocessError/blockedOnFIFO(_:seconds:)`` thrown (checked twice a
    /// second through `/proc` on Linux; nil never checks). For children that read files a hostile
    /// repository names (git), where such an open would hang the run for ever.
    public var fifoStallLimit: Double?

    /// What a streaming consumer wants after a chunk of standard output.
    public enum StreamControl: Sendable {
        /// Keep reading.
        case proceed
        /// Stop: close the pipes, terminate the child and reap it.
        case stop
    }

    /// A child process to start, described by its program, arguments, environment and folder.
    public init(
        executable: String, arguments: [String], environment: [String: String]? = nil,
        workingDirectory: String? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// This process's environment, as a child given no environment would inherit it.
    public static func inheritedEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    /// Runs the child to completion, feeding it `stdin` (nil: an empty pipe) and collecting both
    /// outputs; a child still running after `timeout` seconds is killed (`timedOut` is set).
    /// `onStart` is called with the child's process id as soon as it exists, before anything is
    /// fed or read (to record it, for instance).
    public func run(
        stdin: [UInt8]? = nil, timeout: Double? = nil, onStart: ((Int32) -> Void)? = nil
    ) throws(SubprocessError) -> SubprocessResult {
        var output: [UInt8] = []
        var result = try execute(stdin: stdin, timeout: timeout, stderrLimit: Int.max, onStart: onStart) { chunk in
            output.append(contentsOf: chunk)
            return .proceed
        }
        result.stdout = output
        return result
    }

    /// Runs the child, handing standard output to `onStdout` chunk by chunk as it arrives
    /// (the buffer is only valid during the call); the result's `stdout` is empty.
    public func stream(
        stdin: [UInt8]? = nil, timeout: Double? = nil, onStdout: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(SubprocessError) -> SubprocessResult {
        try execute(stdin: stdin, timeout: timeout, stderrLimit: stderrLimit) { chunk in
            onStdout(chunk)
            return .proceed
        }
    }

    /// Like ``stream(stdin:timeout:onStdout:)``, but `onChunk` may answer `.stop` to end the
    /// child early (it is terminated and reaped; its status then reports the signal).
    public func streamChunks(
        stdin: [UInt8]? = nil, timeout: Double? = nil, onChunk: (UnsafeBufferPointer<UInt8>) -> StreamControl
    ) throws(SubprocessError) -> SubprocessResult {
        try execute(stdin: stdin, timeout: timeout, stderrLimit: stderrLimit, onStdout: onChunk)
    }

    /// Like ``streamChunks(stdin:timeout:onChunk:)``, but the child's standard input is `input`,
    /// which another thread feeds while this one drains the output (the pipe is consumed: use a
    /// new one per child).
    public func streamChunks(
        input: InputPipe, timeout: Double? = nil, onChunk: (UnsafeBufferPointer<UInt8>) -> StreamControl
    ) throws(SubprocessError) -> SubprocessResult {
        try execute(stdin: nil, input: input, timeout: timeout, stderrLimit: stderrLimit, onStdout: onChunk)
    }

    /// The command line for messages: the program and its arguments, space-separated.
    public var commandLine: String { ([executable] + arguments).joined(separator: " ") }
}
