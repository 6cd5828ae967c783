#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory
import HoundRotation
import HoundRules
import HoundSupport

/// `keyhound rotate`: phased, emergency, resumed, aborted and scheduled rotations.
enum RotateCommand: Command {
    static let spec = CommandSpec(
        name: "rotate", summary: "Rotate a key: create, distribute, verify, promote, grace, revoke (resumable, audited).",
        usage:
            "rotate NAME [--emergency | --abort] [--dry-run] | rotate --resume | rotate --due [--now DATE] [--max N] [--dry-run]",
        options: [
            .init(name: "emergency", help: "Revoke the leaked key first, then create and distribute a new one; takes over a rotation under way."),
            .init(name: "abort", help: "Roll back the rotation of NAME while its old key is valid (revoke the new key, run rollback)."),
            .init(name: "resume", help: "Continue every rotation under way whose next step is due (grace elapsed, retries)."),
            .init(name: "due", help: "Rotate every key past its rotation frequency."),
            .init(name: "now", value: "DATE", help: "With --due: decide what is due as of this ISO 8601 date."),
            .init(name: "max", value: "N", help: "With --due: start at most N rotations."),
            .init(name: "dry-run", help: "Print the plan (each command, placeholders filled, programs checked) without running anything."),
            .init(name: "format", value: "FORMAT", help: "text (default) or json.", short: "f", choices: CommandSpec.Option.textOrJSON),
            InventoryContext.inventoryOption, InventoryContext.configOption,
            .init(name: "state-dir", value: "DIR", help: "Rotation state folder (default .keyhound/rotation beside the inventory)."),
            .init(name: "audit-log", value: "FILE", help: "Audit log (default .keyhound/rotation-audit.jsonl beside the inventory)."),
        ],
        positionals: "NAME",
        discussion: """
            Commands come from the key's [keys.rotation] table, merged over the configuration's
            [rotation.defaults.<provider-or-tag>] tables, read again on every --resume. They run
            without a shell; the new secret reaches distribute and verify on stdin only. The grace
            period is recorded, not slept: run 'keyhound rotate --resume' on a schedule to finish
            rotations. Every step is appended to the audit log ('keyhound audit verify' checks it).
            'keyhound rotate status' lists the rotations under way.
            Exit status: 0 done, waiting for grace, planned or nothing to do; 1 a rotation is
            blocked, rolled back or failed, or a planned program is missing (the old key is still
            valid unless the message says otherwise); 2 could not start, or stopped by a signal;
            64 usage error.
            """)

    /// The engine's defaults from the configuration's `[rotation]` table (decoded, with its
    /// errors, where the configuration is).
    static func rotationDefaults(_ rotation: RotationConfiguration?) -> RotationDefaults {
        var defaults = RotationDefaults(entries: rotation?.defaults ?? [:])
        if let timeout = rotation?.timeout { defaults.timeout = Double(timeout.nominalSeconds) }
        if let retries = rotation?.retries { defaults.retries = retries }
        return defaults
    }

