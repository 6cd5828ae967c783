import Foundation
import HoundModel
import HoundReport
import Testing

/// What GitHub code scanning ranks and shows: rule help and severities, root-relative paths
/// whatever the working folder, the analysis id, and code-point columns.
@Suite struct SARIFCodeScanningTests {
    static func report(workingDirectory: String) -> ScanReport {
        var report = ReportFixture.report
        report.rules = report.rules.map {
            RuleDescriptor(
                id: $0.id, description: $0.description, tags: $0.tags, aliases: ["gl-\($0.id)"], help: "**help** for \($0.id)",
                helpURI: "https://example.com/rules#\($0.id)", confidence: "medium")
        }
        report.sourceRoot = "/repo"
        report.workingDirectory = workingDirectory
        report.automationID = "keyhound/tree/"
        return report
    }

    func run(_ workingDirectory: String) throws -> [String: Any] {
        let bytes = ReportWriter.render(Self.report(workingDirectory: workingDirectory), format: .sarif, options: ReportOptions())
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func everyPropertyCodeScanningUsesIsThere() throws {
        let log = try run("/repo")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["semanticVersion"] as? String == driver["version"] as? String)
        #expect(driver["informationUri"] is String)
        let rule = try #require((driver["rules"] as? [[String: Any]])?.first)
        #expect((rule["fullDescription"] as? [String: Any])?["text"] is String)
        #expect((rule["help"] as? [String: Any])?["markdown"] as? String == "**help** for \(rule["id"]!)")
        #expect(rule["helpUri"] is String)
        let properties = try #require(rule["properties"] as? [String: Any])
        #expect(properties["security-severity"] as? String == "5.5")
        #expect(properties["precision"] as? String == "medium")
        #expect((properties["tags"] as? [String])?.first == "security")
        #expect((run["automationDetails"] as? [String: Any])?["id"] as? String == "keyhound/tree/")
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let base = (run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any]
        #expect(base?["uri"] as? String == "file:///repo/")
    }

    @Test func pathsAreRelativeToTheRootWhateverTheWorkingFolder() throws {
        func uris(_ log: [String: Any]) -> [String] {
            let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
            return results.compactMap {
                let location = ($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
                let artifact = location?["artifactLocation"] as? [String: Any]
                return artifact?["uriBaseId"] as? String == "%SRCROOT%" ? artifact?["uri"] as? String : nil
            }
        }
        let fromRoot = uris(try run("/repo"))
        #expect(!fromRoot.isEmpty)
        // The same findings shown relative to a subfolder ("../x") map to the same root paths.
        var report = Self.report(workingDirectory: "/repo/sub")
        report.findings = report.findings.map { finding in
            var moved = finding
            moved.location.path = "../" + finding.location.path
            return moved
        }
        let bytes = ReportWriter.render(report, format: .sarif, options: ReportOptions())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(uris(log) == fromRoot)
    }

    @Test(.enabled(if: PythonJSONSchema.isAvailable, "python3 with the jsonschema package is not installed"))
    func validatesAgainstTheSchema() throws {
        let bytes = ReportWriter.render(Self.report(workingDirectory: "/repo"), format: .sarif, options: ReportOptions())
        let verdict = try PythonJSONSchema.validate(bytes, schema: SARIFSchemaTests.schema)
        #expect(verdict.status == 0, "\(verdict.output)")
    }

    @Test func gitleaksFormatHasGitleaksShape() throws {
        let bytes = ReportWriter.render(Self.report(workingDirectory: "/repo"), format: .gitleaks, options: ReportOptions())
        let array = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]])
        let first = try #require(array.first)
        for key in ["RuleID", "Description", "StartLine", "EndLine", "StartColumn", "EndColumn", "Match", "Secret", "File",
            "SymlinkFile", "Commit", "Entropy", "Author", "Email", "Date", "Message", "Tags", "Fingerprint"]
        {
            #expect(first[key] != nil, "missing \(key)")
        }
        #expect((first["RuleID"] as? String)?.hasPrefix("gl-") == true)
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in ReportFixture.allSecrets { #expect(!text.contains(String(decoding: secret, as: UTF8.self))) }
    }
}
