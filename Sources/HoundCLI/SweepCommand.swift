import HoundInputs
import HoundInventory
import HoundModel
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
        let sweeper = RepositorySweeper(
            context: context, listFolder: parentFolder(of: listPath),
            cache: MirrorCache(directory: cacheFolder, git: MirrorCache.git(environment: context.environment)),
            state: state, sinceLast: args.has("since-last"))
        let progress = ProgressLine(
            enabled: context.console.stderrIsTerminal && !args.has("no-progress") && context.environment["CI"] == nil,
            console: context.console)
        let started = Clock.now()
        progress.begin(total: targets.count, unit: "repositories")
        var findings: [Finding] = []
        var outcomes: [RepositoryOutcome] = []
        var counts = ScanSummary()
        var inventory: (any KeyLookup)?
        for target in targets {
            if let done = state?.finished(target) {
                findings += done.findings
                outcomes += done.repositories
                counts.skippedBinary += done.summary.skippedBinary
                counts.skippedLarge += done.summary.skippedLarge
                progress.advance(bytes: 0)
                continue
            }
            progress.working(on: target.reference.name)
            let swept = try sweeper.sweep(target)
            inventory = inventory ?? swept.inventory
            if let state {
                let one = SweepAssembly.report(
                    findings: swept.findings, repositories: [swept.outcome], seconds: 0,
                    toolVersion: KeyhoundMain.version, counts: swept.counts)
                try state.record(target, report: ReportWriter.render(one, format: .jsonl, options: ReportOptions()))
            }
            findings += swept.findings
            outcomes.append(swept.outcome)
            counts.skippedBinary += swept.counts.skippedBinary
            counts.skippedLarge += swept.counts.skippedLarge
            progress.advance(bytes: swept.outcome.bytesScanned)
        }
        progress.finish()
        var notes: [String] = []
        if args.has("on-leak") {
            // Once for the whole sweep: a key leaked in several repositories is rotated once.
            if let inventory {
                let leaked = findings.filter { $0.key != nil }
                let repositories = Set(leaked.compactMap { $0.repository?.name }).sorted().joined(separator: ", ")
                notes += try LeakPolicyTrigger.apply(
                    leaked, inventory: inventory, repository: repositories.isEmpty ? nil : repositories, context: context)
            } else {
                notes.append("keyhound: --on-leak: no inventory could be read, so no key policy applies")
            }
        }
        let report = SweepAssembly.report(
            findings: findings, repositories: outcomes, seconds: Clock.now() - started,
            toolVersion: KeyhoundMain.version, counts: counts)
        let options = ReportOptions.forCommand(args, context: context)
        try ReportOutput.stream(to: args.value("output"), context: context) {
            ReportWriter.write(report, format: format, options: options, to: &$0)
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
        if report.findings.isEmpty || args.has("exit-zero") { return .clean }
        return .findings
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
