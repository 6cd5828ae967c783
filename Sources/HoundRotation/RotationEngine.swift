#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundInventory
import HoundModel
import HoundSupport

/// HoundRotation: rotates the keys of the inventory through a resumable, audited state machine.
///
/// A rotation runs the argv commands of the key's `[keys.rotation]` table (merged with
/// ``RotationDefaults``), never through a shell, each step one described by its
/// ``StepDefinition``. The new secret travels from `create`'s stdout to the stdin of
/// `distribute` and `verify` in memory only: never on a command line, in an environment
/// variable, on disk or in a log; what steps print is masked (``OutputMask``). What is persisted
/// per key (``RotationState``, in the state directory) holds ids, fingerprints, times and
/// progress, and names the step about to run, and then its process, before it runs
/// (write-ahead), so a process killed at any point is resumed to a consistent end by
/// ``resume()``, which first waits for (or stops) a step an earlier process left running:
///
/// - before the new key is in use: roll back (revoke the new key, after `rollback` restored
///   what consumers read where needed); the old key stays valid. A rotation interrupted during
///   `distribute` first runs `verify` to learn whether distribution completed;
/// - once the new key is in use: only forward; a failing step is retried by the next
///   `resume()` while both keys stay valid.
///
/// The grace period is recorded, not slept: the old key is revoked by the first `resume()` after
/// it (what a scheduled CI job runs). An emergency (``rotate(name:emergency:dryRun:trigger:)``)
/// revokes the old key first and takes over a rotation of the key under way; ``abort(name:)``
/// rolls one back while the old key is valid. Every step is appended to a hash-chained
/// ``AuditLog`` whose head is kept apart. Two rotations of one key exclude each other with a
/// lock; different keys run independently.
///
/// ```swift
/// let engine = RotationEngine(inventoryPath: "keys.toml", environment: ProcessInfo.processInfo.environment)
/// print(try engine.rotate(name: "payment-gateway-prod"))
/// for outcome in engine.resume() { print(outcome) }
/// ```
public struct RotationEngine: Sendable {
    /// The inventory file.
    public let inventoryPath: String
    /// Where per-key state files live.
    public let stateDirectory: String
    /// The audit log file.
    public let auditLogPath: String
    /// Settings shared by many keys, from the configuration.
    public let defaults: RotationDefaults
    /// Runs the commands.
    public let runner: any CommandRunner
    /// The current time (injected so tests can jump past a grace period).
    public let clock: @Sendable () -> Date
    /// The environment commands inherit, and where the audit actor is read from.
    public let environment: [String: String]
    /// Who runs the rotations, as written to the audit log.
    public let actor: String
    /// Delays between attempts of a command that exited with a transient status.
    public var backoff: RetryBackoff
    /// How the engine waits between attempts (injected so tests do not sleep).
    public var sleep: @Sendable (Double) -> Void

    /// The folder commands run in: the inventory's (absolute).
    let workingDirectory: String
    /// Reads the inventory and records finished rotations in it.
    let inventory: InventoryAccess
    /// The per-key state files and their locks.
    let store: RotationStateStore
    /// The hash-chained log every step is appended to.
    let audit: AuditLog

    /// An engine for the inventory at `inventoryPath`.
    ///
    /// - Parameters:
    ///   - stateDirectory: Default `.keyhound/rotation` beside the inventory.
    ///   - auditLogPath: Default `.keyhound/rotation-audit.jsonl` beside the inventory.
    ///   - environment: The environment of the commands (pass the process's), also the source
    ///     of the audit actor (`KEYHOUND_ACTOR`, CI variables, `USER`).
    ///   - fingerprintKey: The organisation key: new fingerprints are `hmac-sha256:` under it.
    ///   - auditKey: `KEYHOUND_AUDIT_KEY`: audit records (and the head) are chained with
    ///     HMAC-SHA-256 under it.
    public init(
        inventoryPath: String, stateDirectory: String? = nil, auditLogPath: String? = nil,
        defaults: RotationDefaults = RotationDefaults(), runner: any CommandRunner = SubprocessRunner(),
        clock: @escaping @Sendable () -> Date = { Date() }, environment: [String: String] = [:],
        fingerprintKey: [UInt8]? = nil, auditKey: [UInt8]? = nil, backoff: RetryBackoff = RetryBackoff(),
        sleep: @escaping @Sendable (Double) -> Void = { seconds in
            if seconds > 0 { usleep(UInt32(min(seconds, 3600) * 1_000_000)) }
        }
    ) {
        let absolute = inventoryPath.hasPrefix("/") ? inventoryPath : FileManager.default.currentDirectoryPath + "/" + inventoryPath
        let folder = absolute.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        self.inventoryPath = inventoryPath
        self.workingDirectory = folder.isEmpty ? "/" : folder
        self.stateDirectory = stateDirectory ?? workingDirectory + "/.keyhound/rotation"
        self.auditLogPath = auditLogPath ?? workingDirectory + "/.keyhound/rotation-audit.jsonl"
        self.defaults = defaults
        self.runner = runner
        self.clock = clock
        self.environment = environment
        self.actor = AuditActor.from(environment)
        self.backoff = backoff
        self.sleep = sleep
        self.inventory = InventoryAccess(path: inventoryPath, fingerprintKey: fingerprintKey)
        self.store = RotationStateStore(directory: self.stateDirectory)
        self.audit = AuditLog(
            path: self.auditLogPath, headPath: self.stateDirectory + "/" + AuditHead.fileName, key: auditKey)
    }

