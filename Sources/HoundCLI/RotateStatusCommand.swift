#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory
import HoundJSON
import HoundRotation
import HoundSupport

/// `keyhound rotate status`: every rotation under way, and whether one needs a person.
enum RotateStatusCommand: Command {
    static let spec = CommandSpec(
        name: "rotate status", summary: "List the rotations under way; exit 1 when one is blocked or its revocation overdue.",
        usage: "rotate status [--format text|json] [--now DATE] [--overdue-after DURATION]",
        options: [
            .init(name: "format", value: "FORMAT", help: "text (default) or json.", short: "f", choices: CommandSpec.Option.textOrJSON),
            .init(name: "now", value: "DATE", help: "Judge overdue revocations as of this ISO 8601 date."),
            .init(name: "overdue-after", value: "DURATION", help: "How long past its grace period a revocation is overdue (default 24h)."),
            InventoryContext.inventoryOption, InventoryContext.configOption,
            .init(name: "state-dir", value: "DIR", help: "Rotation state folder (default .keyhound/rotation beside the inventory)."),
        ],
        positionals: nil,
        discussion: """
            For each rotation under way: key, kind, phase, trigger, when it started, revoke_after,
            how far past the grace period, attempts, the step pending, the last error, owner.
            Exit status: 0 all healthy (or none), 1 one is blocked or a revocation is overdue,
            2 the state folder cannot be read, 64 usage.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let args = context.arguments
        let json = try RotationFormat.isJSON(args.value("format"), command: spec.name)
        var now = Date()
        if let n = args.value("now") {
            do { now = try ISODate.parse(n) } catch { throw UsageError(message: "--now: \(error)", command: spec.name) }
        }
        var overdueAfter: TimeInterval = 86_400
        if let text = args.value("overdue-after") {
            do { overdueAfter = TimeInterval(try DurationSpec(parsing: text, allowingZero: true).nominalSeconds) } catch {
                throw UsageError(message: "--overdue-after: \(error)", command: spec.name)
            }
        }
        let engine = try RotateCommand.engine(context)
        let statuses: [RotationStatus]
        do { statuses = try engine.status(now: now, overdueAfter: overdueAfter) } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        if json {
            context.console.out(RotationJSON.statuses(statuses))
        } else if statuses.isEmpty {
            context.console.out("keyhound: no rotation under way\n")
        } else {
            for status in statuses { context.console.out(text(status)) }
        }
        return statuses.contains(where: \.needsAttention) ? .findings : .clean
    }

    /// The paragraph of one rotation.
    static func text(_ status: RotationStatus) -> String {
        let state = status.state
        var head = "\(state.key): \(state.kind.rawValue), \(state.phase.rawValue)"
        if status.isBlocked { head += ", BLOCKED" }
        if let late = status.overdueSeconds { head += ", REVOCATION OVERDUE by \(DurationSpec(seconds: Int64(late)).text)" }
        var lines = [head]
        lines.append("  trigger \(state.trigger.description), started \(ISODate.format(state.started)), owner \(state.owner ?? "-")")
        if let until = state.revokeAfter { lines.append("  revoke_after \(ISODate.format(until))") }
        if let pending = state.pending { lines.append("  pending \(pending.rawValue) (attempt \(state.attempts))") }
        if let error = state.lastError { lines.append("  last error: \(error)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The JSON forms of rotation outcomes and statuses (`--format json`).
enum RotationJSON {
    /// `{"rotations": [{"key": …, "status": "done", …}]}`.
    static func outcomes(_ outcomes: [RotationOutcome]) -> String {
        let items = outcomes.map { outcome -> JSONValue in
            var members: [(String, JSONValue)] = [
                ("key", .string(outcome.key)), ("kind", .string(outcome.kind.rawValue)), ("status", .string(name(outcome.status))),
                ("rotation_id", .optional(outcome.rotationID)), ("phase", .optional(outcome.phase?.rawValue)),
                ("old_provider_id", .optional(outcome.oldProviderID)), ("new_provider_id", .optional(outcome.newProviderID)),
                ("trigger", .optional(outcome.trigger?.kind.rawValue)), ("needs_attention", .bool(outcome.isFailure)),
                ("message", .string(outcome.description)), ("warnings", .strings(outcome.warnings)),
            ]
            if case .waiting(let until) = outcome.status { members.append(("revoke_after", .string(ISODate.format(until)))) }
            if case .blocked(let step, let reason) = outcome.status {
                members += [("step", .string(step.rawValue)), ("error", .string(reason))]
            }
            return .object(members)
        }
        return JSONValue.object([("rotations", .array(items))]).encodedText(.inline) + "\n"
    }

    /// `{"rotations": [{"key": …, "phase": …, "blocked": true, …}]}`.
    static func statuses(_ statuses: [RotationStatus]) -> String {
        let items = statuses.map { status -> JSONValue in
            let state = status.state
            return .object([
                ("key", .string(state.key)), ("kind", .string(state.kind.rawValue)), ("phase", .string(state.phase.rawValue)),
                ("trigger", .string(state.trigger.kind.rawValue)), ("started", .string(ISODate.format(state.started))),
                ("revoke_after", .optional(state.revokeAfter.map(ISODate.format))),
                ("overdue_seconds", status.overdueSeconds.map { .int(Int($0)) } ?? .null),
                ("blocked", .bool(status.isBlocked)), ("attempts", .int(state.attempts)),
                ("pending", .optional(state.pending?.rawValue)), ("last_error", .optional(state.lastError)),
                ("owner", .optional(state.owner)), ("consumers", .strings(state.consumers)),
                ("needs_attention", .bool(status.needsAttention)),
            ])
        }
        return JSONValue.object([("rotations", .array(items))]).encodedText(.inline) + "\n"
    }

    static func name(_ status: RotationOutcome.Status) -> String {
        switch status {
        case .done: "done"
        case .waiting: "waiting"
        case .blocked: "blocked"
        case .rolledBack: "rolled-back"
        case .failed: "failed"
        case .planned: "planned"
        case .skipped: "skipped"
        }
    }

}
