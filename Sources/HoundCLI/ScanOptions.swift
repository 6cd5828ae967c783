import HoundInventory
import HoundModel
import HoundPipeline
import HoundReport
import HoundRules
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

/// The per-file size limit of a scan: the user's (`--max-file-size`, else the `max_file_size` of
/// a configuration they gave with `--config` or `KEYHOUND_CONFIG`, else 10 MiB). The
/// configuration a scanned repository holds can lower it, never raise it: a hostile
/// `max_file_size = "8GB"` would make keyhound read gigabytes.
enum MaxFileSizeOption {
    /// The limit when nobody sets one.
    static let defaultLimit = 10 << 20

    /// The limit for `context`'s scan with `loaded`; a repository's value above the user's is
    /// ignored with a notice on stderr.
    static func resolve(_ context: CommandContext, loaded: LoadedConfiguration) throws(UsageError) -> Int {
        var limit = defaultLimit
        if let text = context.arguments.value("max-file-size") {
            guard let n = ByteSize.parse(text) else {
                throw UsageError(
                    message: "--max-file-size needs a positive size like 10MB, not '\(text)'", command: "scan")
            }
            limit = n
        } else if !loaded.isFromRepository, let configured = loaded.configuration.maxFileSize {
            limit = configured
        }
        if loaded.isFromRepository, let configured = loaded.configuration.maxFileSize {
            if configured > limit {
                context.console.err(
                    "keyhound: notice: \(loaded.path ?? "configuration"): max_file_size = \(configured) ignored: a "
                        + "repository's configuration can lower the size limit, not raise it above "
                        + "\(ByteCount.text(limit)) (--max-file-size or --config can)\n")
            } else {
                limit = configured
            }
        }
        return limit
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
    /// The inventory's path; one a scanned repository's configuration names must lie inside
    /// the repository (a link or a `..` path out of it is refused, exit 2).
    static func path(_ context: CommandContext, loaded: LoadedConfiguration?) throws(CLIError) -> String? {
        if let p = context.arguments.value("inventory") { return FileText.resolve(p, relativeTo: context.workingDirectory) }
        if let p = context.environment["KEYHOUND_INVENTORY"] { return FileText.resolve(p, relativeTo: context.workingDirectory) }
        if let loaded, let p = loaded.configuration.inventory {
            let path = FileText.resolve(p, relativeTo: loaded.directory)
            try RepositoryFile.check(path, named: loaded, kind: .inventory)
            return path
        }
        return nil
    }

    /// The inventory for cross-referencing, nil when none is configured: its cached fingerprint
    /// index when current, else the file read in full (see `InventoryIndexCache`); throws when it
    /// cannot be read or parsed.
    static func load(
        _ context: CommandContext, loaded: LoadedConfiguration?, fingerprintKey: [UInt8]?
    ) throws -> (any KeyLookup)? {
        guard let path = try path(context, loaded: loaded) else { return nil }
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
            else { return try Inventory.load(path: path, fingerprintKey: fingerprintKey, lenient: true) }
            return try InventoryIndexCache(directory: directory).lookup(inventoryAt: path, fingerprintKey: fingerprintKey)
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
    }

    /// For a scan: the inventory, or nil with the problem (`FILE:LINE:COLUMN: reason (what that
    /// means)`) when it cannot be read; the scan then reports its findings unannotated.
    /// A record skipped as invalid is one more problem (`FILE:LINE:COLUMN: reason (record
    /// skipped: …)`); the valid records are still applied.
    static func loadForScan(_ context: CommandContext, loaded: LoadedConfiguration?, fingerprintKey: [UInt8]?)
        -> (inventory: (any KeyLookup)?, problems: [String], unreadable: Bool)
    {
        do {
            let inventory = try load(context, loaded: loaded, fingerprintKey: fingerprintKey)
            let problems = (inventory?.problems ?? []).map {
                "\($0) (record skipped: findings of that key are reported as unregistered; the other keys still apply)"
            }
            return (inventory, problems, false)
        } catch {
            return (nil, ["\(error) (inventory not applied: findings are not matched with keys)"], true)
        }
    }
}

/// Files a configuration names (inventory, baseline): when the configuration is the scanned
/// repository's own, they must resolve inside the repository.
enum RepositoryFile {
    /// Throws, naming the file and where it leads, when `path` comes from a repository's
    /// configuration and resolves outside the repository.
    static func check(_ path: String, named loaded: LoadedConfiguration, kind: BoundedFile.Kind) throws(CLIError) {
        guard let root = loaded.confinement else { return }
        do {
            _ = try BoundedFile.confined(path, to: root, kind: kind)
        } catch {
            if error.isMissing { return }  // said by whoever reads it
            throw CLIError(message: "\(error) (named by \(loaded.path ?? "the configuration"))", status: .incomplete)
        }
    }
}

/// Writes a report to stdout, or atomically to `--output` (nothing half-written on Ctrl-C).
enum ReportOutput {
    /// Writes a report that `produce` hands over chunk by chunk: to stdout as it comes, or to
    /// `path` atomically (the file holds the old report or the whole new one).
    static func stream(to path: String?, context: CommandContext, _ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void)
        throws
    {
        guard let path else {
            try produce { context.console.out(bytes: $0) }
            return
        }
        let file: AtomicFile.Writer
        do {
            file = try AtomicFile.Writer(replacing: FileText.resolve(path, relativeTo: context.workingDirectory))
        } catch {
            throw CLIError(message: "cannot write \(path): \(error)", status: .incomplete)
        }
        do {
            try produce { try file.append($0) }
            try file.commit()
        } catch let error as FileOperationError {
            file.discard()
            throw CLIError(message: "cannot write \(path): \(error)", status: .incomplete)
        } catch {
            file.discard()
            throw error
        }
    }

