#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import HoundSupport

/// Runs the commands of a rotation. ``SubprocessRunner`` starts real processes; tests substitute
/// fakes that fail, hang or "crash" on chosen steps.
///
/// Error contract: a `SubprocessError` (program not found, cannot start...) is a failure of the
/// step, handled like a non-zero exit. Any other error is taken as the death of the process
/// running the rotation: the engine stops at once, writes nothing more, and leaves the
/// write-ahead record in place for `resume()`, exactly as after a `kill -9`.
public protocol CommandRunner: Sendable {
    /// Runs `command` to completion, feeding it `stdin` (nil: an empty stdin), stopping it
    /// (with its process group) after `timeout` seconds. `started` is called with the child's
    /// record as soon as it exists, before anything is fed or read, so the engine can write it
    /// ahead; fakes that start no process do not call it.
    func run(
        _ command: RotationCommand, stdin: [UInt8]?, timeout: Double, started: (ProcessStart) -> Void
    ) throws -> SubprocessResult

    /// Whether the process was asked to stop (SIGTERM, SIGINT, SIGHUP): no further step starts.
    var stopRequested: Bool { get }
}

extension CommandRunner {
    /// No stop requests unless the runner says otherwise.
    public var stopRequested: Bool { false }
}

/// Thrown by a runner when keyhound was asked to stop while (or before) a step ran: the step's
/// process group was stopped; the engine stops like a crash, leaving the write-ahead record.
public struct StopRequested: Error, Sendable, CustomStringConvertible {
    /// The signal received.
    public var signal: Int32

    /// A request from the signal received.
    public init(signal: Int32) { self.signal = signal }

    /// `keyhound received SIGTERM`.
    public var description: String {
        let names: [Int32: String] = [SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"]
        return "keyhound received \(names[signal] ?? "signal \(signal)"); the step's process group was stopped"
    }
}
