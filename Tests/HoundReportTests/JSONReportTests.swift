import Foundation
import HoundModel
import HoundReport
import Testing

@Suite struct JSONReportTests {
    func parse(_ bytes: some Sequence<UInt8>) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func findingObjectsCarryTheDocumentedKeysInOrder() throws {
        let output = ReportWriter.render(ReportFixture.report, format: .jsonl, options: ReportOptions())
        let firstLine = try #require(String(decoding: output, as: UTF8.self).split(separator: "\n").first)
        let keys = firstLine.matches(of: /"([a-z_]+)":/).map { String($0.1) }
        let topLevel = [
            "rule", "description", "path", "line", "column", "end_line", "end_column", "fingerprint", "identity",
            "confidence", "severity", "redacted", "context", "tags", "provenance", "commit", "locations", "key",
            "registered", "notes",
        ]
        #expect(keys.filter(topLevel.contains) == topLevel)
    }

    @Test func theDocumentHasVersionFindingsAndSummary() throws {
        let output = ReportWriter.render(ReportFixture.report, format: .json, options: ReportOptions())
        let document = try parse(output)
        #expect(document["version"] as? String == "0.1.0")
        #expect(document["suppressed"] == nil)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(
            findings.compactMap { $0["rule"] as? String } == ["aws-access-key-id", "generic-api-key", "github-pat"])
        #expect(
            findings.compactMap { $0["path"] as? String } == [
                "config/prod.env", "docs/setup notes, v2: café.md", "src/settings.py",
            ])
        let aws = findings[0]
        #expect(aws["registered"] as? Bool == true)
        #expect((aws["key"] as? [String: Any])?["on_leak"] as? String == "rotate")
        #expect(aws["secret"] == nil)
        #expect(aws["fingerprint"] as? String == Fingerprint.of(ReportFixture.awsSecret).description)
        let history = findings[2]
        #expect((history["commit"] as? [String: Any])?["author"] as? String == "Alice Example")
        #expect((history["locations"] as? [[String: Any]])?.count == 2)
        #expect(findings[1]["commit"] is NSNull)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["findings"] as? Int == 3)
        #expect(summary["suppressed"] as? Int == 2)
        #expect((summary["severities"] as? [String: Int]) == ["critical": 1, "high": 1, "medium": 1, "low": 0])
    }

    @Test func showSecretsAddsTheSecretKey() throws {
        let output = ReportWriter.render(ReportFixture.report, format: .json, options: ReportOptions(showSecrets: true))
        let findings = try #require(try parse(output)["findings"] as? [[String: Any]])
        #expect(findings[0]["secret"] as? String == String(decoding: ReportFixture.awsSecret, as: UTF8.self))
    }

    @Test func jsonLinesEndWithASummaryLine() throws {
        let options = ReportOptions(showSuppressed: true)
        let output = ReportWriter.render(ReportFixture.report, format: .jsonl, options: options)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 + 2 + 1 + 1)  // findings, suppressed, summary, and the final newline
        #expect(lines.last == "")
        let objects = try lines.dropLast().map { try parse(Array($0.utf8)) }
        #expect(objects[3]["suppressed_by"] as? String == "inline keyhound:allow")
        #expect(objects[5].keys.sorted() == ["summary"])
    }

    @Test(arguments: ReportFormat.allCases)
    func outputDoesNotDependOnInputOrder(format: ReportFormat) {
        var shuffled = ReportFixture.report
        shuffled.findings.reverse()
        shuffled.findings[0].otherLocations.reverse()
        shuffled.findings[2].otherLocations.reverse()
        shuffled.summary.suppressed.reverse()
        shuffled.rules.reverse()
        let options = ReportOptions(showSuppressed: true, blockMessage: true)
        #expect(
            ReportWriter.render(shuffled, format: format, options: options)
                == ReportWriter.render(ReportFixture.report, format: format, options: options))
    }
}
