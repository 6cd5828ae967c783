import HoundEngine
import HoundInputs
import HoundInventory
import HoundModel
import HoundPipeline
import HoundReport
import HoundRules
import HoundSupport
import Synchronization

/// `keyhound scan`: the working tree, stdin, the staged diff, a commit range, or history.
enum ScanCommand: Command {
    static let spec = CommandSpec(
        name: "scan", summary: "Scan files, staged changes, commit ranges or history for secrets.",
        usage: "scan [PATH...] [--staged | --diff RANGE | --since REF | --commits FILE | --history] [OPTIONS]",
        options: [
            .init(name: "staged", help: "Scan only the lines added in the staged diff (what the pre-commit hook runs)."),
            .init(name: "diff", value: "RANGE", help: "Scan the lines added by the commits of A..B or A...B."),
            .init(name: "since", value: "REF", help: "Scan the lines added by the commits of REF..HEAD."),
            .init(name: "commits", value: "FILE", help: "Scan the lines added by the commits listed in FILE (- for stdin), one id per line."),
            .init(name: "history", help: "Scan every unique blob reachable from every ref (PATH: repositories)."),
            .init(name: "branch", value: "REF", help: "With --history: only commits reachable from REF.", repeatable: true),
            .init(name: "config", value: "FILE", help: "Configuration file (default: .keyhound.toml or .gitleaks.toml at the repository root)."),
            .init(name: "format", value: "FORMAT", help: "text (default), json, jsonl, sarif, github or gitleaks.", short: "f", choices: CommandSpec.Option.reportFormats),
            .init(name: "output", value: "FILE", help: "Write the report to FILE (atomically) instead of stdout.", short: "o"),
            .init(name: "show-secrets", help: "Include the raw secrets in the report. Off by default."),
            .init(name: "show-suppressed", help: "Count and list the findings that were suppressed, and why."),
            .init(name: "baseline", value: "FILE", help: "Hide findings recorded in this baseline (default: .keyhound-baseline.json at the repository root, if any)."),
            .init(name: "no-baseline", help: "Apply no baseline, not even the default one."),
            .init(name: "ignore-file", value: "FILE", help: "Fingerprints to ignore (default: .keyhoundignore at the repository root)."),
            .init(name: "inventory", value: "FILE", help: "Key inventory to cross-reference findings with (or KEYHOUND_INVENTORY, or the config's inventory)."),
            .init(name: "on-leak", help: "With --diff, --since, --commits or --history only: apply each matched key's on_leak policy."),
            .init(name: "no-cache", help: "Read the inventory in full, not its cached fingerprint index (KEYHOUND_CACHE_DIR=)."),
            .init(name: "max-file-size", value: "SIZE", help: "Skip files (and blobs) larger than SIZE, e.g. 10MB (default 10MB)."),
            .init(name: "workers", value: "N", help: "Worker threads (default: every core).", short: "j", aliases: ["jobs"]),
            .init(name: "no-git", help: "Walk the folder even inside a git work tree (scan ignored files too with --no-gitignore)."),
            .init(name: "gitignore", help: "Outside a git work tree, let .gitignore files decide what the folder walk skips (off by default there)."),
            .init(name: "no-gitignore", help: "Inside a git work tree, with --no-git: do not honour .gitignore files (outside one they are ignored anyway)."),
            .init(name: "no-progress", help: "No live progress line on stderr."),
            .init(name: "color", help: "Colour the text report even when stdout is not a terminal."),
            .init(name: "no-color", help: "Never colour the text report (also NO_COLOR=1)."),
            .init(name: "exit-zero", help: "Exit 0 even when there are findings (reports are still written)."),
        ],
        positionals: "PATH",
        discussion: """
            With no mode flag, scans each PATH (default: the current folder): inside a git work tree,
            the tracked files plus untracked files that are not ignored; elsewhere (a tarball, an
            artifact, a container filesystem), every file of a folder walk: .gitignore files decide
            nothing there unless --gitignore is given. PATH '-' reads standard input. Binary files
            are skipped.
            Exit status: 0 no findings, 1 findings, 2 could not complete (findings so far are still
            reported), 64 usage error.
            """)

