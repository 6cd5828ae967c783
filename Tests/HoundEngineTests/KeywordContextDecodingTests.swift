import Foundation
import HoundEngine
import HoundModel
import Testing

/// A rule that needs a keyword on the line (Sendbird's 40 hex, Twilio's 32 hex) finds its secret
/// behind base64 or joined literals: the decoded view carries the line before the value, and a
/// piece of a joined secret is not reported besides the whole (issue 15 §3).
@Suite struct KeywordContextDecodingTests {
    static let hex = Array("0123456789abcdef".utf8)

    func findings(_ text: String) -> [Finding] { BuiltinScan.scan(text).findings }

    @Test func base64ValueUnderANamingKeyNeedsNoMarker() throws {
        var fakes = EngineFakes(seed: 21)
        let token = fakes.draw(40, from: Self.hex)
        let line = "SENDBIRD_API_TOKEN_B64=\(token.base64)"
        let found = findings("# settings\n" + line + "\n")
        #expect(found.map(\.ruleID) == ["sendbird-api-token"], "\(found.map(\.ruleID))")
        let finding = try #require(found.first)
        #expect(finding.secret == Array(token.utf8))
        #expect(finding.notes == ["decoded from base64"])
        #expect(finding.location.line == 2)
        #expect(finding.location.column == 24)
        #expect(finding.location.endColumn == line.utf8.count + 1)
        #expect(!finding.context.contains(token.base64))
    }

    @Test func base64ValueUnderAQuotedCamelCaseKey() throws {
        var fakes = EngineFakes(seed: 22)
        let token = fakes.draw(40, from: Self.hex)
        let found = findings(#"{"sendbirdApiTokenBase64": "\#(token.base64)", "region": "eu"}"#)
        #expect(found.map(\.ruleID) == ["sendbird-api-token"], "\(found.map(\.ruleID))")
        #expect(found.first?.secret == Array(token.utf8))
    }

    @Test func aSecretInTheContextIsNotReportedTwice() {
        var fakes = EngineFakes(seed: 23)
        let token = fakes.githubToken()
        let note = "rotated by the release team on monday".base64
        let found = findings(#"{"deploy": "\#(token)", "note": "\#(note)"}"#)
        #expect(found.map(\.ruleID) == ["github-pat"], "\(found.map(\.ruleID))")
        #expect(found.first?.notes == [])
    }

    @Test func base64OfShortOrBinaryValuesIsNotDecoded() {
        // 12 bytes of binary (not text) and a 12-character value (under 16): nothing to read.
        let binary = String(decoding: Base64.encode([0x00, 0x9F, 0x10, 0xFF, 0x01, 0x02, 0xE0, 0x80, 0x7F, 0x05, 0x06, 0xC3]), as: UTF8.self)
        #expect(findings("SENDBIRD_API_TOKEN_B64=\(binary)\nSENDBIRD_API_TOKEN_B64=c2hvcnQtb25l\n").isEmpty)
    }

    @Test func joinedLiteralsUnderANamingKey() throws {
        var fakes = EngineFakes(seed: 24)
        let token = fakes.draw(40, from: Self.hex)
        let source = """
            sendbird_api_token = "\(token.prefix(20))" +
                "\(token.dropFirst(20))"
            """
        let found = findings(source)
        #expect(found.map(\.ruleID) == ["sendbird-api-token"], "\(found.map(\.ruleID))")
        let finding = try #require(found.first)
        #expect(finding.secret == Array(token.utf8))
        #expect(finding.notes == ["string literals joined"])
        #expect(finding.location.line == 1)
        #expect(finding.location.column == 23)
        #expect(finding.location.endLine == 2)
    }

    @Test func aProviderRulesPieceOfAJoinedKeyIsTheWholeKey() throws {
        // The first literal alone is a valid-looking Stripe key: it is a piece of the joined one.
        var fakes = EngineFakes(seed: 25)
        let key = "sk_" + "live_" + fakes.draw(99, from: EngineFakes.base62)
        let source = """
            stripe_key = "\(key.prefix(50))" +
                "\(key.dropFirst(50))"
            """
        let result = BuiltinScan.scan(source)
        #expect(result.findings.map(\.ruleID) == ["stripe-secret-key"], "\(result.findings.map(\.ruleID))")
        #expect(result.findings.first?.secret == Array(key.utf8))
        #expect(!result.suppressed.contains { $0.finding.secret == Array(key.prefix(50).utf8) })
    }

    @Test func aGenericPieceOfAJoinedTokenIsNotReported() throws {
        var fakes = EngineFakes(seed: 26)
        let token = fakes.githubToken()
        let source = """
            api_token = "\(token.prefix(24))" +
                "\(token.dropFirst(24))"
            """
        let found = findings(source)
        #expect(found.map(\.ruleID) == ["github-pat"], "\(found.map(\.ruleID))")
    }

    @Test func base64OfAURLIsDecodedUnderAnyKey() throws {
        // No rule keyword on the line: the base64 of `https://` is the marker.
        var fakes = EngineFakes(seed: 27)
        let projectID = fakes.draw(32, from: Self.hex)
        let url = "https://mainnet.infura.io/v3/\(projectID)"
        let found = findings("ETH_RPC_URL_B64=\(url.base64)\n")
        #expect(found.map(\.ruleID) == ["infura-endpoint-url"], "\(found.map(\.ruleID))")
        #expect(found.first?.notes == ["decoded from base64"])
    }

    @Test func aURLPasswordWithABarePercentIsKeptAsWritten() throws {
        // `%dD` reads as an escape, but decodes to a byte that is not text: the password was
        // written with a bare `%`.
        let password = ["UJ76u", "%dDEG6mWoS_"].joined()
        let found = findings("MONGO_URL=mongodb+srv://app:\(password)@cluster0.acme.mongodb.net/shop\n")
        let finding = try #require(found.first { $0.ruleID == "mongodb-url-password" }, "\(found.map(\.ruleID))")
        #expect(finding.secret == Array(password.utf8))
        #expect(finding.notes.isEmpty)
    }

    @Test func aTokenWithPercentSignsInAURLQueryIsReadDecoded() throws {
        // Twitter bearer tokens hold `%2B` and `%3D`; in a URL query their `%` is written `%25`.
        var fakes = EngineFakes(seed: 28)
        let token = String(repeating: "A", count: 22) + fakes.draw(30, from: EngineFakes.base62) + "%2B"
            + fakes.draw(20, from: EngineFakes.base62) + "%3D" + fakes.draw(40, from: EngineFakes.base62)
        let query = token.replacingOccurrences(of: "%", with: "%25")
        let found = findings("callback = \"https://hooks.acme.io/in?twitter_bearer_token=\(query)\"\n")
        #expect(found.map(\.ruleID) == ["twitter-bearer-token"], "\(found.map(\.ruleID))")
        #expect(found.first?.secret == Array(token.utf8))
        #expect(found.first?.notes == ["percent-decoded"])
    }
}
