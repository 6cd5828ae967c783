import HoundJSON
import HoundModel
import Testing

@testable import HoundReport

/// Reports are written as they go (issue 12 §4): the streamed bytes are the bytes of the whole
/// report, in whatever pieces the stream hands out, and a failing sink reaches the caller.
@Suite struct StreamingTests {
    static let everything = ReportOptions(showSuppressed: true)

    /// The fixture in reverse order with every finding's other locations reversed: the writers
    /// must sort it themselves.
    static var shuffled: ScanReport {
        var report = ReportFixture.report
        report.findings = report.findings.reversed().map { finding in
            var copy = finding
            copy.otherLocations.reverse()
            return copy
        }
        report.summary.suppressed.reverse()
        return report
    }

    @Test(arguments: ReportFormat.allCases)
    func streamedInTinyPiecesIsTheWholeReport(_ format: ReportFormat) throws {
        let whole = ReportWriter.render(ReportFixture.report, format: format, options: Self.everything)
        for capacity in [1, 7, 4096] {
            var pieces: [[UInt8]] = []
            var stream = ReportStream(capacity: capacity) { pieces.append($0) }
            ReportWriter.write(ReportFixture.report, format: format, options: Self.everything, to: &stream)
            try stream.finish()
            #expect(pieces.flatMap { $0 } == whole, "capacity \(capacity)")
            if capacity < 4096 { #expect(pieces.count >= 3, "written in pieces, not at the end") }
        }
        #expect(ReportWriter.render(Self.shuffled, format: format, options: Self.everything) == whole)
    }

    @Test func aSinkThatFailsReachesTheCaller() {
        struct Full: Error {}
        var calls = 0
        var stream = ReportStream(capacity: 8) { _ in
            calls += 1
            throw Full()
        }
        ReportWriter.write(ReportFixture.report, format: .jsonl, options: ReportOptions(), to: &stream)
        #expect(throws: Full.self) { try stream.finish() }
        #expect(calls == 1, "nothing is written after the first failure")
    }

    @Test func gitleaksStreamedIsTheDocumentBuiltWhole() {
        // The shape before streaming: one array value of every finding at every location.
        let report = ReportFixture.report
        let aliases = Dictionary(report.rules.map { ($0.id, $0.aliases) }, uniquingKeysWith: { first, _ in first })
        var objects: [JSONValue] = []
        for finding in report.findings.sorted() {
            let rule = aliases[finding.ruleID]?.first ?? finding.ruleID
            var sorted = finding
            sorted.otherLocations.sort()
            for location in [sorted.location] + sorted.otherLocations {
                objects.append(GitleaksReport.object(sorted, at: location, rule: rule, options: ReportOptions()))
            }
        }
        let whole = JSONValue.array(objects).encoded(.pretty) + [UInt8(ascii: "\n")]
        #expect(ReportWriter.render(report, format: .gitleaks, options: ReportOptions()) == whole)
        var empty = report
        empty.findings = []
        #expect(ReportWriter.render(empty, format: .gitleaks, options: ReportOptions()) == Array("[]\n".utf8))
    }
}
