import HoundModel
import HoundRedaction
import HoundReport

/// The fixed report the snapshot tests render: three findings (one matching an inventory key, one
/// from history with a commit and other locations, one generic with an awkward path and context)
/// and two suppressed ones.
///
/// Secrets are generated at test time from a seed, so no secret-looking literal sits in this file
/// and no golden file may contain one (`SecretLeakTests` checks).
enum ReportFixture {
    static let upperDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `prefix` and `count` characters from `alphabet`, drawn by a fixed linear congruential
    /// generator so every run builds the same secret.
    static func token(_ prefix: String, count: Int, alphabet: [UInt8], seed: UInt64) -> [UInt8] {
        var state = seed
        var bytes = Array(prefix.utf8)
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(alphabet[Int(state >> 33) % alphabet.count])
        }
        return bytes
    }

    static let awsSecret = token("AK" + "IA", count: 16, alphabet: upperDigits, seed: 11)
    static let githubSecret = token("gh" + "p_", count: 36, alphabet: alphanumerics, seed: 22)
    static let genericSecret = token("", count: 32, alphabet: alphanumerics, seed: 33)
    static let slackSecret =
        Array("https://hooks.slack.com/services/".utf8)
        + token("T", count: 8, alphabet: upperDigits, seed: 44) + Array("/".utf8)
        + token("B", count: 8, alphabet: upperDigits, seed: 55) + Array("/".utf8)
        + token("", count: 24, alphabet: alphanumerics, seed: 66)
    static let baselineSecret = token("", count: 40, alphabet: alphanumerics, seed: 77)

    /// Every secret in the report, found or suppressed.
    static let allSecrets = [awsSecret, githubSecret, genericSecret, slackSecret, baselineSecret]

    static let alice = CommitInfo(
        id: "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", author: "Alice Example", email: "alice@example.com",
        date: "2026-11-22T10:00:00Z", summary: "Add settings for the new deploy")
    static let bob = CommitInfo(
        id: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", author: "Bob Builder", email: "bob@example.com",
        date: "2026-01-02T09:30:00+01:00", summary: "Move settings")
    static let carol = CommitInfo(
        id: "5555aaaa5555aaaa5555aaaa5555aaaa5555aaaa", author: "Carol \"CJ\" Jones", email: "carol@example.com",
        date: "2026-03-04T12:00:00Z", summary: "Revert \"Move settings\"")

    static let paymentKey = KeyReference(
        name: "payment-gateway-prod", owner: "finance-team", consumers: ["billing-service", "checkout-service"],
        status: "active", lastRotated: "2026-10-01T00:00:00Z", onLeak: "rotate", environment: "prod")

    /// A finding whose fingerprint and context come from its secret.
    static func finding(
        _ rule: String, _ description: String, at location: Location, secret: [UInt8], context: (String) -> String,
        severity: Severity, confidence: Confidence, tags: [String], key: KeyReference? = nil,
        otherLocations: [Location] = [], notes: [String] = [], provenance: String = "file"
    ) -> Finding {
        Finding(
            ruleID: rule, description: description, location: location, otherLocations: otherLocations,
            secret: secret, fingerprint: Fingerprint.of(secret), confidence: confidence, severity: severity,
            context: context(Redaction.redact(secret)), tags: tags, key: key, notes: notes, provenanceKind: provenance)
    }

    static let aws = finding(
        "aws-access-key-id", "AWS access key ID",
        at: Location(path: "config/prod.env", line: 3, column: 19, endLine: 3, endColumn: 39),
        secret: awsSecret, context: { "AWS_ACCESS_KEY_ID=\($0)" }, severity: .critical, confidence: .high,
        tags: ["aws", "key"], key: paymentKey)

    static let github = finding(
        "github-pat", "GitHub personal access token (classic)",
        at: Location(path: "src/settings.py", line: 12, column: 14, endLine: 12, endColumn: 54, commit: alice),
        secret: githubSecret, context: { "GITHUB_TOKEN = \"\($0)\"" }, severity: .high, confidence: .high,
        tags: ["github", "token"],
        otherLocations: [
            Location(path: "src/settings.py", line: 12, column: 14, endLine: 12, endColumn: 54, commit: carol),
            Location(path: "legacy/settings.py", line: 7, column: 14, endLine: 7, endColumn: 54, commit: bob),
        ],
        provenance: "history")

    static let generic = finding(
        "generic-api-key", "Generic API key",
        at: Location(path: "docs/setup notes, v2: café.md", line: 5, column: 10, endLine: 5, endColumn: 42),
        secret: genericSecret, context: { "api_key:\t\"\($0)\" \u{1B}[2J" }, severity: .medium,
        confidence: .medium, tags: ["generic"], notes: ["decoded from base64", "entropy 4.9 bits/byte"])

    static let slack = finding(
        "slack-webhook-url", "Slack incoming webhook URL",
        at: Location(path: "docs/example.md", line: 4, column: 9, endLine: 4, endColumn: 86),
        secret: slackSecret, context: { "curl -X POST \($0) # keyhound:allow" }, severity: .medium,
        confidence: .high, tags: ["slack", "webhook"])

    static let baselined = finding(
        "generic-api-key", "Generic API key",
        at: Location(path: "test/fixtures/old.json", line: 2, column: 12, endLine: 2, endColumn: 52),
        secret: baselineSecret, context: { "\"token\": \"\($0)\"" }, severity: .low, confidence: .low,
        tags: ["generic"])

    static let rules = [
        RuleDescriptor(id: "slack-webhook-url", description: "Slack incoming webhook URL", tags: ["slack", "webhook"]),
        RuleDescriptor(id: "aws-access-key-id", description: "AWS access key ID", tags: ["aws", "key"]),
        RuleDescriptor(
            id: "github-pat", description: "GitHub personal access token (classic)", tags: ["github", "token"]),
    ]

    /// The report, findings deliberately out of order.
    static var report: ScanReport {
        ScanReport(
            findings: [generic, aws, github],
            summary: ScanSummary(
                filesScanned: 12, blobsScanned: 0, bytesScanned: 1_234_567, seconds: 0.03, skippedBinary: 2,
                skippedLarge: 1, errors: ["vendor/huge.bin: permission denied"],
                suppressed: [
                    SuppressedFinding(finding: slack, reason: "inline keyhound:allow"),
                    SuppressedFinding(finding: baselined, reason: "baseline"),
                ]),
            toolVersion: "0.1.0", rules: rules)
    }

    /// A scan that found nothing.
    static var cleanReport: ScanReport {
        ScanReport(
            findings: [], summary: ScanSummary(filesScanned: 1, bytesScanned: 512, seconds: 0.004), toolVersion: "0.1.0"
        )
    }
}
