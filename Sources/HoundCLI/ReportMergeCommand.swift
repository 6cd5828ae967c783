import HoundSupport
import HoundModel
import HoundReport

/// `keyhound report merge FILE...`: shard reports (JSON lines) merged into one report, the same,
/// finding for finding, as one unsharded sweep of the same list.
enum ReportMergeCommand: Command {
    static let spec = CommandSpec(
        name: "report merge", summary: "Merge sweep shard reports (jsonl) into one report.",
        usage: "report merge FILE... [-f FORMAT] [-o FILE]",
        options: [
            .init(name: "format", value: "FORMAT", help: "text (default), json, jsonl, sarif or github.", short: "f", choices: ["text", "json", "jsonl", "sarif", "github"]),
            .init(name: "output", value: "FILE", help: "Write the report to FILE (atomically) instead of stdout.", short: "o"),
            .init(name: "color", help: "Colour the text report even when stdout is not a terminal."),
            .init(name: "no-color", help: "Never colour the text report (also NO_COLOR=1)."),
            .init(name: "exit-zero", help: "Exit 0 even when there are findings (not when a repository failed)."),
        ],
        positionals: "FILE",
        discussion: """
            Each FILE is a 'sweep --format jsonl' report (one per shard; '-' reads stdin). Each
            finding is told again in how many other repositories the same secret appears, across
            all the files. A file cut short (no summary line) is an error.
            Exit status: 0 no findings, 1 findings, 2 a repository failed or a file could not be read,
            64 usage error.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let args = context.arguments
        let format = try ReportFormatOption.parse(args.value("format"), command: "report merge")
        guard !args.positionals.isEmpty else {
            throw UsageError(message: "name the shard reports to merge (jsonl files)", command: "report merge")
        }
        let reader = try read(args.positionals, context: context)
        let report = SweepAssembly.report(
            findings: reader.findings, repositories: reader.repositories, seconds: reader.summary.seconds,
            toolVersion: KeyhoundMain.version,
            extraErrors: reader.repositories.isEmpty ? reader.errors : [], counts: reader.summary)
        let options = ReportOptions.forCommand(args, context: context)
        try ReportOutput.stream(to: args.value("output"), context: context) {
            ReportWriter.write(report, format: format, options: options, to: &$0)
        }
        if !report.summary.errors.isEmpty { return .incomplete }
        if report.findings.isEmpty || args.has("exit-zero") { return .clean }
        return .findings
    }

    /// The reports in `files` read into one reader; a file that cannot be read, is not a report
    /// or is cut short (no summary line) is an error naming it.
    static func read(_ files: [String], context: CommandContext) throws -> ReportReader {
        var reader = ReportReader()
        for file in files {
            let bytes: [UInt8]
            if file == "-" {
                guard let read = context.console.readStdin(atMost: BoundedFile.Kind.report.limit) else {
                    throw CLIError(message: "standard input: the report is larger than \(BoundedFile.Kind.report.limit) bytes", status: .incomplete)
                }
                bytes = read
            } else {
                bytes = try FileText.readBytes(file, relativeTo: context.workingDirectory, kind: .report)
            }
            let before = reader.summaries
            do {
                try reader.read(bytes, name: file)
            } catch {
                throw CLIError(message: "\(error)", status: .incomplete)
            }
            guard reader.summaries == before + 1 else {
                throw CLIError(
                    message: "\(file): not one complete jsonl report (expected exactly one final summary line)",
                    status: .incomplete)
            }
        }
        return reader
    }
}