    /// Writes a whole report to stdout, or to `path` atomically.
    static func write(_ bytes: [UInt8], to path: String?, context: CommandContext) throws {
        try stream(to: path, context: context) { $0.write(bytes) }
    }

    /// Writes what `body` streams, in pieces as it comes (a report of any size is never held
    /// whole): to stdout, or to `--output`, which changes only once the whole report is written.
    static func stream(to path: String?, context: CommandContext, _ body: (inout ReportStream) -> Void) throws {
        try stream(to: path, context: context) { write in
            // `write` is only called while this closure runs: `finish` flushes before it returns.
            try withoutActuallyEscaping(write) { write in
                var stream = ReportStream(sink: write)
                body(&stream)
                try stream.finish()
            }
        }
    }
}

/// Which suppression files a scan applies, chosen from its options and configuration (applying
/// them is the pipeline's ``SuppressionFiles``).
extension SuppressionFiles {
    /// The default baseline file name, at the repository root.
    static let defaultBaseline = ".keyhound-baseline.json"

    /// The baseline a command reads: `--baseline`, the configuration's, else the default file at
    /// the root (only if it exists: `mustExist` false).
    static func baselinePath(_ context: CommandContext, loaded: LoadedConfiguration, root: String) -> (path: String, mustExist: Bool) {
        if let p = context.arguments.value("baseline") { return (FileText.resolve(p, relativeTo: context.workingDirectory), true) }
        if let p = loaded.configuration.baseline { return (FileText.resolve(p, relativeTo: loaded.directory), true) }
        return (root + "/" + defaultBaseline, false)
    }

    static func load(_ context: CommandContext, loaded: LoadedConfiguration, repositoryRoot: String?)
        -> SuppressionFiles
    {
        var files = SuppressionFiles()
        let root = ConfigurationLoader.normalised(repositoryRoot ?? loaded.directory)
        files.root = root
        files.workingDirectory = context.workingDirectory
        for rule in loaded.ruleSet.rules where !rule.aliases.isEmpty { files.aliases[rule.id] = rule.aliases }
        if !context.arguments.has("no-baseline") {
            do {
                let (path, mustExist) = baselinePath(context, loaded: loaded, root: root)
                if context.arguments.value("baseline") == nil {
                    // A baseline the repository names (its configuration, or the default file at
                    // its root) must be a file inside it, never a link out.
                    if loaded.configuration.baseline != nil {
                        try RepositoryFile.check(path, named: loaded, kind: .baseline)
                    } else if FileText.exists(path) {
                        _ = try BoundedFile.confined(path, to: root, kind: .baseline)
                    }
                }
                files.baseline = mustExist ? try Baseline.load(path: path) : try Baseline.loadIfPresent(path: path)
            } catch {
                files.problems.append("\(error) (baseline not applied: the findings it would hide are reported)")
            }
        }
        do {
            if let p = context.arguments.value("ignore-file") {
                files.ignore = try IgnoreFile.load(path: FileText.resolve(p, relativeTo: context.workingDirectory))
            } else {
                // The repository's own `.keyhoundignore`: a file inside it, never a link out.
                let path = root + "/" + IgnoreFile.fileName
                if FileText.exists(path) { _ = try BoundedFile.confined(path, to: root, kind: .ignoreFile) }
                files.ignore = try IgnoreFile.loadIfPresent(path: path)
            }
        } catch {
            files.problems.append("\(error) (ignore file not applied: the findings it would hide are reported)")
        }
        do {
            files.gitleaksIgnore = try GitleaksIgnore.loadIfPresent(path: root + "/" + GitleaksIgnore.fileName)
        } catch {
            files.problems.append("\(error) (.gitleaksignore not applied: the findings it would hide are reported)")
        }
        return files
    }
}
