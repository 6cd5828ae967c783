/// The `json` and `jsonl` formats.
///
/// `json` is one pretty-printed document:
/// `{"version": ..., "findings": [...], "suppressed": [...] (with showSuppressed), "summary": {...}}`.
/// `jsonl` writes one compact finding object per line, then (with showSuppressed) one line per
/// suppressed finding, each carrying `suppressed_by`, and always ends with a
/// `{"summary": {...}}` line, so a reader knows the stream is complete. Both end with a newline.
enum JSONReport {
    /// The `json` document.
    static func document(_ report: ScanReport, options: ReportOptions) -> [UInt8] {
        var members: [(String, JSONValue)] = [
            ("version", .string(report.toolVersion)),
            ("findings", .array(report.findings.map { $0.jsonObject(options: options) })),
        ]
        if options.showSuppressed { members.append(("suppressed", .array(report.suppressedJSON(options: options)))) }
        members.append(("summary", report.summaryJSON))
        return JSONValue.object(members).encoded(.pretty) + [UInt8(ascii: "\n")]
    }

    /// The `jsonl` stream.
    static func lines(_ report: ScanReport, options: ReportOptions) -> [UInt8] {
        var values = report.findings.map { $0.jsonObject(options: options) }
        if options.showSuppressed { values += report.suppressedJSON(options: options) }
        values.append(.object([("summary", report.summaryJSON)]))
        var out: [UInt8] = []
        for value in values {
            out += value.encoded(.compact)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}