    /// The audit log's head file (in the state directory).
    public var auditHeadPath: String { stateDirectory + "/" + AuditHead.fileName }

    /// Rotates the key `name` now: scheduled (old key revoked after verification and grace) or
    /// emergency (leaked key revoked first; a rotation of the key under way is taken over). With
    /// `dryRun`, returns the plan and runs nothing (checking each command's program exists and is
    /// executable).
    ///
    /// - Throws: `RotationError` when the rotation cannot start (unknown key, no or invalid
    ///   commands, already under way, locked, unwritable state or audit log) or the runner
    ///   stopped it like a crash. Failing steps are reported in the outcome, not thrown.
    public func rotate(
        name: String, emergency: Bool = false, dryRun: Bool = false, trigger: RotationTrigger? = nil
    ) throws(RotationError) -> RotationOutcome {
        let kind: RotationKind = emergency ? .emergency : .scheduled
        let loaded = try inventory.load()
        guard let record = loaded.record(named: name) else {
            // A record skipped as invalid: say why, with its position.
            if let problem = loaded.problems.first(where: { $0.keyName == name }) { throw .inventory(problem.description) }
            throw .unknownKey(name, suggestion: EditDistance.suggestion(for: name, among: loaded.records.map(\.name)))
        }
        guard record.status != .revoked else { throw .notActive(key: name, status: record.status.rawValue) }
        let commands = try self.commands(for: record, kind: kind)
        if dryRun {
            return RotationOutcome(
                key: name, kind: kind, status: .planned(plan(record: record, commands: commands, kind: kind)),
                oldProviderID: record.providerID)
        }
        let trigger = trigger ?? RotationTrigger(emergency ? .emergency : .manual)
        return try store.withLock(name) { () throws(RotationError) -> RotationOutcome in
            if let existing = try store.read(name), !existing.isFinished {
                guard emergency else {
                    let detail =
                        existing.pending.map { "interrupted during \($0.rawValue)" } ?? existing.lastError.map { "last error: \($0)" } ?? ""
                    throw .inProgress(key: name, phase: existing.phase, detail: detail)
                }
                return try takeOver(existing, trigger: trigger)
            }
            let now = clock()
            let state = RotationState(
                key: name, rotationID: Self.newRotationID(at: now), kind: kind, started: now, date: ISODate.formatDay(now),
                trigger: trigger, owner: record.owner, consumers: record.consumers, environment: record.environment,
                oldProviderID: record.providerID, oldFingerprint: record.fingerprint, oldCreated: record.lastRotated,
                plan: commands)
            do {
                try audit.append(
                    AuditRecord(
                        time: now, key: name, rotation: state.rotationID, event: .lifecycle(.start), outcome: .started,
                        actor: actor, trigger: trigger,
                        details: [("kind", kind.rawValue), ("old_provider_id", record.providerID ?? "")]))
            } catch {
                throw .audit("\(error)")
            }
            try store.write(state)
            var run = RotationRun(engine: self, state: state)
            return try run.drive()
        }
    }

    /// A fresh rotation id: the UTC day and 8 random hex digits (`20261001-3fa9c2d1`).
    static func newRotationID(at date: Date) -> String {
        let day = ISODate.formatDay(date).replacing("-", with: "")
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return day + "-" + String(repeating: "0", count: 8 - random.count) + random
    }
}