    /// The engine for the command's inventory, configuration, state folder and audit log. A
    /// configuration that does not decode (a broken `[rotation]` table included) is a usage
    /// error (64), as `[rotation]` always was for `rotate`.
    static func engine(_ context: CommandContext) throws -> RotationEngine {
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigurationLoader.load(context)
        } catch let error as RuleError {
            throw CLIError(message: "\(error)", status: .usage)
        }
        let inventoryPath =
            try InventoryOption.path(context, loaded: loaded) ?? FileText.resolve("keys.toml", relativeTo: context.workingDirectory)
        guard FileText.exists(inventoryPath) else {
            throw CLIError(message: "inventory not found: \(inventoryPath) (set --inventory, KEYHOUND_INVENTORY or inventory = \"…\" in .keyhound.toml)")
        }
        let defaults = rotationDefaults(loaded.configuration.rotation)
        return RotationEngine(
            inventoryPath: inventoryPath,
            stateDirectory: context.arguments.value("state-dir").map { FileText.resolve($0, relativeTo: context.workingDirectory) },
            auditLogPath: context.arguments.value("audit-log").map { FileText.resolve($0, relativeTo: context.workingDirectory) },
            defaults: defaults, environment: context.environment,
            fingerprintKey: try FingerprintKeyOption.load(context.environment),
            auditKey: try AuditKeyOption.load(context.environment))
    }

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let args = context.arguments
        let dryRun = args.has("dry-run")
        let json = try RotationFormat.isJSON(args.value("format"), command: spec.name)
        let modes = [args.has("resume"), args.has("due"), !args.positionals.isEmpty].filter { $0 }.count
        guard modes == 1 else {
            throw UsageError(message: "give exactly one of NAME, --resume or --due", command: spec.name)
        }
        if (args.has("emergency") || args.has("abort")) && args.positionals.isEmpty {
            throw UsageError(message: "--\(args.has("abort") ? "abort" : "emergency") needs a key NAME", command: spec.name)
        }
        if args.has("emergency") && args.has("abort") {
            throw UsageError(message: "--emergency and --abort are exclusive", command: spec.name)
        }
        if (args.value("now") != nil || args.value("max") != nil) && !args.has("due") {
            throw UsageError(message: "--now and --max apply to --due", command: spec.name)
        }
        var max: Int?
        if let m = args.value("max") {
            guard let n = Int(m), n >= 1 else { throw UsageError(message: "--max needs a number of at least 1, not '\(m)'", command: spec.name) }
            max = n
        }
        let engine = try engine(context)
        var outcomes: [RotationOutcome] = []
        do {
            if args.has("resume") {
                guard !dryRun else { throw UsageError(message: "--dry-run does not apply to --resume", command: spec.name) }
                outcomes = engine.resume()
                if outcomes.isEmpty, !json { context.console.out("keyhound: no rotation under way\n") }
            } else if args.has("due") {
                var now = Date()
                if let n = args.value("now") {
                    do { now = try ISODate.parse(n) } catch { throw UsageError(message: "--now: \(error)", command: spec.name) }
                }
                outcomes = try engine.rotateDue(now: now, dryRun: dryRun, max: max)
                if outcomes.isEmpty, !json { context.console.out("keyhound: no key is due for rotation\n") }
            } else {
                guard args.positionals.count == 1 else { throw UsageError(message: "expected one key NAME", command: spec.name) }
                let name = args.positionals[0]
                if args.has("abort") {
                    guard !dryRun else { throw UsageError(message: "--dry-run does not apply to --abort", command: spec.name) }
                    outcomes = [try engine.abort(name: name)]
                } else {
                    outcomes = [try engine.rotate(name: name, emergency: args.has("emergency"), dryRun: dryRun)]
                }
            }
        } catch let error as RotationError {
            if case .cannotAbort = error { throw CLIError(message: "\(error)", status: .findings) }
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        if json {
            context.console.out(RotationJSON.outcomes(outcomes))
        } else {
            for outcome in outcomes { context.console.out("\(outcome)\n") }
        }
        if let signal = TerminationSignal.received {
            context.console.err("keyhound rotate: \(StopRequested(signal: signal)); `keyhound rotate --resume` continues\n")
            return .incomplete
        }
        return outcomes.contains(where: \.isFailure) ? .findings : .clean
    }
}

/// `KEYHOUND_AUDIT_KEY`: the key that chains audit records with HMAC-SHA-256.
enum AuditKeyOption {
    static func load(_ environment: [String: String]) throws(CLIError) -> [UInt8]? {
        guard let value = environment["KEYHOUND_AUDIT_KEY"] else { return nil }
        do {
            return try FingerprintKey.parse(value, variable: "KEYHOUND_AUDIT_KEY")
        } catch {
            throw CLIError(message: "\(error)", status: .usage)
        }
    }
}

/// `--format text|json` of the rotation commands.
enum RotationFormat {
    static func isJSON(_ value: String?, command: String) throws(UsageError) -> Bool {
        switch value {
        case nil, "text": return false
        case "json": return true
        case let other?: throw UsageError(message: "unknown format '\(other ?? "")': use text or json", command: command)
        }
    }
}
