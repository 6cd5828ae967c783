import Foundation
import HoundInventory
import HoundRotation
import HoundSupport

/// `keyhound rotate`: phased, emergency, resumed and scheduled rotations.
enum RotateCommand: Command {
    static let spec = CommandSpec(
        name: "rotate", summary: "Rotate a key: create, distribute, grace, verify, revoke (resumable, audited).",
        usage: "rotate NAME [--emergency] [--dry-run] | rotate --resume | rotate --due [--now DATE] [--dry-run]",
        options: [
            .init(name: "emergency", help: "Revoke the leaked key first, then create and distribute a new one, and notify."),
            .init(name: "resume", help: "Continue every rotation under way whose next step is due (grace elapsed, retries)."),
            .init(name: "due", help: "Rotate every key past its rotation frequency."),
            .init(name: "now", value: "DATE", help: "With --due: decide what is due as of this ISO 8601 date."),
            .init(name: "dry-run", help: "Print the plan (each command, placeholders filled) without running anything."),
            InventoryContext.inventoryOption, InventoryContext.configOption,
            .init(name: "state-dir", value: "DIR", help: "Rotation state folder (default .keyhound/rotation beside the inventory)."),
            .init(name: "audit-log", value: "FILE", help: "Audit log (default .keyhound/rotation-audit.jsonl beside the inventory)."),
        ],
        positionals: "NAME",
        discussion: """
            Commands come from the key's [keys.rotation] table, merged over the configuration's
            [rotation.defaults.<provider-or-tag>] tables. They run without a shell; the new secret
            reaches distribute and verify on stdin only. The grace period is recorded, not slept:
            run 'keyhound rotate --resume' on a schedule to finish rotations. Every step is
            appended to the audit log ('keyhound audit verify' checks it).
            Exit status: 0 done, waiting for grace, planned or nothing to do; 1 a rotation is
            blocked, rolled back or failed (the old key is still valid unless the message says
            otherwise); 2 could not start; 64 usage error.
            """)

    static func engine(_ context: CommandContext) throws -> RotationEngine {
        let loaded = try? ConfigurationLoader.load(context)
        let inventoryPath =
            try InventoryOption.path(context, loaded: loaded) ?? FileText.resolve("keys.toml", relativeTo: context.workingDirectory)
        guard FileText.exists(inventoryPath) else {
            throw CLIError(message: "inventory not found: \(inventoryPath) (set --inventory, KEYHOUND_INVENTORY or inventory = \"…\" in .keyhound.toml)")
        }
        let defaults = try RotationDefaultsDecoder.decode(loaded?.configuration.rotation, file: loaded?.path ?? ".keyhound.toml")
        return RotationEngine(
            inventoryPath: inventoryPath,
            stateDirectory: context.arguments.value("state-dir").map { FileText.resolve($0, relativeTo: context.workingDirectory) },
            auditLogPath: context.arguments.value("audit-log").map { FileText.resolve($0, relativeTo: context.workingDirectory) },
            defaults: defaults, environment: context.environment,
            fingerprintKey: try FingerprintKeyOption.load(context.environment))
    }

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let args = context.arguments
        let dryRun = args.has("dry-run")
        let modes = [args.has("resume"), args.has("due"), !args.positionals.isEmpty].filter { $0 }.count
        guard modes == 1 else {
            throw UsageError(message: "give exactly one of NAME, --resume or --due", command: spec.name)
        }
        if args.has("emergency") && args.positionals.isEmpty {
            throw UsageError(message: "--emergency needs a key NAME", command: spec.name)
        }
        if args.value("now") != nil && !args.has("due") {
            throw UsageError(message: "--now applies to --due", command: spec.name)
        }
        let engine = try engine(context)
        var outcomes: [RotationOutcome] = []
        do {
            if args.has("resume") {
                guard !dryRun else { throw UsageError(message: "--dry-run does not apply to --resume", command: spec.name) }
                outcomes = engine.resume()
                if outcomes.isEmpty { context.console.out("keyhound: no rotation under way\n") }
            } else if args.has("due") {
                var now = Date()
                if let n = args.value("now") {
                    do { now = try ISODate.parse(n) } catch { throw UsageError(message: "--now: \(error)", command: spec.name) }
                }
                outcomes = try engine.rotateDue(now: now, dryRun: dryRun)
                if outcomes.isEmpty { context.console.out("keyhound: no key is due for rotation\n") }
            } else {
                guard args.positionals.count == 1 else { throw UsageError(message: "expected one key NAME", command: spec.name) }
                outcomes = [try engine.rotate(name: args.positionals[0], emergency: args.has("emergency"), dryRun: dryRun)]
            }
        } catch let error as RotationError {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        for outcome in outcomes { context.console.out("\(outcome)\n") }
        return outcomes.contains(where: \.isFailure) ? .findings : .clean
    }
}

/// `keyhound audit verify [FILE]`: checks the rotation audit log's hash chain.
enum AuditVerifyCommand: Command {
    static let spec = CommandSpec(
        name: "audit verify", summary: "Check that the rotation audit log was not edited, reordered or truncated.",
        usage: "audit verify [FILE]",
        options: [InventoryContext.inventoryOption, InventoryContext.configOption],
        positionals: "FILE",
        discussion: """
            Each record carries the SHA-256 of the previous one; any edited, reordered or removed
            record breaks the chain and is reported with its line. Without FILE, verifies
            .keyhound/rotation-audit.jsonl beside the inventory.
            Exit status: 0 intact, 1 tampered, 2 unreadable.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let path: String
        if let file = context.arguments.positionals.first {
            path = FileText.resolve(file, relativeTo: context.workingDirectory)
        } else {
            path = try RotateCommand.engine(context).auditLogPath
        }
        let verification: AuditVerification
        do {
            verification = try AuditLog.verify(path: path)
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        context.console.out("\(verification)\n")
        return verification.isIntact ? .clean : .findings
    }
}
