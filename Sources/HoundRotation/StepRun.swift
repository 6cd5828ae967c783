import HoundSupport

/// How one step's command went, after its retries.
struct StepRun {
    /// The last attempt's result, nil when the command could not be started or expanded.
    var result: SubprocessResult?
    /// Why it failed, nil on success (never containing the secret).
    var failure: String?
    /// Whether the command may have done something despite failing (it timed out or was killed).
    var mayHaveActed: Bool = false
    /// Whether it kept failing transiently (exit 75 after every retry): the provider is down or
    /// throttling, which a batch's circuit breaker counts.
    var transient: Bool = false

    /// Whether the command exited 0 in time.
    var succeeded: Bool { failure == nil }
}
