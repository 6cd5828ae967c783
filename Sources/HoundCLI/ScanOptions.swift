import HoundInventory
import HoundModel
import HoundReport
import HoundSupport

/// `--format`.
enum ReportFormatOption {
    static func parse(_ value: String?, command: String) throws(UsageError) -> ReportFormat {
        guard let value else { return .text }
        guard let format = ReportFormat(rawValue: value) else {
            throw UsageError(
                message: "unknown format '\(value)': use " + ReportFormat.allCases.map(\.rawValue).joined(separator: ", "),
                command: command)
        }
        return format
    }
}

/// `KEYHOUND_FINGERPRINT_KEY`: the organisation key for `hmac-sha256:` fingerprints.
enum FingerprintKeyOption {
    static func load(_ environment: [String: String]) throws(CLIError) -> [UInt8]? {
        guard let value = environment["KEYHOUND_FINGERPRINT_KEY"] else { return nil }
        do {
            return try FingerprintKey.parse(value)
        } catch {
            throw CLIError(message: "KEYHOUND_FINGERPRINT_KEY: \(error)", status: .usage)
        }
    }
}

/// The inventory of a command: `--inventory`, else `KEYHOUND_INVENTORY`, else the
/// configuration's `inventory`; nil when none is configured.
enum InventoryOption {
    static func path(_ context: CommandContext, loaded: LoadedConfiguration?) -> String? {
        if let p = context.arguments.value("inventory") { return FileText.resolve(p, relativeTo: context.workingDirectory) }
        if let p = context.environment["KEYHOUND_INVENTORY"] { return FileText.resolve(p, relativeTo: context.workingDirectory) }
        if let loaded, let p = loaded.configuration.inventory { return FileText.resolve(p, relativeTo: loaded.directory) }
        return nil
    }

    /// The inventory for cross-referencing, nil when none is configured: its cached fingerprint
    /// index when current, else the file read in full (see `InventoryIndexCache`); throws when it
    /// cannot be read or parsed.
    static func load(
        _ context: CommandContext, loaded: LoadedConfiguration?, fingerprintKey: [UInt8]?
    ) throws -> (any KeyLookup)? {
        guard let path = path(context, loaded: loaded) else { return nil }
        return try lookup(path, context: context, fingerprintKey: fingerprintKey)
    }

    /// The inventory at `path` through the index cache, unless `--no-cache` or an empty
    /// `KEYHOUND_CACHE_DIR` turns it off.
    static func lookup(
        _ path: String, context: CommandContext, fingerprintKey: [UInt8]?
    ) throws(CLIError) -> any KeyLookup {
        let environment = context.environment
        do {
            guard !context.arguments.has("no-cache"),
                let directory = InventoryIndexCache.directory(environment: environment, workingDirectory: context.workingDirectory)
            else { return try Inventory.load(path: path, fingerprintKey: fingerprintKey) }
            return try InventoryIndexCache(directory: directory).lookup(inventoryAt: path, fingerprintKey: fingerprintKey)
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
    }

    /// For a scan: the inventory, or nil with the problem (`FILE:LINE:COLUMN: reason (what that
    /// means)`) when it cannot be read; the scan then reports its findings unannotated.
    static func loadForScan(_ context: CommandContext, loaded: LoadedConfiguration?, fingerprintKey: [UInt8]?)
        -> (inventory: (any KeyLookup)?, problem: String?)
    {
        do {
            return (try load(context, loaded: loaded, fingerprintKey: fingerprintKey), nil)
        } catch {
            return (nil, "\(error) (inventory not applied: findings are not matched with keys)")
        }
    }
}

/// Writes a report to stdout, or atomically to `--output` (nothing half-written on Ctrl-C).
enum ReportOutput {
    static func write(_ bytes: [UInt8], to path: String?, context: CommandContext) throws {
        guard let path else {
            context.console.out(bytes: bytes)
            return
        }
        do {
            try AtomicFile.write(bytes, to: FileText.resolve(path, relativeTo: context.workingDirectory))
        } catch {
            throw CLIError(message: "cannot write \(path): \(error)", status: .incomplete)
        }
    }
}

/// Baseline and ignore-file suppression, by identity (rule + fingerprint).
///
/// A file that cannot be read or parsed does not stop the scan: it is left out, the problem is
/// kept in `problems` (reported at the top and in the summary, exit 2), and the findings it
/// would have hidden are reported. Better noisy than silent.
struct SuppressionFiles {
    var baseline: Baseline?
    var ignore: IgnoreFile?
    /// Files that could not be applied, each `FILE:LINE:COLUMN: reason (what that means)`.
    var problems: [String] = []

    static func load(_ context: CommandContext, loaded: LoadedConfiguration, repositoryRoot: String?)
        -> SuppressionFiles
    {
        var files = SuppressionFiles()
        do {
            if let p = context.arguments.value("baseline") {
                files.baseline = try Baseline.load(path: FileText.resolve(p, relativeTo: context.workingDirectory))
            } else if let p = loaded.configuration.baseline {
                files.baseline = try Baseline.load(path: FileText.resolve(p, relativeTo: loaded.directory))
            }
        } catch {
            files.problems.append("\(error) (baseline not applied: the findings it would hide are reported)")
        }
        do {
            if let p = context.arguments.value("ignore-file") {
                files.ignore = try IgnoreFile.load(path: FileText.resolve(p, relativeTo: context.workingDirectory))
            } else {
                let root = repositoryRoot ?? loaded.directory
                files.ignore = try IgnoreFile.loadIfPresent(path: root + "/" + IgnoreFile.fileName)
            }
        } catch {
            files.problems.append("\(error) (ignore file not applied: the findings it would hide are reported)")
        }
        return files
    }

    /// Removes the hidden findings from `findings` (in place), adding them to `suppressed` with
    /// the reason.
    func apply(to findings: inout [Finding], suppressed: inout [(finding: Finding, reason: String)]) {
        guard baseline != nil || ignore != nil else { return }
        findings.removeAll { finding in
            if let baseline, baseline.contains(finding) {
                suppressed.append((finding, "baseline"))
                return true
            }
            if let ignore, ignore.ignores(finding) {
                suppressed.append((finding, IgnoreFile.fileName))
                return true
            }
            return false
        }
    }
}

/// Whether a folder walk lets `.gitignore` files decide what it skips (`--gitignore`,
/// `--no-gitignore`). Outside a git work tree (a tarball, an artifact, a container filesystem)
/// there is no "what would be committed", and ignored `.env` files, logs and build output are
/// where secrets sit: by default such a walk reads everything.
enum GitignorePolicy: Equatable {
    /// Inside a work tree, honour `.gitignore`; outside one, do not (the default).
    case byLocation
    /// `--gitignore`: always honour `.gitignore`.
    case honour
    /// `--no-gitignore`: never honour `.gitignore`.
    case ignore

    /// Whether a walk of a folder inside (or outside) a git work tree honours `.gitignore`.
    func honours(insideWorkTree: Bool) -> Bool {
        switch self {
        case .byLocation: insideWorkTree
        case .honour: true
        case .ignore: false
        }
    }
}
