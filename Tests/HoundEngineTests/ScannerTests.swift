import HoundEngine
import HoundModel
import HoundRules
import Testing

/// Scanner behaviour with small, purpose-built rules (secrets assembled at run time).
@Suite struct ScannerTests {
    static let tokenRule = Rule(
        id: "demo-token", description: "demo", regex: #"\b(dmo_[A-Za-z0-9]{20})\b"#, keywords: ["dmo_"], entropy: 3.0)
    static let genericRule = Rule(
        id: "demo-generic", description: "generic",
        regex: #"(?i)(?:token|secret)\s*[:=]\s*["']?([A-Za-z0-9_]{16,})"#, keywords: ["token", "secret"], entropy: 3.0,
        confidence: .medium, tags: ["generic"])

    static let body = "q8Z2vN4tR7wK1mP5xL9c"  // 20 random-looking characters
    static let token = "dmo_" + body

    func scan(_ text: String, rules: [Rule] = [tokenRule, genericRule], path: String = "f.txt") throws -> FragmentResult {
        var scanner = Scanner(try CompiledRules(RuleSet(rules: rules)))
        return scanner.scan(Fragment(path: path, bytes: Array(text.utf8), provenance: .file))
    }

    @Test func findsAndLocatesASecret() throws {
        let result = try scan("a\nkey: \(Self.token)\n")
        let finding = try #require(result.findings.first)
        #expect(finding.ruleID == "demo-token")
        #expect(finding.location.line == 2)
        #expect(finding.location.column == 6)
        #expect(finding.secret == Array(Self.token.utf8))
        #expect(finding.fingerprint == Fingerprint.of(Array(Self.token.utf8)))
        #expect(!finding.context.contains(Self.body))
    }

    @Test func multibyteTextBeforeTheSecretCountsBytes() throws {
        let result = try scan("é✓ \(Self.token)")
        #expect(result.findings.first?.location.column == 7)
    }

    @Test func providerRuleBeatsGenericRuleOnTheSameSpan() throws {
        let result = try scan("token = \(Self.token)")
        #expect(result.findings.map(\.ruleID) == ["demo-token"])
    }

    @Test func inlineAllowSuppresses() throws {
        let result = try scan("x = \(Self.token)  # keyhound:allow")
        #expect(result.findings.isEmpty)
        #expect(result.suppressed.first?.reason == "inline keyhound:allow")
    }

    @Test func placeholdersAndLowEntropyAreDropped() throws {
        #expect(try scan("token = ${API_TOKEN_VALUE_HERE}").findings.isEmpty)
        #expect(try scan("secret: your_api_key_goes_here_1").findings.isEmpty)
        #expect(try scan("dmo_aaaaaaaaaaaaaaaaaaaa").findings.isEmpty)
    }

    @Test func contextRedactsEverySecretOnTheLine() throws {
        let other = "dmo_" + String(Self.body.reversed())
        let result = try scan("\(Self.token) \(other)")
        #expect(result.findings.count == 2)
        for finding in result.findings {
            #expect(!finding.context.contains(Self.body))
            #expect(!finding.context.contains(String(Self.body.reversed())))
        }
    }

    @Test func crlfLineEndings() throws {
        let result = try scan("a\r\nb \(Self.token)\r\n")
        #expect(result.findings.first?.location.line == 2)
        #expect(result.findings.first?.location.column == 3)
    }

    @Test func pathFilterLimitsARule() throws {
        var rule = Self.tokenRule
        rule.path = #"\.env$"#
        #expect(try scan(Self.token, rules: [rule], path: "a.txt").findings.isEmpty)
        #expect(try scan(Self.token, rules: [rule], path: "prod.env").findings.count == 1)
    }

    @Test func allowlistByRegexAndStopword() throws {
        var rule = Self.tokenRule
        rule.allowlists = [Allowlist(stopwords: [String(Self.body.prefix(6))])]
        let result = try scan(Self.token, rules: [rule])
        #expect(result.findings.isEmpty)
        #expect(result.suppressed.count == 1)
    }

    @Test func longSingleLineFindsTokenFarFromStart() throws {
        let filler = String(repeating: "x=1;", count: 50_000)
        let result = try scan(filler + Self.token + ";" + filler)
        #expect(result.findings.count == 1)
        #expect(result.findings.first?.location.column == filler.utf8.count + 1)
    }

    @Test func kubernetesSecretDataIsDecoded() throws {
        let encoded = Base64Fixture.encode(Array("token: \(Self.token)".utf8))
        let manifest = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: app
            data:
              config: \(encoded)
            """
        let result = try scan(manifest)
        let finding = try #require(result.findings.first { $0.ruleID == "demo-token" })
        #expect(finding.location.line == 6)
        #expect(finding.notes.contains { $0.contains("Kubernetes Secret") })
        #expect(!finding.context.contains(encoded))
    }

    @Test func hmacFingerprintsWithAnOrganisationKey() throws {
        let key = Array("org-key".utf8)
        var scanner = Scanner(try CompiledRules(RuleSet(rules: [Self.tokenRule]), fingerprintKey: key))
        let result = scanner.scan(Fragment(path: "f", bytes: Array(Self.token.utf8), provenance: .file))
        #expect(result.findings.first?.fingerprint.algorithm == .hmacSHA256)
    }

    @Test func invalidUserRegexNamesTheRule() {
        let bad = Rule(
            id: "bad-rule", description: "", regex: "(?=lookahead)", keywords: ["x"],
            source: RuleSource(file: ".keyhound.toml", line: 3, column: 1))
        #expect {
            _ = try CompiledRules(RuleSet(rules: [bad]))
        } throws: { error in
            "\(error)".hasPrefix(".keyhound.toml:3:1:") && "\(error)".contains("bad-rule")
        }
    }

    @Test func pathologicalUserRegexStaysLinear() throws {
        let rule = Rule(id: "slow", description: "", regex: "(a+)+$", keywords: ["a"])
        let text = String(repeating: "a", count: 100_000) + "!"
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try scan(text, rules: [rule]) }
        #expect(elapsed < .seconds(20), "took \(elapsed)")
    }
}

/// Standard base64 for fixtures.
enum Base64Fixture {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            let b0 = UInt32(bytes[i])
            let b1 = n > 1 ? UInt32(bytes[i + 1]) : 0
            let b2 = n > 2 ? UInt32(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(v >> 18 & 63)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(n > 1 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(n > 2 ? alphabet[Int(v & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
