import HoundEngine
import HoundModel
import Testing

/// A validator's word is final, documented examples are not leaks, and every candidate the
/// engine drops is listed with its reason (issue 15 §4).
@Suite struct SuppressionReasonTests {
    func reasons(_ text: String) -> [String] { BuiltinScan.scan(text).suppressed.map(\.reason) }

    @Test func badChecksumIsReportedByNoRule() {
        var fakes = EngineFakes(seed: 11)
        let bad = fakes.githubToken(validChecksum: false)
        for line in [
            "GITHUB_TOKEN=\(bad)", "token = \"\(bad)\"", "api_key: \(bad)",
            "git clone https://ci:\(bad)@github.com/acme/app.git",
        ] {
            let result = BuiltinScan.scan(line)
            #expect(result.findings.isEmpty, "\(line): \(result.findings.map(\.ruleID))")
            #expect(result.suppressed.count == 1, "\(line): \(result.suppressed.map(\.reason))")
            #expect(result.suppressed.first?.reason == "validator github-crc32 of rule github-pat: checksum mismatch")
        }
    }

    @Test func badNpmChecksumInNpmrcIsReportedByNoRule() {
        var fakes = EngineFakes(seed: 12)
        let bad = fakes.npmToken(validChecksum: false)
        let result = BuiltinScan.scan("//registry.npmjs.org/:_authToken=\(bad)\n")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.ruleID))")
        #expect(result.suppressed.map(\.reason) == ["validator github-crc32 of rule npm-access-token: checksum mismatch"])
        let good = fakes.npmToken()
        #expect(BuiltinScan.scan("//registry.npmjs.org/:_authToken=\(good)\n").findings.map(\.ruleID) == ["npm-access-token"])
    }

    @Test func documentedExamplesAreSuppressedWithTheirSource() {
        // Assembled from pieces (an array, not concatenated literals, which keyhound joins).
        let awsID = ["AKIAIOSFODNN7", "EXAMPLE"].joined()
        let awsSecret = ["wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYEXAMPLEKEY"].joined()
        let jwt = [
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
            ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        ].joined()
        let stripe = ["sk_", "test_4eC39HqLyjWDarjtT1zdp7dc"].joined()
        let minioSecret = ["zuf+tfteSlswRu7", "BJ86wekitnifI", "LbZam1KYY3TG"].joined()
        let cases: [(String, String)] = [
            ("aws_access_key_id = \(awsID)", "AWS example access key id"),
            ("aws_secret_access_key = \(awsSecret)", "AWS example secret access key"),
            ("Authorization: Bearer \(jwt)", "jwt.io"),
            ("const stripe = require('stripe')('\(stripe)');", "Stripe"),
            ("MINIO_SECRET_KEY=\(minioSecret)", "MinIO"),
            ("MONGO_URI=mongodb://myDBReader:D1fficultP%40ssw0rd@mongodb0.example.com:27017/?authSource=admin", "MongoDB"),
        ]
        for (line, what) in cases {
            let result = BuiltinScan.scan(line)
            #expect(result.findings.isEmpty, "\(line): \(result.findings.map(\.ruleID))")
            let reason = result.suppressed.first?.reason ?? ""
            #expect(reason.hasPrefix("documented example: ") && reason.contains(what) && reason.contains("https://"), "\(line): \(reason)")
        }
    }

    /// jBCrypt's known-answer vectors are published with their passwords; any other bcrypt hash
    /// is still one.
    @Test func publishedBcryptTestVectorsAreDocumentedExamples() {
        let vector = ["$2a$06$DCq7YPn5Rq63x1Lad4cll.", "TV4S6ytwfsfvkgY8jIucDrjc8deX1s."].joined()
        let vectorResult = BuiltinScan.scan("(\"\(vector)\", \"\"),\n")
        #expect(vectorResult.findings.isEmpty, "\(vectorResult.findings.map(\.ruleID))")
        #expect(vectorResult.suppressed.first?.reason.hasPrefix("documented example: jBCrypt's published bcrypt") == true)
        let other = ["$2a$06$DCq7YPn5Rq63x1Lad4cll.", "TV4S6ytwfsfvkgY8jIucDrjc8deX1t."].joined()
        #expect(BuiltinScan.scan("(\"\(other)\", \"\"),\n").findings.map(\.ruleID) == ["bcrypt-hash"])
    }

    @Test func jwtWithTheSampleSignatureUnderAnEditedPayloadIsTheExample() {
        let edited = [
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".eyJzdWIiOiI0MiIsInJvbGUiOiJhZG1pbiJ9",
            ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        ].joined()
        let result = BuiltinScan.scan("token = \"\(edited)\"")
        #expect(result.findings.isEmpty)
        #expect(result.suppressed.first?.reason.hasPrefix("documented example: jwt.io") == true)
    }

    @Test func placeholdersSeenThroughEncodings() {
        let encoded = "example-api-key-1234".base64
        #expect(reasons("API_KEY = \"\(encoded)\"").first?.hasSuffix("(seen through base64)") == true)
        let changeme = "changeme-changeme-42".base64
        #expect(reasons("client_secret: \(changeme)").first?.hasSuffix("(seen through base64)") == true)
    }

    @Test func ascendingAndKeyboardRunsAnywhereInAValue() {
        // 30 characters: an 8-character run is not a third of the value.
        #expect(reasons(#"api_key = "Zq4Kd9abcdefghW2xT7Lh5Rt8Yp3Nq""#).first == "placeholder: ascending run of 8+ characters")
        #expect(reasons(#"api_key = "Zq4Kd9qwertyuiW2xT7Lh5Rt8Yp3Nq""#).first == "placeholder: keyboard run of 8+ characters")
        #expect(reasons(#"api_key = "Zq4Kd987654321W2xT7Lh5Rt8Yp3Nq""#).first == "placeholder: descending run of 8+ characters")
        let random = ["Zq4Kd9Jx7m", "Pw2W2xT7Lh", "5Rt8Yp3Nq"].joined()
        #expect(BuiltinScan.scan("api_key = \"\(random)\"").findings.count == 1)
    }

    @Test func everyDropIsListedWithItsReason() {
        #expect(reasons(#"SECRET_KEY = "changeme-before-2027""#) == [#"placeholder: contains "changeme""#])
        #expect(reasons(#"api_key = "5630b6be-0c36-4d09-a9d1-04f197fefb06""#) == ["not a secret: UUID"])
        #expect(reasons(#"password = "aaaaaaaaaaaa""#) == ["placeholder: one repeated character"])
        let entropy = reasons(#"token = "abab1abab1abab1abab""#)
        #expect(entropy.count == 1 && entropy[0].hasPrefix("entropy "), "\(entropy)")
        let stopword = reasons(#"api_key = "q8Z2vN4tsample7wK1mP5""#)
        #expect(stopword == [#"stopword "sample" of rule generic-api-key"#], "\(stopword)")
    }

    @Test func aDropOnASpanAnotherRuleReportsIsNotListed() {
        var fakes = EngineFakes(seed: 13)
        let token = fakes.githubToken()
        let result = BuiltinScan.scan("GITHUB_TOKEN=\(token)")
        #expect(result.findings.map(\.ruleID) == ["github-pat"])
        #expect(result.suppressed.isEmpty)
    }
}
