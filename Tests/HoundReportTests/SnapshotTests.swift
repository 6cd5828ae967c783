import HoundReport
import Testing

/// Each format of the fixed report, pinned by a golden file.
@Suite struct SnapshotTests {
    static let everything = ReportOptions(showSuppressed: true)

    @Test func text() {
        Snapshot.expect(
            ReportWriter.render(ReportFixture.report, format: .text, options: ReportOptions()), matches: "report.txt")
    }

    @Test func textForABlockingHookWithSuppressed() {
        let options = ReportOptions(showSuppressed: true, blockMessage: true)
        Snapshot.expect(
            ReportWriter.render(ReportFixture.report, format: .text, options: options), matches: "report-block.txt")
    }

    @Test func textOfACleanScan() {
        let options = ReportOptions(blockMessage: true)
        Snapshot.expect(
            ReportWriter.render(ReportFixture.cleanReport, format: .text, options: options), matches: "clean.txt")
    }

    @Test func json() {
        Snapshot.expect(
            ReportWriter.render(ReportFixture.report, format: .json, options: Self.everything), matches: "report.json")
    }

    @Test func jsonLines() {
        Snapshot.expect(
            ReportWriter.render(ReportFixture.report, format: .jsonl, options: Self.everything), matches: "report.jsonl"
        )
    }

    @Test func sarif() {
        Snapshot.expect(
            ReportWriter.render(ReportFixture.report, format: .sarif, options: Self.everything), matches: "report.sarif"
        )
    }

    @Test func github() {
        Snapshot.expect(
            ReportWriter.render(ReportFixture.report, format: .github, options: ReportOptions()),
            matches: "report.github.txt")
    }
}
