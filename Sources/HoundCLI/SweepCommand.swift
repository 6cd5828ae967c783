import HoundInputs
import HoundInventory
import HoundModel
import HoundPipeline
import HoundReport

/// `keyhound sweep --repos FILE`: every repository of a list swept like `scan --history`, one
/// report with each finding's repository; sharded, resumable, failures reported, not fatal.
enum SweepCommand: Command {
    static let spec = CommandSpec(
        name: "sweep", summary: "Sweep the history of every repository in a list (sharded, resumable).",
        usage: "sweep --repos FILE [--shard I/N] [-f FORMAT] [-o FILE] [--cache DIR] [--state DIR] [OPTIONS]",
        options: [
            .init(name: "repos", value: "FILE", help: "Repositories, one a line: a local path or a clone URL; # comments."),
            .init(name: "shard", value: "I/N", help: "Sweep only shard I of N (0 ≤ I < N); auto/N reads JOB_COMPLETION_INDEX."),
            .init(name: "format", value: "FORMAT", help: "text (default), json, jsonl, sarif or github.", short: "f", choices: ["text", "json", "jsonl", "sarif", "github"]),
            .init(name: "output", value: "FILE", help: "Write the report to FILE (atomically) instead of stdout.", short: "o"),
            .init(name: "cache", value: "DIR", help: "Where URL repositories are mirrored (default: the user's cache folder)."),
            .init(name: "state", value: "DIR", help: "Checkpoint each finished repository here; a sweep started again skips them."),
            .init(name: "since-last", help: "With --state: scan only commits new since the last complete sweep of each repository."),
            .init(name: "config", value: "FILE", help: "Configuration file for every repository (default: each one's own)."),
            .init(name: "inventory", value: "FILE", help: "Key inventory to cross-reference findings with."),
            .init(name: "on-leak", help: "Apply each matched inventory key's on_leak policy."),
            .init(name: "no-cache", help: "Read the inventory in full, not its cached fingerprint index."),
            .init(name: "max-file-size", value: "SIZE", help: "Skip blobs larger than SIZE, e.g. 10MB (default 10MB)."),
            .init(name: "workers", value: "N", help: "Worker threads per repository (default: every core).", short: "j", aliases: ["jobs"]),
            .init(name: "no-progress", help: "No live progress line on stderr."),
            .init(name: "color", help: "Colour the text report even when stdout is not a terminal."),
            .init(name: "no-color", help: "Never colour the text report (also NO_COLOR=1)."),
            .init(name: "exit-zero", help: "Exit 0 even when there are findings (not when a repository failed)."),
        ],
        discussion: """
            Each repository is scanned like 'scan --history' (every unique blob on every ref, once).
            Relative paths in the list are taken from the list's folder. URLs (https://, ssh://,
            git@host:path, file://) are cloned with 'git clone --mirror' into the cache and fetched
            on later sweeps. A repository that cannot be swept (missing, clone error, damaged objects,
            shallow) is reported with the reason and the sweep goes on. Shards: a stable hash of each
            list line, so a repository always lands in the same shard; merge shard reports (jsonl)
            with 'keyhound report merge'.
            Exit status: 0 no findings, 1 findings, 2 a repository failed (findings still reported),
            64 usage error.
            """)

