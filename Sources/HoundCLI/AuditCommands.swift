#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundRotation
import HoundSupport

/// `keyhound audit verify [FILE]`: checks the rotation audit log's chain and its head.
enum AuditVerifyCommand: Command {
    static let spec = CommandSpec(
        name: "audit verify", summary: "Check that the rotation audit log was not edited, reordered, cut or emptied.",
        usage: "audit verify [FILE] [--state-dir DIR]",
        options: [
            InventoryContext.inventoryOption, InventoryContext.configOption,
            .init(name: "state-dir", value: "DIR", help: "Where the log's head file is (default .keyhound/rotation beside the inventory)."),
        ],
        positionals: "FILE",
        discussion: """
            Each record carries the SHA-256 of the previous one (HMAC-SHA-256 under KEYHOUND_AUDIT_KEY
            when set); any edited, reordered or removed record breaks the chain and is reported with
            its line. The head file (audit.head in the state folder, written with every record)
            shows records cut from the end and an emptied log. Without FILE, verifies
            .keyhound/rotation-audit.jsonl beside the inventory.
            Exit status: 0 intact, 1 tampered, 2 unreadable or keyed without KEYHOUND_AUDIT_KEY, 64 usage.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let (path, headPath) = try AuditPaths.resolve(context)
        let verification: AuditVerification
        do {
            verification = try AuditLog.verify(path: path, headPath: headPath, key: try AuditKeyOption.load(context.environment))
        } catch let error as AuditLogError {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        context.console.out("\(verification)\n")
        if verification.needsKey { return .incomplete }
        return verification.isIntact ? .clean : .findings
    }
}

/// `keyhound audit head`: prints the audit log's head for export.
enum AuditHeadCommand: Command {
    static let spec = CommandSpec(
        name: "audit head", summary: "Print the audit log's head (record count and last hash) for export to a SIEM.",
        usage: "audit head [FILE] [--state-dir DIR]",
        options: [
            InventoryContext.inventoryOption, InventoryContext.configOption,
            .init(name: "state-dir", value: "DIR", help: "Where the log's head file is (default .keyhound/rotation beside the inventory)."),
        ],
        positionals: "FILE",
        discussion: """
            Prints one JSON object: the log's path, its record count, the SHA-256 of its last
            record, the chain (sha256 or hmac-sha256), the head file's HMAC when keyed, and the
            time. Keep it where nobody with access to the log can change it, and compare later
            exports: a log cut or rewritten since shows. The log is verified first.
            Exit status: 0 printed, 1 the log is broken (nothing printed), 2 unreadable.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let (path, headPath) = try AuditPaths.resolve(context)
        let key = try AuditKeyOption.load(context.environment)
        let verification: AuditVerification
        do {
            verification = try AuditLog.verify(path: path, headPath: headPath, key: key)
        } catch let error as AuditLogError {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        guard verification.isIntact else {
            context.console.err("keyhound audit head: \(verification)\n")
            return verification.needsKey ? .incomplete : .findings
        }
        let head = AuditHead(log: path, records: verification.records, head: verification.head, keyed: verification.keyed)
        context.console.out(head.signed(with: key).json(at: Date()))
        return .clean
    }
}

/// The log (FILE or the default beside the inventory) and its head file.
enum AuditPaths {
    static func resolve(_ context: CommandContext) throws -> (log: String, head: String) {
        let stateDirectory = context.arguments.value("state-dir").map { FileText.resolve($0, relativeTo: context.workingDirectory) }
        if let file = context.arguments.positionals.first {
            let path = FileText.resolve(file, relativeTo: context.workingDirectory)
            let folder = stateDirectory ?? Folder.parent(of: path) + "/rotation"
            return (path, folder + "/" + AuditHead.fileName)
        }
        let engine = try RotateCommand.engine(context)
        return (engine.auditLogPath, engine.auditHeadPath)
    }
}
