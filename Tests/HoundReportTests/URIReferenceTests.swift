import HoundReport
import Testing

@testable import HoundReport

@Suite struct URIReferenceTests {
    @Test(arguments: [
        ("src/main.swift", "src/main.swift"),
        ("src/a b.swift", "src/a%20b.swift"),
        ("c:d/e", "c%3Ad/e"),
        ("docs/café.md", "docs/caf%C3%A9.md"),
        ("100%#?.txt", "100%25%23%3F.txt"),
        ("a\\b", "a%5Cb"),
        ("/abs/x y", "file:///abs/x%20y"),
        ("-", "-"),
    ])
    func pathsBecomeURIReferences(path: String, uri: String) {
        #expect(URIReference.encoding(path: path) == uri)
    }
}

/// The installed `jsonschema` may not check the `uri-reference` format, so the SARIF output's URIs
/// are checked here against RFC 3986's characters.
@Suite struct SARIFURITests {
    @Test func everyArtifactURIIsAPercentEncodedReference() throws {
        let sarif = String(
            decoding: ReportWriter.render(
                ReportFixture.report, format: .sarif, options: ReportOptions(showSuppressed: true)),
            as: UTF8.self)
        let uris = sarif.matches(of: /"uri": "([^"]*)"/).map { String($0.1) }
        #expect(uris.count == 7)  // 3 findings, 2 other locations, 2 suppressed
        for uri in uris {
            #expect(uri.wholeMatch(of: /(file:\/\/)?([A-Za-z0-9\-._~\/]|%[0-9A-F]{2})+/) != nil, "\(uri)")
        }
    }
}
