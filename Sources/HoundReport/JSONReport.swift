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
        var writer = JSONStreamWriter(layout: .pretty)
        writer.beginObject(&stream)
        writer.member("version", .string(report.toolVersion), &stream)
        writer.key("findings", &stream)
        writer.beginArray(&stream)
        for finding in report.findings { writer.value(finding.jsonObject(options: options), &stream) }
        writer.endArray(&stream)
        if options.showSuppressed {
            writer.key("suppressed", &stream)
            writer.beginArray(&stream)
            for hidden in report.suppressed {
                writer.value(hidden.finding.jsonObject(options: options, suppressedBy: hidden.reason), &stream)
            }
            writer.endArray(&stream)
        }
        writer.member("summary", report.report.summaryJSON, &stream)
        writer.endObject(&stream)
        stream.write(byte: UInt8(ascii: "\n"))
    }

    /// The `jsonl` stream.
    static func lines(_ report: OrderedReport, options: ReportOptions, to stream: inout ReportStream) {
        func line(_ value: JSONValue) {
            stream.write(value.encoded(.compact))
            stream.write(byte: UInt8(ascii: "\n"))
        }
        for finding in report.findings { line(finding.jsonObject(options: options)) }
        if options.showSuppressed {
            for hidden in report.suppressed { line(hidden.finding.jsonObject(options: options, suppressedBy: hidden.reason)) }
        }
        line(.object([("summary", report.report.summaryJSON)]))
    }
}
