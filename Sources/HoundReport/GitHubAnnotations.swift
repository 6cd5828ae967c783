import HoundModel

/// The `github` format: GitHub Actions workflow commands, which the runner turns into annotations
/// on the pull request's files.
///
/// One `::error`, `::warning` or `::notice` line per finding (critical and high → error, medium →
/// warning, low → notice) with `file`, `line`, `col`, `endLine`, `endColumn` and
/// `title=keyhound <rule-id>`, and a multi-line message (what, redacted secret, fingerprint,
/// inventory match, commit, other locations). Scan errors become `::error` lines without a file.
/// Suppressed findings are not annotated. A plain summary line ends the output.
enum GitHubAnnotations {
    /// How many other locations a message lists before it says "and N more".
    static let otherLocationLimit = 5

    /// All the commands, then the summary line, ending with a newline, one line at a time.
    static func write(_ report: OrderedReport, options: ReportOptions, to stream: inout ReportStream) {
        func emit(_ line: String) {
            stream.write(line)
            stream.write(byte: UInt8(ascii: "\n"))
        }
        for finding in report.findings { emit(annotation(for: finding, options: options)) }
        for error in report.summary.errors {
            emit(command("error", properties: [("title", "keyhound scan error")], message: TerminalText.scrubbed(error)))
        }
        emit("keyhound: " + TextReport.summaryLine(report.report, style: TextStyle(isEnabled: false)))
    }

    /// The command for one finding.
    static func annotation(for finding: Finding, options: ReportOptions) -> String {
        let location = finding.location
        let properties = [
            ("file", TerminalText.scrubbed(location.path)),
            ("line", String(location.line)),
            ("col", String(location.column)),
            ("endLine", String(location.endLine)),
            ("endColumn", String(location.endColumn)),
            ("title", "keyhound \(finding.ruleID)"),
        ]
        return command(
            level(finding.severity), properties: properties, message: message(for: finding, options: options))
    }

    /// The message lines, scrubbed, joined by newlines (escaped later as `%0A`).
    static func message(for finding: Finding, options: ReportOptions) -> String {
        var lines = [
            "\(finding.description): \(finding.redactedSecret) (\(finding.severity.rawValue), confidence \(finding.confidence.rawValue))"
        ]
        if options.showSecrets { lines.append("secret: " + String(decoding: finding.secret, as: UTF8.self)) }
        if !finding.hasLowEntropySecret { lines.append("fingerprint \(finding.fingerprint)") }
        if let key = finding.key {
            lines.append(
                "inventory key \(key.name), owner \(key.owner ?? "none"), status \(key.status), on leak: \(key.onLeak)")
        } else {
            lines.append("unregistered credential (not in the key inventory)")
        }
        if let commit = finding.location.commit {
            lines.append("introduced in \(commit.id.prefix(12)) by \(commit.author) on \(commit.date)")
        }
        for other in finding.otherLocations.prefix(otherLocationLimit) {
            lines.append("also in " + TextReport.otherLocationLine(other))
        }
        if finding.otherLocations.count > otherLocationLimit {
            lines.append("and \(finding.otherLocations.count - otherLocationLimit) more locations")
        }
        return lines.map(TerminalText.scrubbed).joined(separator: "\n")
    }

    /// `critical`/`high` → `error`, `medium` → `warning`, `low` → `notice`.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "notice"
        }
    }

    /// `::level key=value,...::message`, with properties and message escaped.
    static func command(_ level: String, properties: [(String, String)], message: String) -> String {
        let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(level)\(list.isEmpty ? "" : " " + list)::\(escapeData(message))"
    }

    /// A command's message: `%` → `%25`, CR → `%0D`, LF → `%0A`.
    static func escapeData(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A command property value: as a message, plus `:` → `%3A` and `,` → `%2C`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
