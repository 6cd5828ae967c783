#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory
import HoundRotation
import HoundSupport

/// Shared plumbing of the `inventory` commands.
enum InventoryContext {
    static let inventoryOption = CommandSpec.Option(
        name: "inventory", value: "FILE",
        help: "The inventory file (default: KEYHOUND_INVENTORY, else the config's inventory, else keys.toml).")
    static let configOption = CommandSpec.Option(name: "config", value: "FILE", help: "Configuration file.")
    static let fromEnvOption = CommandSpec.Option(
        name: "from-env", value: "VAR", help: "Read the secret from this environment variable instead of stdin.")

    static func file(_ context: CommandContext) throws -> InventoryFile {
        // A configuration that does not parse is an error here too: its `inventory` would be
        // silently ignored and the default file edited instead.
        let loaded = try ConfigurationLoader.load(context)
        let path =
            try InventoryOption.path(context, loaded: loaded)
            ?? FileText.resolve("keys.toml", relativeTo: context.workingDirectory)
        return InventoryFile(path: path, fingerprintKey: try FingerprintKeyOption.load(context.environment))
    }

    static func wrap<T>(_ body: () throws(InventoryError) -> T) throws(CLIError) -> T {
        do {
            return try body()
        } catch {
            throw CLIError(message: "\(error)", status: error.kind == .notFound ? .incomplete : .incomplete)
        }
    }

    /// The one NAME argument of `command`.
    static func name(_ context: CommandContext, command: String) throws(UsageError) -> String {
        guard context.arguments.positionals.count == 1, let name = context.arguments.positionals.first else {
            throw UsageError(message: "expected exactly one NAME", command: command)
        }
        return name
    }

    /// The secret from `--from-env VAR` or stdin (one trailing newline removed). Never from argv.
    static func secret(_ context: CommandContext) throws -> [UInt8] {
        var bytes: [UInt8]
        if let variable = context.arguments.value("from-env") {
            guard let value = context.environment[variable] else {
                throw CLIError(message: "environment variable \(variable) is not set", status: .usage)
            }
            bytes = Array(value.utf8)
        } else {
            // A secret is short: standard input is read only so far (1 MiB), whatever is piped in.
            guard let read = context.console.readStdin(atMost: 1 << 20) else {
                throw CLIError(message: "standard input holds more than 1 MiB: that is not one secret", status: .usage)
            }
            bytes = read
            if bytes.last == 0x0a { bytes.removeLast() }
            if bytes.last == 0x0d { bytes.removeLast() }
        }
        guard !bytes.isEmpty else {
            throw CLIError(
                message: "no secret given: pipe it on stdin or name a variable with --from-env", status: .usage)
        }
        return bytes
    }
}

