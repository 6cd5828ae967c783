import Foundation
import HoundInventory
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
        let items = outcomes.map { outcome -> String in
            var members: [(String, String)] = [
                ("key", quote(outcome.key)), ("kind", quote(outcome.kind.rawValue)), ("status", quote(name(outcome.status))),
                ("rotation_id", optional(outcome.rotationID)), ("phase", optional(outcome.phase?.rawValue)),
                ("old_provider_id", optional(outcome.oldProviderID)), ("new_provider_id", optional(outcome.newProviderID)),
                ("trigger", optional(outcome.trigger?.kind.rawValue)), ("needs_attention", outcome.isFailure ? "true" : "false"),
                ("message", quote(outcome.description)),
                ("warnings", "[" + outcome.warnings.map(quote).joined(separator: ", ") + "]"),
            ]
            if case .waiting(let until) = outcome.status { members.append(("revoke_after", quote(ISODate.format(until)))) }
            if case .blocked(let step, let reason) = outcome.status {
                members += [("step", quote(step.rawValue)), ("error", quote(reason))]
            }
            return object(members)
        }
        return "{\"rotations\": [" + items.joined(separator: ", ") + "]}\n"
    }

    /// `{"rotations": [{"key": …, "phase": …, "blocked": true, …}]}`.
    static func statuses(_ statuses: [RotationStatus]) -> String {
        let items = statuses.map { status -> String in
            let state = status.state
            return object([
                ("key", quote(state.key)), ("kind", quote(state.kind.rawValue)), ("phase", quote(state.phase.rawValue)),
                ("trigger", quote(state.trigger.kind.rawValue)), ("started", quote(ISODate.format(state.started))),
                ("revoke_after", optional(state.revokeAfter.map(ISODate.format))),
                ("overdue_seconds", status.overdueSeconds.map { "\(Int($0))" } ?? "null"),
                ("blocked", status.isBlocked ? "true" : "false"), ("attempts", "\(state.attempts)"),
                ("pending", optional(state.pending?.rawValue)), ("last_error", optional(state.lastError)),
                ("owner", optional(state.owner)), ("consumers", "[" + state.consumers.map(quote).joined(separator: ", ") + "]"),
                ("needs_attention", status.needsAttention ? "true" : "false"),
            ])
        }
        return "{\"rotations\": [" + items.joined(separator: ", ") + "]}\n"
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

    private static func quote(_ text: String) -> String { JSONText.quote(text) }
    private static func optional(_ text: String?) -> String { text.map(JSONText.quote) ?? "null" }
    private static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { "\(quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
