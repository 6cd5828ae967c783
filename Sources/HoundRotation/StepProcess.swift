#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundSupport

/// The process of a step that is running, as the write-ahead record holds it: its id and start
/// time (so a later keyhound can tell whether that very process still runs), when it started
/// and how long it may run. It leads its own process group, so it can be stopped with its
/// children.
public struct StepProcess: Sendable, Equatable {
    /// Process id, start time (clock ticks since boot) and boot id.
    public var start: ProcessStart
    /// When it was started (wall clock).
    public var started: Date
    /// Seconds it may run before it is stopped.
    public var timeout: Double

    /// A record from its parts.
    public init(start: ProcessStart, started: Date, timeout: Double) {
        self.start = start
        self.started = started
        self.timeout = timeout
    }

    /// When its time is up (wall clock).
    public var deadline: Date { started.addingTimeInterval(timeout) }
}
