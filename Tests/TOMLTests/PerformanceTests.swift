import TOML
import Testing

/// Parsing speed on a large document. The time is printed; the bound is asserted only in
/// optimised builds (`swift test -c release --filter TOMLTests.PerformanceTests`).
@Suite struct PerformanceTests {
    /// About 1 MB of typical rule and inventory content.
    static let document: [UInt8] = {
        var text = "# generated\ntitle = \"perf\"\n"
        var index = 0
        while text.utf8.count < 1_000_000 {
            text += """
                [[rules]]
                id = "provider-token-\(index)"
                description = "Token for provider number \(index), with \\"escapes\\" and ünïcödé"
                regex = '''\\b(tok_[A-Za-z0-9]{32})\\b'''
                keywords = ["tok_", "token", "secret"]
                entropy = 3.5
                secret_group = 1
                created = 2024-05-01T12:00:00Z
                allowlist = { paths = ['''^vendor/''', "^test/"], stopwords = ["example"] }

                """
            index += 1
        }
        return Array(text.utf8)
    }()

    @Test func oneMegabyte() throws {
        let bytes = Self.document
        var best = Duration.seconds(1_000)
        var table = TOMLTable()
        for _ in 0..<5 {
            let elapsed = try ContinuousClock().measure { table = try TOMLParser.parse(bytes: bytes) }
            best = min(best, elapsed)
        }
        let rules = table["rules"]?.arrayValue?.count ?? 0
        print("TOML: parsed \(bytes.count) bytes (\(rules) rules) in \(best) (best of 5)")
        #expect(rules > 1_000)
        #if !DEBUG
            #expect(best < .milliseconds(100))
        #endif
    }
}