/// `keyhound inventory add NAME`.
enum InventoryAddCommand: Command {
    static let spec = CommandSpec(
        name: "inventory add", summary: "Register a key by the fingerprint of its secret (read from stdin).",
        usage: "inventory add NAME [--owner TEAM] [--consumer SERVICE]... [OPTIONS] < secret",
        options: [
            InventoryContext.inventoryOption, InventoryContext.configOption,
            InventoryContext.fromEnvOption,
            .init(name: "description", value: "TEXT", help: "What the key is for."),
            .init(name: "owner", value: "TEAM", help: "Owning team or person."),
            .init(name: "consumer", value: "SERVICE", help: "A service that uses the key.", repeatable: true),
            .init(name: "environment", value: "ENV", help: "prod, staging..."),
            .init(name: "provider-id", value: "ID", help: "The provider's public id of the key (used by revoke)."),
            .init(name: "rule", value: "RULE", help: "The rule id that detects this key."),
            .init(name: "rotation-frequency", value: "DURATION", help: "30d, 12w, monthly, quarterly..."),
            .init(name: "last-rotated", value: "DATE", help: "ISO 8601 date (default: today)."),
            .init(name: "expires", value: "DATE", help: "ISO 8601 expiry date."),
            .init(name: "on-leak", value: "POLICY", help: "report (default), rotate or emergency.", choices: ["report", "rotate", "emergency"]),
            .init(name: "tag", value: "TAG", help: "A tag.", repeatable: true),
        ],
        positionals: "NAME",
        discussion: """
            The secret is read from stdin (or --from-env), never from the command line, and only its
            fingerprint is written (sha256:, or hmac-sha256: with KEYHOUND_FINGERPRINT_KEY set). A
            duplicate name or fingerprint is refused. The file keeps its comments and order, is
            written atomically, and is locked against concurrent writers.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let args = context.arguments
        let name = try InventoryContext.name(context, command: spec.name)
        let file = try InventoryContext.file(context)
        var frequency: DurationSpec?
        if let f = args.value("rotation-frequency") {
            do { frequency = try DurationSpec(parsing: f) } catch {
                throw UsageError(message: "--rotation-frequency: \(error)", command: spec.name)
            }
        }
        func date(_ option: String) throws(UsageError) -> Date? {
            guard let text = args.value(option) else { return nil }
            do { return try ISODate.parse(text) } catch {
                throw UsageError(message: "--\(option): \(error)", command: spec.name)
            }
        }
        var policy = LeakPolicy.report
        if let p = args.value("on-leak") {
            guard let parsed = LeakPolicy(rawValue: p) else {
                throw UsageError(
                    message: "--on-leak must be report, rotate or emergency, not '\(p)'", command: spec.name)
            }
            policy = parsed
        }
        let lastRotated = try date("last-rotated") ?? ISODate.date(ISODate.civilDay(of: Date()))
        let expires = try date("expires")
        let secret = try InventoryContext.secret(context)
        let record = try InventoryContext.wrap { () throws(InventoryError) in
            try file.add(
                name: name, secret: secret, description: args.value("description"), owner: args.value("owner"),
                consumers: args.all("consumer"), environment: args.value("environment"),
                providerID: args.value("provider-id"),
                rule: args.value("rule"), rotationFrequency: frequency, lastRotated: lastRotated, expires: expires,
                onLeak: policy, tags: args.all("tag"))
        }
        context.console.out("added \(record.name) (\(record.fingerprint?.short ?? "no fingerprint")) to \(file.path)\n")
        return .clean
    }
}

/// `keyhound inventory list`.
enum InventoryListCommand: Command {
    static let spec = CommandSpec(
        name: "inventory list", summary: "List the keys in the inventory.",
        usage: "inventory list [--format text|json]",
        options: [
            InventoryContext.inventoryOption, InventoryContext.configOption,
            .init(name: "format", value: "FORMAT", help: "text (default) or json.", choices: CommandSpec.Option.textOrJSON),
        ])

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let file = try InventoryContext.file(context)
        let records = try InventoryContext.wrap { () throws(InventoryError) in try file.list() }
        switch context.arguments.value("format") ?? "text" {
        case "json":
            context.console.out(KeyRecord.jsonInventory(records))
        case "text":
            for r in records {
                var line = "\(r.name)  \(r.status.rawValue)  \(r.fingerprint?.short ?? "-")  owner: \(r.owner ?? "-")"
                if !r.consumers.isEmpty { line += "  consumers: \(r.consumers.joined(separator: ", "))" }
                if let f = r.rotationFrequency { line += "  every \(f)" }
                if let d = r.lastRotated { line += "  last rotated \(ISODate.formatDay(d))" }
                context.console.out(line + "\n")
            }
            context.console.out("\(records.count) keys in \(file.path)\n")
        case let other:
            throw UsageError(message: "unknown format '\(other)': use text or json", command: spec.name)
        }
        return .clean
    }
}

/// `keyhound inventory remove NAME`.
enum InventoryRemoveCommand: Command {
    static let spec = CommandSpec(
        name: "inventory remove", summary: "Remove a key from the inventory.", usage: "inventory remove NAME",
        options: [InventoryContext.inventoryOption, InventoryContext.configOption], positionals: "NAME")

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let name = try InventoryContext.name(context, command: spec.name)
        let file = try InventoryContext.file(context)
        let removed = try InventoryContext.wrap { () throws(InventoryError) in try file.remove(name: name) }
        context.console.out("removed \(removed.name) from \(file.path)\n")
        return .clean
    }
}

/// `keyhound inventory check`: is the secret on stdin a known key?
enum InventoryCheckCommand: Command {
    static let spec = CommandSpec(
        name: "inventory check", summary: "Tell whether the secret on stdin is a known key, and which.",
        usage: "inventory check [--from-env VAR] < secret",
        options: [
            InventoryContext.inventoryOption, InventoryContext.configOption,
            InventoryContext.fromEnvOption,
            .init(name: "no-cache", help: "Read the inventory file in full, not its cached fingerprint index."),
        ],
        discussion: "Exit status: 0 known key, 1 unknown (an unregistered credential), 2 error.")

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let file = try InventoryContext.file(context)
        let secret = try InventoryContext.secret(context)
        let inventory = try InventoryOption.lookup(file.path, context: context, fingerprintKey: file.fingerprintKey)
        guard let key = inventory.knownKey(forSecret: secret)?.reference else {
            context.console.out("unregistered: no key in \(file.path) has this fingerprint\n")
            return .findings
        }
        context.console.out(
            "known key: \(key.name) (status \(key.status), owner \(key.owner ?? "-"), on_leak \(key.onLeak))\n")
        return .clean
    }
}

/// `keyhound inventory fingerprint NAME`: registers the secret of a record that has none (or
/// replaces it).
enum InventoryFingerprintCommand: Command {
    static let spec = CommandSpec(
        name: "inventory fingerprint", summary: "Set a key's fingerprint from its secret (read from stdin).",
        usage: "inventory fingerprint NAME [--from-env VAR] < secret",
        options: [
            InventoryContext.inventoryOption, InventoryContext.configOption,
            InventoryContext.fromEnvOption,
        ],
        positionals: "NAME",
        discussion: """
            For records imported without a fingerprint ('inventory import'), or to record a new
            secret by hand. The secret is read from stdin (or --from-env), never from the command
            line, and only its fingerprint is written (sha256:, or hmac-sha256: with
            KEYHOUND_FINGERPRINT_KEY set), in place of any fingerprint the record had. A secret
            already registered under another name is refused. The file keeps its comments and
            order, is written atomically, and is locked against concurrent writers.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let name = try InventoryContext.name(context, command: spec.name)
        let file = try InventoryContext.file(context)
        let secret = try InventoryContext.secret(context)
        let record = try InventoryContext.wrap { () throws(InventoryError) in
            try file.setFingerprint(name: name, secret: secret)
        }
        context.console.out(
            "set the fingerprint of \(record.name) (\(record.fingerprint?.short ?? "none")) in \(file.path)\n")
        return .clean
    }
}

