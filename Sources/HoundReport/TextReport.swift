import HoundModel

/// The `text` format, for people at a terminal.
///
/// Each finding is a block: a headline `path:line:column  rule-id  redacted-secret`, then
/// labelled lines (description, the redacted context line, severity and confidence, the
/// fingerprint, the inventory match or "unregistered credential", the commit, other locations,
/// notes, and what to do next). Then come suppressed findings (with `showSuppressed`), errors,
/// the guidance a blocking hook shows (with `blockMessage`), and always a summary line. Text from
/// scanned repositories is scrubbed of control characters.
enum TextReport {
    /// Width of the label column in a finding block.
    static let labelWidth = 12

    /// The whole report, ending with a newline, written a block at a time.
    static func write(_ report: OrderedReport, options: ReportOptions, to stream: inout ReportStream) {
        let style = TextStyle(isEnabled: options.color)
        func emit(_ lines: [String]) {
            for line in lines {
                stream.write(line)
                stream.write(byte: UInt8(ascii: "\n"))
            }
        }
        for finding in report.findings {
            emit(block(for: finding, style: style, options: options))
            emit([""])
        }
        if options.showSuppressed && !report.suppressed.isEmpty {
            emit([style.strong("suppressed (\(report.suppressed.count))")])
            for hidden in report.suppressed { emit([suppressedLine(hidden, style: style, options: options)]) }
            emit([""])
        }
        if !report.summary.errors.isEmpty {
            emit([style.strong("errors (\(report.summary.errors.count))")])
            emit(report.summary.errors.map { "  " + TerminalText.scrubbed($0) })
            emit([""])
        }
        if options.blockMessage && !report.findings.isEmpty {
            emit(guidance(for: report.findings, style: style))
            emit([""])
        }
        emit([summaryLine(report.report, style: style)])
    }

    /// `path:line:column`, scrubbed.
    static func position(_ location: Location) -> String {
        TerminalText.scrubbed("\(location.path):\(location.line):\(location.column)")
    }

    /// One finding's block of lines.
    static func block(for finding: Finding, style: TextStyle, options: ReportOptions) -> [String] {
        var lines = [
            "\(style.strong(position(finding.location)))  \(style.rule(finding.ruleID))  "
                + style.secret(finding.redactedSecret)
        ]
        func add(_ label: String, _ values: [String]) {
            for (index, value) in values.enumerated() {
                let name = index == 0 ? label : ""
                let padding = String(repeating: " ", count: max(1, labelWidth - name.count))
                lines.append("    " + style.faint(name) + padding + value)
            }
        }
        lines.append("    " + TerminalText.scrubbed(finding.description))
        if !finding.context.isEmpty {
            lines.append("    " + style.faint("> " + TerminalText.scrubbed(finding.context)))
        }
        if options.showSecrets {
            add("secret", [style.secret(TerminalText.scrubbed(String(decoding: finding.secret, as: UTF8.self)))])
        }
        if let repository = finding.repository {
            var line = TerminalText.scrubbed("\(repository.name) (\(repository.location))")
            if finding.alsoInRepositories > 0 {
                line += ", also in \(finding.alsoInRepositories) other repositor"
                    + (finding.alsoInRepositories == 1 ? "y" : "ies")
            }
            add("repository", [line])
        }
        add("severity", ["\(style.severity(finding.severity)), confidence \(finding.confidence.rawValue)"])
        add(
            "fingerprint",
            [finding.hasLowEntropySecret ? "not shown (low-entropy secret: accept it with 'keyhound baseline update')" : finding.fingerprint.description])
        if let key = finding.key {
            add("key", keyLines(key, style: style))
        } else {
            add("key", [style.secret("unregistered credential") + " (not in the key inventory)"])
        }
        if let commit = finding.location.commit { add("commit", [commitLine(commit)]) }
        add("also in", finding.otherLocations.map(otherLocationLine))
        add("note", finding.notes.map(TerminalText.scrubbed))
        add("next", [nextStep(for: finding)])
        return lines
    }

    /// The inventory match: name, environment and owner, then consumers, then status and policy.
    static func keyLines(_ key: KeyReference, style: TextStyle) -> [String] {
        var first = style.good(TerminalText.scrubbed(key.name))
        if let environment = key.environment { first += " (\(TerminalText.scrubbed(environment)))" }
        first += ", owner " + TerminalText.scrubbed(key.owner ?? "none")
        var lines = [first]
        if !key.consumers.isEmpty {
            lines.append("consumers " + key.consumers.map(TerminalText.scrubbed).joined(separator: ", "))
        }
        lines.append(
            "status \(TerminalText.scrubbed(key.status)), last rotated \(TerminalText.scrubbed(key.lastRotated ?? "never")), "
                + "on leak: \(TerminalText.scrubbed(key.onLeak))")
        return lines
    }

    /// `1a2b3c4d5e6f Alice <alice@example.com> 2026-11-22T10:00:00Z "Add config"`.
    static func commitLine(_ commit: CommitInfo) -> String {
        TerminalText.scrubbed(
            "\(commit.id.prefix(12)) \(commit.author) <\(commit.email)> \(commit.date) \"\(commit.summary)\"")
    }

    /// `path:line:column`, with the commit when there is one.
    static func otherLocationLine(_ location: Location) -> String {
        guard let commit = location.commit else { return position(location) }
        return position(location) + ", commit "
            + TerminalText.scrubbed("\(commit.id.prefix(12)) (\(commit.author), \(commit.date))")
    }

    /// What to do about the finding, in one line.
    static func nextStep(for finding: Finding) -> String {
        guard let key = finding.key else {
            return
                "remove it; if it is live, rotate it at the provider and register the new key (keyhound inventory add)"
        }
        let name = TerminalText.scrubbed(key.name)
        switch key.status {
        case "active" where key.onLeak == "report":
            return "remove it and tell \(TerminalText.scrubbed(key.owner ?? "the key's owner")); policy is to report"
        case "active":
            return "remove it and rotate the key: keyhound rotate \(name)"
        default:
            return "remove it; the key is \(TerminalText.scrubbed(key.status)) in the inventory"
        }
    }

    /// `path:line:column  rule  redacted  reason`.
    static func suppressedLine(_ suppressed: SuppressedFinding, style: TextStyle, options: ReportOptions) -> String {
        let finding = suppressed.finding
        var line = "  \(position(finding.location))  \(style.rule(finding.ruleID))  \(finding.redactedSecret)"
        if options.showSecrets {
            line += " " + style.secret(TerminalText.scrubbed(String(decoding: finding.secret, as: UTF8.self)))
        }
        return line + "  " + style.faint(TerminalText.scrubbed(suppressed.reason))
    }
}
