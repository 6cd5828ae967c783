import Foundation
import HoundEngine
import HoundModel
import Testing

/// Secrets behind an encoding are found, reported at the encoded bytes, and say how they were
/// decoded (issue 15 §3).
@Suite struct DecodingTests {
    func only(_ rule: String, in text: String) throws -> Finding {
        let findings = BuiltinScan.scan(text).findings.filter { $0.ruleID == rule }
        #expect(findings.count == 1, "\(BuiltinScan.scan(text).findings.map(\.ruleID))")
        return try #require(findings.first)
    }

    @Test func base64ValueUnderAnyKey() throws {
        var fakes = EngineFakes(seed: 1)
        let token = fakes.githubToken()
        let line = "DEPLOY_CREDENTIAL_B64=\(token.base64)"
        let finding = try only("github-pat", in: "# deploy\n" + line + "\n")
        #expect(finding.secret == Array(token.utf8))
        #expect(finding.fingerprint == Fingerprint.of(Array(token.utf8)))
        #expect(finding.location.line == 2)
        #expect(finding.location.column == 23)
        #expect(finding.location.endColumn == line.utf8.count + 1)
        #expect(finding.notes == ["decoded from base64"])
        #expect(!finding.context.contains(token.base64))
        #expect(BuiltinScan.scan(line).findings.count == 1, "the encoded literal is not reported besides")
    }

    @Test func standaloneBase64Blob() throws {
        var fakes = EngineFakes(seed: 2)
        let token = fakes.githubToken()
        let finding = try only("github-pat", in: "payload:\n  \(token.base64)\n")
        #expect(finding.location.line == 2)
        #expect(finding.location.column == 3)
    }

    @Test func base64OfAJSONDocumentIsScannedWhole() throws {
        var fakes = EngineFakes(seed: 3)
        let keyID = fakes.awsKeyID()
        let json = #"{"type": "aws", "region": "eu-west-1", "access_key_id": "\#(keyID)"}"#
        let finding = try only("aws-access-key-id", in: "credentials: \(json.base64)\n")
        #expect(finding.secret == Array(keyID.utf8))
        #expect(finding.notes == ["decoded from base64"])
    }

    @Test func decodingStopsAtTheDepthBound() {
        // A JSON document (base64) holding a base64 token: two levels, found. One more JSON
        // level: three, not decoded.
        var fakes = EngineFakes(seed: 4)
        let token = fakes.githubToken()
        let twice = #"{"kind": "deploy", "auth": "\#(token.base64)"}"#.base64
        let finding = BuiltinScan.scan("blob: \(twice)\n").findings.first { $0.ruleID == "github-pat" }
        #expect(finding?.notes == ["decoded from base64", "decoded from base64"])
        let thrice = #"{"kind": "wrapper", "inner": "\#(twice)"}"#.base64
        #expect(!BuiltinScan.scan("blob: \(thrice)\n").findings.contains { $0.ruleID == "github-pat" })
    }

    @Test func percentEncodedTokenIsFound() throws {
        var fakes = EngineFakes(seed: 5)
        let token = fakes.githubToken()
        let encoded = token.replacingOccurrences(of: "_", with: "%5F")
        let line = "https://api.acme.io/hook?access=\(encoded)&x=1"
        let finding = try only("github-pat", in: line)
        #expect(finding.secret == Array(token.utf8))
        #expect(finding.notes == ["percent-decoded"])
        #expect(finding.location.column == 33)
        #expect(finding.location.endColumn == 33 + encoded.utf8.count)
    }

    @Test func urlPasswordIsFingerprintedDecoded() throws {
        let password = ["Zr7", "@kQ9vLp2xW"].joined()
        let url = ["DATABASE_URL=postgres://billing:Zr7", "%40", "kQ9vLp2xW@db.internal/billing"].joined()
        let encoded = try only("postgres-url-password", in: url)
        #expect(encoded.secret == Array(password.utf8))
        #expect(encoded.fingerprint == Fingerprint.of(Array(password.utf8)))
        #expect(encoded.notes.contains("percent-decoded"))
        // The same password written with a bare @ (an invalid URL people write anyway).
        let bare = try only("postgres-url-password", in: "DATABASE_URL=postgres://billing:\(password)@db.internal/billing")
        #expect(bare.fingerprint == encoded.fingerprint)
        #expect(bare.location.column == 33)
    }

    @Test func escapedJSONInsideAString() throws {
        var fakes = EngineFakes(seed: 6)
        let secret = fakes.awsSecret()
        let line = #"{"settings": "{\"awsSecretKey\": \"\#(secret)\", \"region\": \"eu-west-1\"}"}"#
        let finding = try only("aws-secret-access-key", in: line)
        #expect(finding.secret == Array(secret.utf8))
        #expect(finding.notes == ["string escapes decoded"])
        let column = try #require(line.range(of: secret)).lowerBound.utf16Offset(in: line) + 1
        #expect(finding.location.column == column)
    }

    @Test func tokenSplitAcrossConcatenatedLiterals() throws {
        var fakes = EngineFakes(seed: 7)
        let token = fakes.githubToken()
        let head = String(token.prefix(12))
        let tail = String(token.dropFirst(12))
        let source = """
            let token = "\(head)" +
                "\(tail)"
            """
        let finding = try only("github-pat", in: source)
        #expect(finding.secret == Array(token.utf8))
        #expect(finding.notes == ["string literals joined"])
        #expect(finding.location.line == 1)
        #expect(finding.location.endLine == 2)
    }

    @Test func pemKeyWrittenAsConcatenatedLiteralsInPHP() throws {
        // PHP joins with '.', which the escaped-key rule does not read; the joined literals hold
        // a plain PEM block.
        var fakes = EngineFakes(seed: 8)
        let body = (0..<6).map { _ in fakes.draw(64, from: EngineFakes.base64) }
        var lines = [#"$key = "-----BEGIN " . "PRIVATE KEY-----\n" ."#]
        for row in body { lines.append(#"    "\#(row)\n" ."#) }
        lines.append(#"    "-----END PRIVATE KEY-----\n";"#)
        let findings = BuiltinScan.scan(lines.joined(separator: "\n")).findings
        let key = try #require(findings.first { $0.ruleID.hasPrefix("private-key") })
        #expect(key.notes == ["string literals joined"])
        #expect(key.location.line == 1)
        #expect(key.location.endLine == lines.count)
    }

    @Test func inlineAllowOnTheEncodedLineApplies() {
        var fakes = EngineFakes(seed: 9)
        let token = fakes.githubToken()
        let result = BuiltinScan.scan("BLOB=\(token.base64)  # keyhound:allow\n")
        #expect(result.findings.isEmpty)
        #expect(result.suppressed.contains { $0.finding.ruleID == "github-pat" && $0.reason == "inline keyhound:allow" })
    }

    @Test func hugeBase64RunsStayBounded() {
        // 200 KB of base64 holding markers every few bytes: each run is decoded once, within the
        // budget, and the scan returns.
        let chunk = String(repeating: "Z2hwX", count: 20_000) + "eyJ" + String(repeating: "QUtJQ", count: 20_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = BuiltinScan.scan("x = " + chunk + "\n") }
        #expect(elapsed < .seconds(60), "took \(elapsed)")
    }

    @Test func escapedQuotesWithoutSecretsFindNothing() {
        let source = #"print("He said \"hello\" and left"); let msg = "a \"quoted\" word""#
        #expect(BuiltinScan.scan(source).findings.isEmpty)
    }
}
