#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory
import HoundSupport

/// One rotation under way, as `keyhound rotate status` shows it.
public struct RotationStatus: Sendable {
    /// The persisted state.
    public var state: RotationState
    /// Whether a step failed and the rotation waits for a fix (`last_error` set).
    public var isBlocked: Bool
    /// How long past its grace period the old key is still not revoked, in seconds; nil when not.
    public var overdueSeconds: Double?
    /// Whether it needs a person: blocked, or the revocation is overdue.
    public var needsAttention: Bool { isBlocked || overdueSeconds != nil }
}

extension RotationEngine {
    /// Every rotation under way (not finished), sorted by key; a revocation is overdue when the
    /// old key is still valid `overdueAfter` seconds past the end of its grace period.
    public func status(now: Date, overdueAfter: TimeInterval = 86_400) throws(RotationError) -> [RotationStatus] {
        try rotations().filter { !$0.isFinished }.map { state in
            let blocked = state.lastError != nil && !state.phase.isTerminal
            var overdue: Double?
            if let until = state.revokeAfter, !state.oldKeyRevoked {
                let late = now.timeIntervalSince(until)
                if late > overdueAfter { overdue = late }
            }
            return RotationStatus(state: state, isBlocked: blocked, overdueSeconds: overdue)
        }
    }
}
