/// The output formats `ReportWriter` can render; raw values are the `--format` spellings.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// For people: `path:line:column  rule  redacted`, details, and a summary line.
    case text
    /// One JSON document with findings and a summary.
    case json
    /// JSON lines: one finding per line, then a `{"summary": ...}` line.
    case jsonl
    /// SARIF 2.1.0, for code-scanning UIs.
    case sarif
    /// GitHub Actions workflow commands, shown as pull-request annotations.
    case github
    /// gitleaks' JSON report shape (an array of `RuleID`, `File`, `StartLine`... objects).
    case gitleaks

    /// Whether the format reads `ScanReport.rules` (SARIF's `tool.driver.rules`, gitleaks'
    /// rule aliases): describing 788 rules, help text included, was a fifth of a scan's start-up.
    public var describesRules: Bool { self == .sarif || self == .gitleaks }
}
