extension TextReport {
    /// `scanned 12 files (1.2 MB) in 0.03 s: 2 findings (1 critical, 1 high), 3 suppressed`, with
    /// `; skipped 2 binary, 1 large` and `; 1 error` when there were any.
    static func summaryLine(_ report: ScanReport, style: TextStyle) -> String {
        let summary = report.summary
        var scanned: [String] = []
        if summary.filesScanned > 0 || summary.blobsScanned == 0 {
            scanned.append(TerminalText.count(summary.filesScanned, "file"))
        }
        if summary.blobsScanned > 0 { scanned.append(TerminalText.count(summary.blobsScanned, "blob")) }
        var line = "scanned \(scanned.joined(separator: " and ")) (\(TerminalText.size(summary.bytesScanned)))"
        line += " in \(TerminalText.seconds(summary.seconds)): "
        if report.findings.isEmpty {
            line += style.good("no findings")
        } else {
            let counts = report.severityCounts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
            line += style.paint(TerminalText.count(report.findings.count, "finding"), "1;31") + " (\(counts))"
        }
        if !summary.suppressed.isEmpty { line += ", \(summary.suppressed.count) suppressed" }
        var skipped: [String] = []
        if summary.skippedBinary > 0 { skipped.append("\(summary.skippedBinary) binary") }
        if summary.skippedLarge > 0 { skipped.append("\(summary.skippedLarge) large") }
        if !skipped.isEmpty { line += "; skipped \(skipped.joined(separator: ", "))" }
        if !summary.errors.isEmpty { line += "; " + style.secret(TerminalText.count(summary.errors.count, "error")) }
        return line
    }
}
