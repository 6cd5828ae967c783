import HoundReport

/// `keyhound report html FILE -o report.html`: one self-contained, redacted HTML page from a
/// sweep's or a scan's `jsonl` report.
enum ReportHTMLCommand: Command {
    static let spec = CommandSpec(
        name: "report html", summary: "Render a jsonl report (sweep or scan) as one self-contained HTML page.",
        usage: "report html FILE... [-o report.html] [--title TEXT]",
        options: [
            .init(name: "output", value: "FILE", help: "Write the page to FILE (atomically) instead of stdout.", short: "o"),
            .init(name: "title", value: "TEXT", help: "The page's title (default: keyhound report)."),
        ],
        positionals: "FILE",
        discussion: """
            Reads 'sweep --format jsonl' or 'scan --format jsonl' reports (several files, such as shard
            reports, are merged as 'report merge' does). The page needs no network: styles, the
            script that sorts and filters the tables, and the SVG charts are inline, and every table
            is plain HTML, readable without JavaScript. Secrets appear redacted, as in every report.
            Commits and paths link to GitHub, GitLab or Bitbucket when a repository's location is
            one of their clone URLs.
            Exit status: 0 written, 2 a file could not be read, 64 usage error.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let args = context.arguments
        guard !args.positionals.isEmpty else {
            throw UsageError(message: "name the jsonl report to render", command: "report html")
        }
        let reader = try ReportMergeCommand.read(args.positionals, context: context)
        let report = SweepAssembly.report(
            findings: reader.findings, repositories: reader.repositories, seconds: reader.summary.seconds,
            toolVersion: KeyhoundMain.version,
            extraErrors: reader.repositories.isEmpty ? reader.errors : [], counts: reader.summary)
        let page = HTMLReport.render(report, title: args.value("title") ?? "keyhound report")
        try ReportOutput.write(Array(page.utf8), to: args.value("output"), context: context)
        return .clean
    }
}
