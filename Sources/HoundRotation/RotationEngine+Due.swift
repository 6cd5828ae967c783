import Foundation
import HoundSupport

extension RotationEngine {
    /// Rotates every active key whose `last_rotated + rotation_frequency` is at or before `now`
    /// (scheduled rotations); with `dryRun`, returns each one's plan and runs nothing.
    ///
    /// Keys already being rotated are skipped, and so are keys with a frequency but no
    /// `last_rotated` (whether they are due is unknown: `keyhound inventory audit` lists them).
    /// A key that cannot be rotated does not stop the others: its error is its outcome.
    ///
    /// - Throws: `RotationError` only when the inventory cannot be read.
    public func rotateDue(now: Date, dryRun: Bool = false) throws(RotationError) -> [RotationOutcome] {
        let loaded = try inventory.load()
        var outcomes: [RotationOutcome] = []
        for record in loaded.records where record.status == .active && record.rotationFrequency != nil {
            if runner.stopRequested { break }
            guard let due = record.rotationDue else {
                outcomes.append(
                    RotationOutcome(
                        key: record.name, kind: .scheduled,
                        status: .skipped(reason: "it has a rotation_frequency but no last_rotated, so whether it is due is unknown")))
                continue
            }
            guard due <= now else { continue }
            outcomes.append(start(record.name, kind: .scheduled, dryRun: dryRun, why: "due since \(ISODate.format(due))"))
        }
        return outcomes
    }

    /// Starts a rotation and turns every error into the outcome (for batch callers).
    func start(_ name: String, kind: RotationKind, dryRun: Bool, why: String) -> RotationOutcome {
        do {
            return try rotate(name: name, emergency: kind == .emergency, dryRun: dryRun)
        } catch {
            switch error {
            case .inProgress, .busy:
                return RotationOutcome(key: name, kind: kind, status: .skipped(reason: "\(why), but \(error)"))
            default:
                return RotationOutcome(key: name, kind: kind, status: .failed(reason: error.description))
            }
        }
    }
}