/// `keyhound inventory audit`.
enum InventoryAuditCommand: Command {
    static let spec = CommandSpec(
        name: "inventory audit", summary: "List keys overdue for rotation, expiring, or without owner or consumers.",
        usage: "inventory audit [--now DATE] [--expiring-within DURATION] [--format text|json]",
        options: [
            InventoryContext.inventoryOption, InventoryContext.configOption,
            .init(name: "now", value: "DATE", help: "Audit as of this ISO 8601 date (default: now)."),
            .init(
                name: "expiring-within", value: "DURATION",
                help: "Warn about keys expiring or due within this (default 14d)."),
            .init(name: "format", value: "FORMAT", help: "text (default) or json.", choices: CommandSpec.Option.textOrJSON),
            .init(name: "state-dir", value: "DIR", help: "Rotation state folder (default .keyhound/rotation beside the inventory)."),
        ],
        discussion: """
            Also lists rotations under way that are blocked (rotation-blocked) or whose old key is
            still not revoked a day after its grace period (revocation-overdue). JSON issues carry
            the key's owner and consumers.
            Exit status: 0 nothing needs action, 1 something does (for a scheduled CI job), 2 error.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let args = context.arguments
        var now = Date()
        if let n = args.value("now") {
            do { now = try ISODate.parse(n) } catch { throw UsageError(message: "--now: \(error)", command: spec.name) }
        }
        var within: TimeInterval = 14 * 86_400
        if let w = args.value("expiring-within") {
            do { within = TimeInterval(try DurationSpec(parsing: w).nominalSeconds) } catch {
                throw UsageError(message: "--expiring-within: \(error)", command: spec.name)
            }
        }
        let file = try InventoryContext.file(context)
        let inventory = try InventoryContext.wrap { () throws(InventoryError) in try file.load() }
        var issues = inventory.audit(now: now, expiringWithin: within)
        issues += inventory.withOwners(try rotationIssues(inventoryPath: file.path, context: context, now: now))
        issues.sort { ($0.keyName, $0.kind) < ($1.keyName, $1.kind) }
        switch args.value("format") ?? "text" {
        case "text": context.console.out(AuditReport.text(issues, keyCount: inventory.records.count))
        case "json": context.console.out(AuditReport.json(issues, keyCount: inventory.records.count))
        case let other: throw UsageError(message: "unknown format '\(other)': use text or json", command: spec.name)
        }
        return AuditReport.needsAction(issues) ? .findings : .clean
    }

    /// `rotation-blocked` and `revocation-overdue` issues from the rotation state folder beside
    /// the inventory (or `--state-dir`).
    static func rotationIssues(inventoryPath: String, context: CommandContext, now: Date) throws -> [AuditIssue] {
        let engine = RotationEngine(
            inventoryPath: inventoryPath,
            stateDirectory: context.arguments.value("state-dir").map { FileText.resolve($0, relativeTo: context.workingDirectory) })
        let statuses: [RotationStatus]
        do { statuses = try engine.status(now: now) } catch { throw CLIError(message: "\(error)", status: .incomplete) }
        var issues: [AuditIssue] = []
        for status in statuses {
            let state = status.state
            if status.isBlocked {
                issues.append(
                    AuditIssue(
                        kind: .rotationBlocked, keyName: state.key,
                        message: "rotation \(state.rotationID) blocked at \(state.phase.rawValue): \(state.lastError ?? "")",
                        date: state.updated))
            }
            if let late = status.overdueSeconds, let until = state.revokeAfter {
                issues.append(
                    AuditIssue(
                        kind: .revocationOverdue, keyName: state.key,
                        message: "the old key \(state.oldProviderID ?? "") should have been revoked \(DurationSpec(seconds: Int64(late)).text) ago "
                            + "(run `keyhound rotate --resume`)",
                        date: until))
            }
        }
        return issues
    }
}

/// `keyhound inventory import FILE.yaml`.
enum InventoryImportCommand: Command {
    static let spec = CommandSpec(
        name: "inventory import", summary: "Import key records from a block-YAML inventory.",
        usage: "inventory import FILE.yaml",
        options: [InventoryContext.inventoryOption, InventoryContext.configOption], positionals: "FILE",
        discussion: """
            Reads a YAML list of maps (name, description, owner, consumers, rotation_frequency,
            last_rotated, environment, provider_id, fingerprint), optionally under a top-level
            'keys:'. Records without a fingerprint are imported too and reported by 'inventory
            audit' until 'inventory fingerprint NAME' registers their secret.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        guard context.arguments.positionals.count == 1, let yaml = context.arguments.positionals.first else {
            throw UsageError(message: "expected exactly one FILE", command: spec.name)
        }
        let file = try InventoryContext.file(context)
        let records = try InventoryContext.wrap { () throws(InventoryError) in
            try file.importYAML(from: FileText.resolve(yaml, relativeTo: context.workingDirectory))
        }
        context.console.out("imported \(records.count) keys into \(file.path)\n")
        return .clean
    }
}