    /// The staged diff asked for by the process entry, before arguments were parsed.
    private static let earlyPrefetch = Mutex<StagedPrefetch?>(nil)

    /// Starts asking git for the staged diff at once, for a process about to run `scan --staged`.
    static func startEarlyPrefetch(environment: [String: String], workingDirectory: String) {
        let prefetch = StagedPrefetch(git: ScanPipeline.git(environment: environment), directory: workingDirectory)
        earlyPrefetch.withLock { $0 = prefetch }
    }

    /// How the scan gets its fragments.
    enum Mode: Equatable {
        case tree([String])
        case staged
        case range(String)
        case commits(String)
        case history([String])

        /// The word SARIF's `automationDetails.id` uses: `tree`, `staged`, `range`, `history`.
        var automationName: String {
            switch self {
            case .tree: "tree"
            case .staged: "staged"
            case .range, .commits: "range"
            case .history: "history"
            }
        }
    }

    static func mode(_ args: ParsedArguments) throws(UsageError) -> Mode {
        var modes: [Mode] = []
        if args.has("staged") { modes.append(.staged) }
        if let r = args.value("diff") {
            // An empty side is HEAD, but '..' alone is an empty range: an unset variable, not a request.
            guard !r.isEmpty, r != "..", r != "..." else {
                throw UsageError(message: "--diff needs a range like A..B or A...B, or a revision, not '\(r)'", command: "scan")
            }
            modes.append(.range(r))
        }
        if let r = args.value("since") { modes.append(.range("\(r)..HEAD")) }
        if let f = args.value("commits") { modes.append(.commits(f)) }
        if args.has("history") { modes.append(.history(args.positionals)) }
        guard modes.count <= 1 else {
            throw UsageError(message: "--staged, --diff, --since, --commits and --history are exclusive", command: "scan")
        }
        if !args.all("branch").isEmpty && !args.has("history") {
            throw UsageError(message: "--branch needs --history", command: "scan")
        }
        if let mode = modes.first {
            if case .history = mode {} else if !args.positionals.isEmpty {
                throw UsageError(message: "PATH arguments cannot be combined with --staged, --diff, --since or --commits", command: "scan")
            }
            return mode
        }
        return .tree(args.positionals.isEmpty ? ["."] : args.positionals)
    }

    /// `--gitignore` / `--no-gitignore`, which cannot be given together.
    static func gitignorePolicy(_ args: ParsedArguments) throws(UsageError) -> GitignorePolicy {
        switch (args.has("gitignore"), args.has("no-gitignore")) {
        case (true, true): throw UsageError(message: "--gitignore and --no-gitignore are exclusive", command: "scan")
        case (true, false): return .honour
        case (false, true): return .ignore
        case (false, false): return .byLocation
        }
    }

    /// The fragment sources `mode` reads.
    static func sources(_ mode: Mode, context: CommandContext, prefetch: StagedPrefetch?, ruleSet: RuleSet) throws
        -> [any FragmentSource]
    {
        let args = context.arguments
        switch mode {
        case .tree(let paths):
            let console = context.console
            return PathSources.sources(
                for: paths, workingDirectory: context.workingDirectory, useGit: !args.has("no-git"),
                gitignore: try gitignorePolicy(args), readStdin: { console.readStdin(into: $0) })
        case .staged: return [StagedSource(prefetched: prefetch)]
        case .range(let range): return [RangeSource(.range(range))]
        case .commits(let file): return [RangeSource(.listed(RangeSource.ids(in: try commitList(file, context: context))))]
        case .history(let repositories):
            let branches = args.all("branch")
            let waits = HistoryMerge.dependsOnLocation(ruleSet)
            return (repositories.isEmpty ? ["."] : repositories).map {
                HistorySource(path: $0, refs: branches.isEmpty ? nil : branches, waitsForIndex: waits)
            }
        }
    }

