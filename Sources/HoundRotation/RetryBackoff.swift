/// How long to wait before attempt `n + 1` of a command that exited with status 75
/// (`EX_TEMPFAIL`, "try again later"): `initial × 2^(n-1)` seconds, at most `limit`.
///
/// Only status 75 is transient. Any other non-zero status, a timeout, or a program that cannot
/// be started fails the step at once: a timed-out command may still be working on the
/// provider's side, and running it again could, for instance, create a second key.
public struct RetryBackoff: Sendable, Equatable {
    /// The first delay, in seconds.
    public var initial: Double
    /// The longest delay, in seconds.
    public var limit: Double

    /// The exit status that means "transient failure, try again".
    public static let transientStatus: Int32 = 75

    /// A backoff from its parts (defaults: 1 s doubling up to 30 s).
    public init(initial: Double = 1, limit: Double = 30) {
        self.initial = initial
        self.limit = limit
    }

    /// The delay after failed attempt `attempt` (1-based).
    public func delay(after attempt: Int) -> Double {
        var delay = initial
        for _ in 1..<max(1, attempt) {
            delay *= 2
            if delay >= limit { break }
        }
        return min(delay, limit)
    }
}
