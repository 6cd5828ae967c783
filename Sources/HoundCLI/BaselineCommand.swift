import HoundInventory
import HoundModel
import HoundPipeline
import HoundSupport

/// Where `baseline` commands read and write, and the scan they run.
enum BaselineFiles {
    /// The file a `baseline` command writes: `--output` (relative to the working directory),
    /// else the baseline scans read (`--baseline`, the configuration's, or
    /// `.keyhound-baseline.json` at the repository root).
    static func target(_ context: CommandContext, outcome: ScanCommand.Outcome) -> String {
        if let output = context.arguments.value("output") {
            return FileText.resolve(output, relativeTo: context.workingDirectory)
        }
        return SuppressionFiles.baselinePath(context, loaded: outcome.loaded, root: root(context, outcome)).path
    }

    static func root(_ context: CommandContext, _ outcome: ScanCommand.Outcome) -> String {
        ConfigurationLoader.normalised(outcome.gathered.repositoryRoot ?? outcome.loaded.directory)
    }

    /// `path` as the user would write it: relative to the working directory when inside it.
    static func shown(_ path: String, _ context: CommandContext) -> String {
        path.hasPrefix(context.workingDirectory + "/") ? String(path.dropFirst(context.workingDirectory.count + 1)) : path
    }

    /// The scan options a baseline command accepts (it applies no baseline or ignore file).
    static let scanOptions = ScanCommand.spec.options.filter {
        ["history", "branch", "config", "max-file-size", "workers", "no-git", "gitignore", "no-gitignore", "no-progress"].contains($0.name)
    }

    static func write(_ baseline: Baseline, to path: String) throws(CLIError) {
        do {
            try baseline.write(to: path)
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
    }

    static func reportErrors(_ outcome: ScanCommand.Outcome, _ context: CommandContext) -> ExitStatus {
        for error in outcome.gathered.errors { context.console.err("keyhound: error: \(error)\n") }
        return outcome.gathered.errors.isEmpty ? .clean : .incomplete
    }
}

/// `keyhound baseline create`: records today's findings by identity so later scans hide them.
enum BaselineCreateCommand: Command {
    static let defaultPath = SuppressionFiles.defaultBaseline

    static let spec = CommandSpec(
        name: "baseline create", summary: "Record the current findings as a baseline (identities only, no secrets).",
        usage: "baseline create [PATH...] [--output FILE] [--reason TEXT] [--history] [scan options]",
        options: BaselineFiles.scanOptions + [
            .init(name: "output", value: "FILE", help: "Where to write the baseline (default \(defaultPath) at the repository root).", short: "o"),
            .init(name: "reason", value: "TEXT", help: "Why these findings are accepted; shown by 'scan --show-suppressed'."),
        ],
        positionals: "PATH",
        discussion: """
            The baseline holds each finding's rule and fingerprint (and a path for people): no
            secrets, no line numbers, so edits and moves do not invalidate it. A low-entropy
            secret's fingerprint is salted and slow to compute (PBKDF2), so the committed file
            does not give it away to a dictionary. Entries are sorted and an existing file's salt
            is kept: re-creating it on an unchanged repository changes nothing. Every scan and
            hook applies .keyhound-baseline.json at the repository root when it exists (else
            'scan --baseline FILE', or 'baseline = "FILE"' in .keyhound.toml).
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let outcome = try ScanCommand.perform(context, applyIdentitySuppression: false, crossReference: false)
        let path = BaselineFiles.target(context, outcome: outcome)
        // Keep the salt of the file being replaced, so an unchanged repository gives the same bytes.
        let previous = try? Baseline.loadIfPresent(path: path)
        let salt = previous.flatMap { $0.version >= 2 ? $0.salt : nil } ?? Baseline.newSalt()
        let baseline = Baseline(findings: outcome.findings, reason: context.arguments.value("reason"), salt: salt)
        try BaselineFiles.write(baseline, to: path)
        let status = BaselineFiles.reportErrors(outcome, context)
        context.console.err(
            "keyhound: wrote \(Plural.count(baseline.entries.count, "entry", "entries")) to \(BaselineFiles.shown(path, context))\n")
        return status
    }
}

/// `keyhound baseline update`: adds today's new findings, drops those that are gone, keeps
/// reasons.
enum BaselineUpdateCommand: Command {
    static let spec = CommandSpec(
        name: "baseline update", summary: "Add new findings to the baseline and drop those that are gone (reasons kept).",
        usage: "baseline update [PATH...] [--baseline FILE] [--output FILE] [--reason TEXT] [scan options]",
        options: BaselineFiles.scanOptions + [
            .init(name: "baseline", value: "FILE", help: "The baseline to update (default: the one scans apply)."),
            .init(name: "output", value: "FILE", help: "Write the result here instead of over the baseline.", short: "o"),
            .init(name: "reason", value: "TEXT", help: "Reason recorded on the entries this adds."),
        ],
        positionals: "PATH",
        discussion: """
            Scans as 'baseline create' does, then: an entry for each finding, keeping the reason of
            entries already there (new ones get --reason), and none for findings that are gone.
            The salt is kept. A version 1 baseline is rewritten in the current format (its
            low-entropy entries become protected). Exit status: 0 done, 2 the baseline is missing
            or unreadable, or the scan could not complete.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let outcome = try ScanCommand.perform(context, applyIdentitySuppression: false, crossReference: false)
        let (source, _) = SuppressionFiles.baselinePath(
            context, loaded: outcome.loaded, root: BaselineFiles.root(context, outcome))
        guard FileText.exists(source) else {
            throw CLIError(
                message: "no baseline at \(BaselineFiles.shown(source, context)); run 'keyhound baseline create' first",
                status: .incomplete)
        }
        let current: Baseline
        do {
            current = try Baseline.load(path: source)
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        let update = current.updated(with: outcome.findings, reason: context.arguments.value("reason"))
        let target = BaselineFiles.target(context, outcome: outcome)
        try BaselineFiles.write(update.baseline, to: target)
        let status = BaselineFiles.reportErrors(outcome, context)
        context.console.err(
            "keyhound: \(BaselineFiles.shown(target, context)): \(update.added) added, \(update.kept) kept, "
                + "\(update.dropped) dropped (\(Plural.count(update.baseline.entries.count, "entry", "entries")))\n")
        return status
    }
}