    /// The bytes of `--commits FILE` (`-`: standard input), within the commit list's size cap.
    static func commitList(_ file: String, context: CommandContext) throws -> [UInt8] {
        guard file == "-" else { return try FileText.readBytes(file, relativeTo: context.workingDirectory, kind: .commitList) }
        let limit = BoundedFile.Kind.commitList.limit
        guard let read = context.console.readStdin(atMost: limit) else {
            throw CLIError(
                message: "the commit list on standard input holds more than \(ByteCount.text(limit))", status: .incomplete)
        }
        return read
    }

    /// What a scan produced, before rendering.
    struct Outcome {
        var findings: [Finding]
        var suppressed: [(finding: Finding, reason: String)]
        var gathered: ScanPipeline
        var loaded: LoadedConfiguration
        var mode: Mode
        var seconds: Double
        var inventory: (any KeyLookup)?
        /// Baseline, ignore file or inventory that could not be applied (the scan went on).
        var problems: [String] = []
        /// Whether an inventory is configured but could not be read.
        var inventoryUnreadable = false
    }

    /// Runs the scan the arguments describe: gather, suppress by identity (unless
    /// `applyIdentitySuppression` is off), cross-reference the inventory (unless `crossReference`
    /// is off; `baseline create` needs neither). A baseline, ignore file or inventory that
    /// cannot be read is left out and named in `problems`.
    /// `history`, when given, is the one source (a sweep's repository, its refs worked out).
    static func perform(
        _ context: CommandContext, history: HistorySource? = nil, applyIdentitySuppression: Bool = true,
        crossReference: Bool = true
    ) throws -> Outcome {
        let args = context.arguments
        let mode = try mode(args)
        if args.has("on-leak") { try LeakPolicyGate.check(mode.scannedContent, command: "scan") }
        // A hook's latency is mostly git's: ask it now (or use what the process entry asked), and
        // build the rules while it answers.
        let early = earlyPrefetch.withLock { $0.take() }
        let prefetch =
            mode == .staged
            ? early
                ?? StagedPrefetch(
                    git: ScanPipeline.git(environment: context.environment), directory: context.workingDirectory)
            : nil
        var workers = ParallelScan.defaultWorkers
        if let w = args.value("workers") {
            guard let n = Int(w), n >= 1, n <= 1024 else { throw UsageError(message: "--workers needs a number from 1 to 1024, not '\(w)'", command: "scan") }
            workers = n
        }
        let started = Clock.now()
        let configRoot: String
        switch mode {
        case .tree(let paths): configRoot = paths.first == "-" ? context.workingDirectory : paths[0]
        case .history(let paths): configRoot = paths.first ?? context.workingDirectory
        default: configRoot = context.workingDirectory
        }
        let loaded = try ConfigurationLoader.load(context, root: configRoot)
        try loaded.requireRules()
        let maxFileSize = try MaxFileSizeOption.resolve(context, loaded: loaded)
        let fingerprintKey = try FingerprintKeyOption.load(context.environment)
        let compiled = try CompiledRules(loaded.ruleSet, fingerprintKey: fingerprintKey)
        let progress = ProgressLine(
            enabled: context.console.stderrIsTerminal && !args.has("no-progress") && context.environment["CI"] == nil,
            console: context.console)

        var gathered = ScanPipeline(
            compiled: compiled, workers: workers, maxFileSize: maxFileSize,
            workingDirectory: context.workingDirectory, environment: context.environment,
            observer: ScanObserver(progress: progress) { [console = context.console] in console.err("keyhound: notice: \($0)\n") })
        if mode == .staged {
            // git is still answering: build the keyword automaton meanwhile (otherwise built by
            // the first fragment, after git).
            _ = compiled.automaton
        }
        if var history {
            history.waitsForIndex = HistoryMerge.dependsOnLocation(loaded.ruleSet)
            try gathered.run(history)
        } else {
            try gathered.run(try sources(mode, context: context, prefetch: prefetch, ruleSet: loaded.ruleSet))
        }
        progress.finish()
        if let profile = RuleProfile.shared { context.console.err(profile.report()) }

        // Moved out, then changed in place: a big sweep's findings are most of its memory, and
        // every copy of the array costs 360 bytes per finding.
        var findings = gathered.findings
        var suppressed = gathered.suppressed
        gathered.findings = []
        gathered.suppressed = []
        var problems: [String] = []
        if applyIdentitySuppression {
            var suppression = SuppressionFiles.load(
                context, loaded: loaded,
                repositoryRoot: gathered.repositoryRoot ?? ConfigurationLoader.top(context, root: configRoot))
            suppression.apply(to: &findings, suppressed: &suppressed)
            problems += suppression.problems
        }
        if case .history = mode { findings = HistoryMerge.merge(findings) }
        var inventory: (any KeyLookup)?
        var inventoryProblems: [String] = []
        var inventoryUnreadable = false
        if crossReference {
            (inventory, inventoryProblems, inventoryUnreadable) = InventoryOption.loadForScan(
                context, loaded: loaded, fingerprintKey: fingerprintKey)
        }
        problems += inventoryProblems
        if let inventory, inventory.recordCount > 0 {
            for index in findings.indices { findings[index] = inventory.annotate(findings[index]) }
        }
        findings.sortCompactly()
        return Outcome(
            findings: findings, suppressed: suppressed, gathered: gathered, loaded: loaded, mode: mode,
            seconds: Clock.now() - started, inventory: inventory, problems: problems,
            inventoryUnreadable: inventoryUnreadable)
    }

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let args = context.arguments
        let format = try ReportFormatOption.parse(args.value("format"), command: "scan")
        let outcome = try perform(context)
        // Said before the report, so it is the first thing read: what is below lacks something.
        for problem in outcome.problems { context.console.err("keyhound: warning: \(problem)\n") }
        var notes: [String] = []
        if args.has("on-leak") {
            if let inventory = outcome.inventory {
                notes += try LeakPolicyTrigger.apply(
                    outcome.findings, inventory: inventory, repository: outcome.gathered.repositoryRoot, context: context)
            } else if outcome.inventoryUnreadable {
                notes.append("keyhound: --on-leak: the inventory could not be read, so no key policy applies")
            } else {
                notes.append("keyhound: --on-leak: no inventory configured, so no key policy applies")
            }
        }
        let gathered = outcome.gathered
        let summary = ScanSummary(
            filesScanned: gathered.filesScanned, blobsScanned: gathered.blobsScanned, bytesScanned: gathered.bytesScanned,
            seconds: outcome.seconds, skippedBinary: gathered.skippedBinary, skippedLarge: gathered.skippedLarge,
            errors: outcome.problems + gathered.errors,
            suppressed: outcome.suppressed.map { SuppressedFinding(finding: $0.finding, reason: $0.reason) })
        var report = ScanReport(
            findings: outcome.findings, summary: summary, toolVersion: KeyhoundMain.version,
            rules: format.describesRules ? outcome.loaded.ruleSet.rules.map(RuleHelp.descriptor) : [])
        report.sourceRoot = ConfigurationLoader.normalised(gathered.repositoryRoot ?? outcome.loaded.directory)
        report.workingDirectory = context.workingDirectory
        report.automationID = "keyhound/\(outcome.mode.automationName)/"
        let color =
            args.lastFlag(of: ["color", "no-color"]).map { $0 == "color" }
            ?? (context.environment["NO_COLOR"] == nil && context.console.stdoutIsTerminal && args.value("output") == nil)
        var blocks = outcome.mode == .staged
        if case .commits = outcome.mode { blocks = true }
        let options = ReportOptions(
            showSecrets: args.has("show-secrets"), color: color, showSuppressed: args.has("show-suppressed"),
            blockMessage: blocks)
        try ReportOutput.stream(to: args.value("output"), context: context) {
            ReportWriter.write(report, format: format, options: options, to: &$0)
        }
        if format != .text || args.value("output") != nil {
            // The report holds the errors, but nobody reads a SARIF file or a report on disk in a CI log.
            for error in gathered.errors { context.console.err("keyhound: error: \(error)\n") }
        }
        for note in notes { context.console.err(note + "\n") }
        if !gathered.errors.isEmpty || !outcome.problems.isEmpty { return .incomplete }
        if outcome.findings.isEmpty || args.has("exit-zero") { return .clean }
        return .findings
    }
}
