import HoundModel
import HoundReport
import Testing

@Suite struct TextReportTests {
    func text(_ report: ScanReport, _ options: ReportOptions = ReportOptions()) -> String {
        String(decoding: ReportWriter.render(report, format: .text, options: options), as: UTF8.self)
    }

    @Test func theSummaryLineCountsFilesBytesTimeFindingsAndSuppressed() {
        var report = ReportFixture.report
        report.findings = [ReportFixture.aws, ReportFixture.baselined]
        report.summary.suppressed += [SuppressedFinding(finding: ReportFixture.slack, reason: ".keyhoundignore")]
        report.summary.skippedBinary = 0
        report.summary.skippedLarge = 0
        report.summary.errors = []
        let last = text(report).split(separator: "\n").last
        #expect(last == "scanned 12 files (1.2 MB) in 0.03 s: 2 findings (1 critical, 1 low), 3 suppressed")
    }

    @Test func aHistorySweepCountsBlobs() {
        let report = ScanReport(
            findings: [], summary: ScanSummary(blobsScanned: 40, bytesScanned: 2_000_000, seconds: 1.5),
            toolVersion: "x")
        #expect(text(report) == "scanned 40 blobs (2.0 MB) in 1.50 s: no findings\n")
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!text(ReportFixture.report).contains("\u{1B}"))
        #expect(text(ReportFixture.report, ReportOptions(color: true)).contains("\u{1B}[1;31mcritical\u{1B}[0m"))
    }

    @Test func theBlockMessageAppearsOnlyWithFindings() {
        let options = ReportOptions(blockMessage: true)
        #expect(text(ReportFixture.report, options).contains("keyhound blocked this change: 3 secrets in"))
        #expect(!text(ReportFixture.cleanReport, options).contains("blocked"))
        #expect(!text(ReportFixture.report).contains("blocked"))
    }

    @Test func suppressedFindingsAreListedOnlyWhenAsked() {
        #expect(!text(ReportFixture.report).contains("inline keyhound:allow"))
        #expect(text(ReportFixture.report, ReportOptions(showSuppressed: true)).contains("inline keyhound:allow"))
    }
}
