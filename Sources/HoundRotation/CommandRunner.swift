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
