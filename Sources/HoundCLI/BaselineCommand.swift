import HoundInventory

/// `keyhound baseline create`: records today's findings by identity so later scans hide them.
enum BaselineCreateCommand: Command {
    static let defaultPath = ".keyhound-baseline.json"

    static let spec = CommandSpec(
        name: "baseline create", summary: "Record the current findings as a baseline (identities only, no secrets).",
        usage: "baseline create [PATH...] [--output FILE] [--history] [scan options]",
        options: ScanCommand.spec.options.filter {
            ["history", "branch", "config", "max-file-size", "workers", "no-git", "gitignore", "no-gitignore", "no-progress"].contains($0.name)
        } + [.init(name: "output", value: "FILE", help: "Where to write the baseline (default \(defaultPath)).", short: "o")],
        positionals: "PATH",
        discussion: """
            The baseline holds each finding's rule and fingerprint (and a path for people): no
            secrets, no line numbers, so edits and moves do not invalidate it. Entries are sorted:
            re-creating it on an unchanged repository changes nothing. Use it with
            'keyhound scan --baseline FILE' (or 'baseline = "FILE"' in .keyhound.toml).
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let outcome = try ScanCommand.perform(context, applyIdentitySuppression: false, crossReference: false)
        let baseline = Baseline(findings: outcome.findings)
        let path = FileText.resolve(context.arguments.value("output") ?? defaultPath, relativeTo: context.workingDirectory)
        do {
            try baseline.write(to: path)
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        for error in outcome.gathered.errors { context.console.err("keyhound: error: \(error)\n") }
        context.console.err("keyhound: wrote \(baseline.entries.count) entries to \(context.arguments.value("output") ?? defaultPath)\n")
        return outcome.gathered.errors.isEmpty ? .clean : .incomplete
    }
}
