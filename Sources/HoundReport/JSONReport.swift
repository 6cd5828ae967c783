import HoundJSON

/// The `json` and `jsonl` formats.
///
/// `json` is one pretty-printed document:
/// `{"version": ..., "findings": [...], "suppressed": [...] (with showSuppressed), "summary": {...}}`.
/// `jsonl` writes one compact finding object per line, then (with showSuppressed) one line per
/// suppressed finding, each carrying `suppressed_by`, and always ends with a
/// `{"summary": {...}}` line, so a reader knows the stream is complete. Both end with a newline.
/// Both are written as they go, one finding at a time.
enum JSONReport {
    /// The `json` document.
    static func document(_ report: OrderedReport, options: ReportOptions, to stream: inout ReportStream) {
        stream.writeJSON(layout: .pretty) { writer in
            writer.beginObject()
            writer.member("version", .string(report.toolVersion))
            writer.key("findings")
            writer.beginArray()
            for finding in report.findings { writer.write(finding.jsonObject(options: options)) }
            writer.end()
            if options.showSuppressed {
                writer.key("suppressed")
                writer.beginArray()
                for hidden in report.suppressed {
                    writer.write(hidden.finding.jsonObject(options: options, suppressedBy: hidden.reason))
                }
                writer.end()
            }
            writer.member("summary", report.report.summaryJSON)
            writer.end()
            writer.newline()
        }
    }

    /// The `jsonl` stream.
    static func lines(_ report: OrderedReport, options: ReportOptions, to stream: inout ReportStream) {
        stream.writeJSON(layout: .compact) { writer in
            func line(_ value: JSONValue) {
                writer.write(value)
                writer.newline()
            }
            for finding in report.findings { line(finding.jsonObject(options: options)) }
            if options.showSuppressed {
                for hidden in report.suppressed { line(hidden.finding.jsonObject(options: options, suppressedBy: hidden.reason)) }
            }
            line(.object([("summary", report.report.summaryJSON)]))
        }
    }
}
