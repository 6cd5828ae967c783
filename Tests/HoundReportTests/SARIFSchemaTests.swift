import HoundReport
import Testing

/// The SARIF output validates against the official OASIS SARIF 2.1.0 schema
/// (`Fixtures/sarif-schema-2.1.0.json`, from oasis-tcs/sarif-spec `Schemata/`).
@Suite(.enabled(if: PythonJSONSchema.isAvailable, "python3 with the jsonschema package is not installed"))
struct SARIFSchemaTests {
    static let schema = Snapshot.fixtures.appendingPathComponent("sarif-schema-2.1.0.json")

    static let cases: [(String, ScanReport, ReportOptions)] = [
        ("default", ReportFixture.report, ReportOptions()),
        ("suppressed", ReportFixture.report, ReportOptions(showSuppressed: true)),
        ("secrets", ReportFixture.report, ReportOptions(showSecrets: true, showSuppressed: true)),
        ("clean", ReportFixture.cleanReport, ReportOptions()),
    ]

    @Test(arguments: cases.map(\.0))
    func sarifValidates(name: String) throws {
        let (_, report, options) = try #require(Self.cases.first { $0.0 == name })
        let sarif = ReportWriter.render(report, format: .sarif, options: options)
        let verdict = try PythonJSONSchema.validate(sarif, schema: Self.schema)
        #expect(verdict.status == 0, "\(verdict.output)")
    }

    @Test func theValidatorRejectsALogWithoutRuns() throws {
        let verdict = try PythonJSONSchema.validate(Array(#"{"version": "2.1.0"}"#.utf8), schema: Self.schema)
        #expect(verdict.status == 1)
        #expect(verdict.output.contains("'runs' is a required property"))
    }
}
