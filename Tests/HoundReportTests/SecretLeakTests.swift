import HoundReport
import Testing

/// No report writes a secret unless asked to, and the golden files hold none.
@Suite struct SecretLeakTests {
    /// Whether `haystack` contains any 12-byte run of `secret`. The redacted form shows at most 4
    /// bytes; 12 rather than 8 so that a public prefix such as `https://` does not count.
    static func leaks(_ secret: [UInt8], in haystack: [UInt8]) -> Bool {
        let window = 12
        guard haystack.count >= window else { return false }
        for start in 0...(secret.count - window) {
            let piece = secret[start..<(start + window)]
            for offset in 0...(haystack.count - window) where haystack[offset] == piece.first {
                if haystack[offset..<(offset + window)].elementsEqual(piece) { return true }
            }
        }
        return false
    }

    static let hiddenOptions = [
        ReportOptions(),
        ReportOptions(color: true),
        ReportOptions(showSuppressed: true, blockMessage: true),
        ReportOptions(color: true, showSuppressed: true, blockMessage: true),
    ]

    @Test(arguments: ReportFormat.allCases, hiddenOptions)
    func noFormatWritesASecretUnlessAsked(format: ReportFormat, options: ReportOptions) {
        let output = ReportWriter.render(ReportFixture.report, format: format, options: options)
        for secret in ReportFixture.allSecrets {
            let leaked = Self.leaks(secret, in: output)
            #expect(!leaked, "\(format) leaks a secret with \(options)")
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func showSecretsWritesEachFindingsSecret(format: ReportFormat) {
        let output = ReportWriter.render(
            ReportFixture.report, format: format, options: ReportOptions(showSecrets: true))
        for finding in ReportFixture.report.findings {
            let shown = Self.leaks(finding.secret, in: output)
            #expect(shown, "\(format) omits \(finding.ruleID)'s secret")
        }
    }

    @Test func showSecretsWithSuppressedWritesTheirSecretsToo() {
        let options = ReportOptions(showSecrets: true, showSuppressed: true)
        for format in [ReportFormat.text, .json, .jsonl, .sarif] {
            let output = ReportWriter.render(ReportFixture.report, format: format, options: options)
            let shown = Self.leaks(ReportFixture.slackSecret, in: output)
            #expect(shown, "\(format) omits a suppressed finding's secret")
        }
    }

    @Test func goldenFilesHoldNoSecret() throws {
        let files = try Snapshot.all()
        #expect(files.count >= 7)
        for (name, bytes) in files {
            for secret in ReportFixture.allSecrets {
                let leaked = Self.leaks(secret, in: bytes)
                #expect(!leaked, "\(name) holds a secret")
            }
        }
    }

    @Test func theLeakCheckFindsAPieceOfASecret() {
        let secret = ReportFixture.githubSecret
        let whole = Self.leaks(secret, in: Array("x = ".utf8) + secret[10..<22] + Array(" y".utf8))
        let tooShort = Self.leaks(secret, in: Array("x = ".utf8) + secret[10..<21] + Array(" y".utf8))
        #expect(whole)
        #expect(!tooShort)
    }
}
