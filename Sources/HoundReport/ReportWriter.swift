/// HoundReport: turns a finished scan into bytes for people and machines.
///
/// One entry point, `ReportWriter.render(_:format:options:)`, renders a `ScanReport` as text (for a
/// terminal), JSON, JSON lines, SARIF 2.1.0 (code-scanning UIs) or GitHub Actions workflow
/// commands (pull-request annotations). Every format is deterministic: findings, their other
/// locations and suppressed findings are sorted, JSON keys come out in a fixed order, and nothing
/// depends on the clock, the locale or the environment. A secret's bytes appear only when
/// `ReportOptions.showSecrets` is set; otherwise reports carry the redacted form and the
/// fingerprint. Reports do not decide exit codes and do not write anywhere: the CLI does.
import HoundModel

/// Renders a `ScanReport` in one of the `ReportFormat`s.
public enum ReportWriter {
    /// The report as bytes (UTF-8), ready to write to stdout or a file; the same bytes `write`
    /// streams.
    public static func render(_ report: ScanReport, format: ReportFormat, options: ReportOptions) -> [UInt8] {
        ReportStream.collect { write(report, format: format, options: options, to: &$0) }
    }

    /// Writes the report to `stream` as it goes, one finding at a time: memory does not grow
    /// with the size of the output.
    ///
    /// - `text`: one block per finding, then suppressed findings (with `showSuppressed`), errors,
    ///   the pre-commit guidance (with `blockMessage`) and a summary line; ANSI colour with `color`.
    /// - `json`: one pretty-printed object `{"version", "findings", "suppressed"?, "summary"}`.
    /// - `jsonl`: one compact finding object per line, suppressed findings (with `showSuppressed`,
    ///   carrying `suppressed_by`), then a final `{"summary": {...}}` line.
    /// - `sarif`: a SARIF 2.1.0 log with one run.
    /// - `github`: `::error`/`::warning`/`::notice` workflow commands, then a plain summary line.
    /// - `gitleaks`: gitleaks' JSON report shape.
    public static func write(
        _ report: ScanReport, format: ReportFormat, options: ReportOptions, to stream: inout ReportStream
    ) {
        let ordered = OrderedReport(report)
        switch format {
        case .text: TextReport.write(ordered, options: options, to: &stream)
        case .json: JSONReport.document(ordered, options: options, to: &stream)
        case .jsonl: JSONReport.lines(ordered, options: options, to: &stream)
        case .sarif: SARIFReport.write(ordered, options: options, to: &stream)
        case .github: GitHubAnnotations.write(ordered, options: options, to: &stream)
        case .gitleaks: GitleaksReport.write(ordered, options: options, to: &stream)
        }
    }
}