    /// Options handed through to each repository's history scan.
    static let passedValues = ["config", "inventory", "workers", "max-file-size"]

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let args = context.arguments
        let format = try ReportFormatOption.parse(args.value("format"), command: "sweep")
        guard let list = args.value("repos") else {
            throw UsageError(message: "--repos FILE is required (one repository a line)", command: "sweep")
        }
        if !args.positionals.isEmpty {
            throw UsageError(message: "repositories come from --repos FILE, not arguments", command: "sweep")
        }
        let listPath = FileText.resolve(list, relativeTo: context.workingDirectory)
        var targets = SweepTarget.parseList(try FileText.read(list, relativeTo: context.workingDirectory, kind: .repositoryList))
        if let shard = args.value("shard") {
            let spec = try ShardSpec.parse(shard, environment: context.environment)
            targets = targets.filter { $0.shard(of: spec.count) == spec.index }
        }
        let state = args.value("state").map { SweepState(directory: FileText.resolve($0, relativeTo: context.workingDirectory)) }
        try state?.prepare()
        if args.has("since-last") && state == nil {
            throw UsageError(message: "--since-last needs --state DIR (where the last sweep's ref tips are kept)", command: "sweep")
        }
        let cacheFolder =
            args.value("cache").map { FileText.resolve($0, relativeTo: context.workingDirectory) }
            ?? (InventoryIndexCache.directory(environment: context.environment, workingDirectory: context.workingDirectory)
                ?? context.workingDirectory + "/.keyhound-cache") + "/repositories"
        let source = RepositoryListSource(
            targets: targets, listFolder: parentFolder(of: listPath),
            cache: MirrorCache(directory: cacheFolder, git: MirrorCache.git(environment: context.environment)),
            tips: state.map { SweepTips(directory: $0.directory) }, sinceLast: args.has("since-last"))
        let progress = ProgressLine(
            enabled: context.console.stderrIsTerminal && !args.has("no-progress") && context.environment["CI"] == nil,
            console: context.console)
        let started = Clock.now()
        progress.begin(total: targets.count, unit: "repositories")
        var findings: [Finding] = []
        var outcomes: [RepositoryOutcome] = []
        var counts = ScanSummary()
        var inventory: (any KeyLookup)?
        // JSON lines are streamed: each repository's findings leave memory once it is done.
        let spool = format == .jsonl ? try SweepSpool(folder: context.environment["TMPDIR"] ?? "/tmp") : nil
        try source.sweep(
            resumed: { target in
                guard let done = state?.finished(target) else {
                    progress.working(on: target.reference.name)
                    return nil
                }
                var swept = RepositoryListSource.Swept(
                    target: target, findings: done.findings, outcome: done.repositories[0], counts: done.summary)
                swept.resumed = true
                return swept
            },
            scan: { history in try scanRepository(history, context: context) },
            emit: { swept in
                inventory = inventory ?? swept.inventory
                if let state, !swept.unchanged, !swept.resumed {
                    let one = SweepAssembly.report(
                        findings: swept.findings, repositories: [swept.outcome], seconds: 0,
                        toolVersion: KeyhoundMain.version, counts: swept.counts)
                    try state.record(swept.target, report: ReportWriter.render(one, format: .jsonl, options: ReportOptions()))
                }
                if let spool {
                    try spool.add(swept.findings, outcome: swept.outcome, counts: swept.counts)
                } else {
                    findings += swept.findings
                    outcomes.append(swept.outcome)
                    counts.skippedBinary += swept.counts.skippedBinary
                    counts.skippedLarge += swept.counts.skippedLarge
                }
                progress.advance(bytes: swept.resumed ? 0 : swept.outcome.bytesScanned)
            })
        progress.finish()
        var notes: [String] = []
        if args.has("on-leak") {
            // Once for the whole sweep: a key leaked in several repositories is rotated once.
            if let inventory {
                let leaked = spool?.leaked ?? findings.filter { $0.key != nil }
                let repositories = Set(leaked.compactMap { $0.repository?.name }).sorted().joined(separator: ", ")
                notes += try LeakPolicyTrigger.apply(
                    leaked, inventory: inventory, repository: repositories.isEmpty ? nil : repositories, context: context)
            } else {
                notes.append("keyhound: --on-leak: no inventory could be read, so no key policy applies")
            }
        }
        let report: ScanReport
        if let spool {
            var written: ScanReport?
            try ReportOutput.stream(to: args.value("output"), context: context) { write in
                written = try spool.finish(seconds: Clock.now() - started, toolVersion: KeyhoundMain.version, write: write)
            }
            report = written ?? ScanReport(findings: [], summary: ScanSummary(), toolVersion: KeyhoundMain.version)
        } else {
            report = SweepAssembly.report(
                findings: findings, repositories: outcomes, seconds: Clock.now() - started,
                toolVersion: KeyhoundMain.version, counts: counts)
            let options = ReportOptions.forCommand(args, context: context)
            try ReportOutput.stream(to: args.value("output"), context: context) {
                ReportWriter.write(report, format: format, options: options, to: &$0)
            }
        }
        state?.complete()
        let failures = report.repositories.filter { $0.failure != nil }
        if format != .text || args.value("output") != nil {
            for failure in failures {
                context.console.err(
                    "keyhound: error: \(failure.repository.location): \(failure.failure ?? "")\n")
            }
        }
        for note in notes { context.console.err(note + "\n") }
        if !failures.isEmpty { return .incomplete }
        if (spool?.findings ?? report.findings.count) == 0 || args.has("exit-zero") { return .clean }
        return .findings
    }

    /// One repository's history scanned as `scan --history` scans it: its own configuration
    /// (unless `--config`), suppression files and inventory, with the options a sweep hands
    /// through; a scan that fails is the repository's failure, not the sweep's.
    static func scanRepository(_ history: HistorySource, context: CommandContext) throws
        -> RepositoryListSource.Scanned
    {
        var arguments = context.arguments
        arguments.flags = Set(["history", "no-progress"]).union(context.arguments.flags.intersection(["no-cache"]))
        arguments.values = context.arguments.values.filter { passedValues.contains($0.key) }
        arguments.positionals = [history.path]
        var scanContext = context
        scanContext.arguments = arguments
        var scanned = RepositoryListSource.Scanned()
        let outcome: ScanCommand.Outcome
        do {
            outcome = try ScanCommand.perform(scanContext, history: history)
        } catch let error as UsageError {
            throw error
        } catch {
            scanned.failure = "\(error)"
            return scanned
        }
        let gathered = outcome.gathered
        scanned.findings = outcome.findings
        scanned.problems = gathered.errors + outcome.problems
        scanned.blobsScanned = gathered.blobsScanned
        scanned.bytesScanned = gathered.bytesScanned
        scanned.skippedBinary = gathered.skippedBinary
        scanned.skippedLarge = gathered.skippedLarge
        scanned.inventory = outcome.inventory
        return scanned
    }

    /// The folder holding `path`.
    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

extension ReportOptions {
    /// The report options `--color`, `--no-color`, `NO_COLOR` and `--output` ask for.
    static func forCommand(_ args: ParsedArguments, context: CommandContext) -> ReportOptions {
        let color =
            args.has("color")
            || (!args.has("no-color") && context.environment["NO_COLOR"] == nil && context.console.stdoutIsTerminal
                && args.value("output") == nil)
        return ReportOptions(color: color)
    }
}
