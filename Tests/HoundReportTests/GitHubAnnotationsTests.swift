import HoundModel
import HoundReport
import Testing

@testable import HoundReport

@Suite struct GitHubAnnotationsTests {
    @Test func propertiesEscapePercentNewlinesColonsAndCommas() {
        #expect(GitHubAnnotations.escapeProperty("a,b:c%d\r\ne") == "a%2Cb%3Ac%25d%0D%0Ae")
        #expect(GitHubAnnotations.escapeData("a,b:c%d\r\ne") == "a,b:c%25d%0D%0Ae")
    }

    @Test func levelsFollowSeverity() {
        #expect(Severity.allCases.map(GitHubAnnotations.level) == ["notice", "warning", "error", "error"])
    }

    @Test func eachFindingIsOneCommandWithItsPosition() {
        let output = String(
            decoding: ReportWriter.render(ReportFixture.report, format: .github, options: ReportOptions()),
            as: UTF8.self)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 3 + 1 + 1)
        #expect(
            lines[0].hasPrefix(
                "::error file=config/prod.env,line=3,col=19,endLine=3,endColumn=39,title=keyhound aws-access-key-id::"))
        #expect(lines[1].hasPrefix("::warning file=docs/setup notes%2C v2%3A café.md,line=5,"))
        #expect(lines[3] == "::error title=keyhound scan error::vendor/huge.bin: permission denied")
        #expect(lines[4].hasPrefix("keyhound: scanned 12 files"))
    }
}
