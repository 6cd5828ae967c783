import HoundSupport

/// Credentials that providers and standards publish in their own documentation as examples
/// (AWS's `…EXAMPLE` key pair, jwt.io's sample token, Stripe's documented test key, MinIO's
/// public playground keys…), and the test vectors reference implementations publish with their
/// passwords (jBCrypt's bcrypt hashes): not leaks. A candidate whose secret is one of them is
/// suppressed with the reason "documented example: …", visible under `--show-suppressed`.
///
/// They are stored by SHA-256 fingerprint with their source, never in clear: keyhound's own
/// repository must scan clean, and the binary ships no credential, even a public one.
public enum DocumentedExamples {
    /// One documented example: what it is and where it is published.
    public struct Entry: Sendable {
        /// SHA-256 hex digest of the example's bytes.
        public var sha256: String
        /// What it is, for people (`AWS access key id from the AWS documentation`).
        public var what: String
        /// Where it is published.
        public var source: String
        /// Whether the digest is of a JWT's signature segment: any JWT ending in it (the same
        /// sample signature pasted under an edited payload) is the documented example too.
        public var isJWTSignature: Bool

        init(_ sha256: String, _ what: String, _ source: String, isJWTSignature: Bool = false) {
            self.sha256 = sha256
            self.what = what
            self.source = source
            self.isJWTSignature = isJWTSignature
        }
    }

    /// Where jBCrypt's test vectors are published.
    static let jBCryptSource = "https://www.mindrot.org/projects/jBCrypt/"

    /// The list, with sources (README "Documented examples" lists the same).
    public static let entries: [Entry] = [
        Entry(
            "1a5d44a2dca19669d72edf4c4f1c27c4c1ca4b4408fbb17f6ce4ad452d78ddb3", "AWS example access key id (…EXAMPLE)",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"),
        Entry(
            "78314b11be2e581549ac1c4f616563fad3fdf0c3b71678f6e2299182080e0598", "AWS example secret access key (…EXAMPLEKEY)",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"),
        Entry(
            "c6ea27c534f993d31f0aef882e3d200e7b87470c379ae79c8f9b19d3bd363dc9",
            "AWS CLI documentation's second example access key id (…EXAMPLE)",
            "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html"),
        Entry(
            "e21b597ba6b9cafa59d9ebc4d65c0385f5eb3fa56abab2607fa76589ad849a33",
            "AWS CLI documentation's second example secret access key (…EXAMPLEKEY)",
            "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html"),
        Entry(
            "7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606",
            "jwt.io debugger's sample token (HS256, \"John Doe\")", "https://jwt.io/"),
        Entry(
            "051d093c4bdedbf23f905ad01d9c6111414d54e2170e1d7f76657c4e76e3e65b",
            "jwt.io debugger's sample token signature (HS256, \"John Doe\")", "https://jwt.io/", isJWTSignature: true),
        Entry(
            "c794fa6d20c64efb9adf980ae93af472a1679775862d421ffe55d4a57fad5b3e",
            "jwt.io debugger's sample token (HS256, \"admin\": true)", "https://jwt.io/"),
        Entry(
            "eaa5581c2e8d2f4418f12e51a5d352efebe602d431f547a4aa2e21297bb24af5",
            "jwt.io debugger's sample token signature (HS256, \"admin\": true)", "https://jwt.io/", isJWTSignature: true),
        Entry(
            "465d9ad5d5528ebe287b5dce4fb51620833d09b290e49ddcc70ca6c4a0aea01b", "jwt.io debugger's sample HMAC secret",
            "https://jwt.io/"),
        Entry(
            "8d4ef6536dc8895f256c1e0d95dcd19763036732d64a095e44a90ed444267ad3", "RFC 7519 example JWT",
            "https://www.rfc-editor.org/rfc/rfc7519#section-3.1"),
        Entry(
            "13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3",
            "RFC 7515 example HS256 signature (also RFC 7636's example code verifier)",
            "https://www.rfc-editor.org/rfc/rfc7515#appendix-A.1", isJWTSignature: true),
        Entry(
            "8b1b17a9740c068accab5c3d0d652c8e3cc13206e70bb73b42ea41d4c2de3c12", "RFC 7515 example HMAC key",
            "https://www.rfc-editor.org/rfc/rfc7515#appendix-A.1"),
        Entry(
            "0d299b1eb548708d04534e7e050c427b56edfa15d13637a3484bdd61babf8384", "RFC 7636 example code challenge",
            "https://www.rfc-editor.org/rfc/rfc7636#appendix-B"),
        Entry(
            "6c96130f130ab0d6d158397e24d2bcc1c9a5e73ae081f6e983f1c7b545d24a4c", "RFC 6749 example access token",
            "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.4"),
        Entry(
            "00cf4c781dc37003f7c7dd7d4c9a6ef1e0f4c62d9a291aa8bc398774e3fefd32", "RFC 6749 example refresh token",
            "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.4"),
        Entry(
            "2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326",
            "Stripe's documented test-mode secret key (API reference samples)", "https://docs.stripe.com/api"),
        Entry(
            "b1471f544ceeea31333bde7e1ecbaad6eac0d4a749412ad29bd66ef895b81c6b",
            "Stripe's documented test-mode publishable key (API reference samples)", "https://docs.stripe.com/api"),
        Entry(
            "1bbb9293c38acc5e510d904495845d532df64a9e5996b2ec7c86cc2e2ac33b5a",
            "MinIO public playground (play.min.io) access key", "https://github.com/minio/minio-js#initialize-minio-client"),
        Entry(
            "df452eef23e8cf2c74af54c0c7419c05a5ec70ef4d5c2eb04082b02af8c55598",
            "MinIO public playground (play.min.io) secret key", "https://github.com/minio/minio-js#initialize-minio-client"),
        Entry(
            "d179a5dc9a45dfa90720ea2fffc2f39c9df65d245da6f9c3130b2a5b4ed83076",
            "MongoDB documentation's connection-string password",
            "https://www.mongodb.com/docs/manual/reference/connection-string/"),
        Entry(
            "412a54cd6f4c7f2859ec2a6988a79bbd6e64d17733f4b021f3253d9ed6ab57da",
            "MongoDB documentation's connection-string password (percent-encoded)",
            "https://www.mongodb.com/docs/manual/reference/connection-string/"),
        Entry(
            "0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059",
            "Azurite / Azure Storage Emulator well-known account key (devstoreaccount1)",
            "https://learn.microsoft.com/azure/storage/common/storage-use-azurite#http-connection-strings"),
        Entry(
            "9c846fdf0fa8955c377d0301542ee20ecd4585c5f359aa0a4cf15d44424f573d",
            "Mailgun documentation's sample API key (samples.mailgun.org)", "https://documentation.mailgun.com/"),
        Entry(
            "86007eb367696d3202a93e1ef98e8e9e04d0cda1229fa053f126b08dcfcfc200", "GitHub REST API description's example OAuth access token",
            "https://github.com/github/rest-api-description"),
        Entry(
            "0bc74d568394fb8fb11adf356e5b3d24856314b8f072a89252c8deeb70b159e1", "GitHub REST API description's example OAuth app client secret",
            "https://github.com/github/rest-api-description"),
        Entry(
            "0ac25cd47fc2fbbd353d0a94b4b8d6c02d63e69555528440b9a99a9fe0e4a731", "GitHub REST API description's example app webhook secret",
            "https://github.com/github/rest-api-description"),
        Entry(
            "a2c44228625d927ca3d4d698df3d7ab0d06103ffc2f89ff7dcf14208c1459b50", "GitHub REST API description's example GitHub App private key (app manifest conversion)",
            "https://github.com/github/rest-api-description"),
        Entry(
            "58ab891f5503eae682fead7e32aa4db5e0cb54faa17feab88f44f5913aac7a70", "GitHub REST API description's example temp_clone_token",
            "https://github.com/github/rest-api-description"),
        Entry(
            "64c705a5cf4254bc6bdde74b5203fcd49b73542aae68ec4a2b4540c53fa6839a", "GitHub REST API description's example runner registration token",
            "https://github.com/github/rest-api-description"),
        Entry(
            "708142cdecacc33a54a1d479bf071fb459a2d903912fb62c45b5cbffbeb69353", "GitHub REST API description's example runner remove token",
            "https://github.com/github/rest-api-description"),
        Entry(
            "6978fac9c1969d7c54a5f4ebe3fafdd60a6488abe8760900f3e7293c06e9dd22", "GitHub REST API description's example private key (escaped)",
            "https://github.com/github/rest-api-description"),
        // The known-answer vectors of jBCrypt's test suite (password, salt and hash, published
        // with the library and copied by its ports): bcrypt hashes whose passwords are public.
        Entry(
            "871fa83a88c865d2ab119dc17137b9527a368a6a438030327e460813fa003802", "jBCrypt's published bcrypt test vector 1 of 20 (cost 6)",
            jBCryptSource),
        Entry(
            "e77f60a0de6973257fc50d9976f4c93dffef79c3aa566e880560a171025bfd41", "jBCrypt's published bcrypt test vector 2 of 20 (cost 8)",
            jBCryptSource),
        Entry(
            "c469c5c73efe2fdf482ee2bf6cbf8a7b29090d7fba83e942d6534a7620474437", "jBCrypt's published bcrypt test vector 3 of 20 (cost 10)",
            jBCryptSource),
        Entry(
            "72b4cfc3bdf2d4099facef4c697929fdaea415532f7c3828aad3eb7619cb4b7d", "jBCrypt's published bcrypt test vector 4 of 20 (cost 12)",
            jBCryptSource),
        Entry(
            "be1efa053f6403cfd2ef5cc521abdb4c76300aa737bb0866fe9b8c05999e37f4", "jBCrypt's published bcrypt test vector 5 of 20 (cost 6)",
            jBCryptSource),
        Entry(
            "cc85533be2c7727683a90aee314d5b622cd272b7121eea72c9e2adb701354f79", "jBCrypt's published bcrypt test vector 6 of 20 (cost 8)",
            jBCryptSource),
        Entry(
            "28aac8a81e1bcd6f71126bb4482ceeb52ea92be792d7a65fd848541ca62369f8", "jBCrypt's published bcrypt test vector 7 of 20 (cost 10)",
            jBCryptSource),
        Entry(
            "adcf88b9ff5b9dccf5e34f1137949c45cb5c720e205844973c141563fca991f9", "jBCrypt's published bcrypt test vector 8 of 20 (cost 12)",
            jBCryptSource),
        Entry(
            "b8968518c6451be7ed2f73cbda24903fe4630c4ed62d381a9129caafdbe5211c", "jBCrypt's published bcrypt test vector 9 of 20 (cost 6)",
            jBCryptSource),
        Entry(
            "10131e6ac6dc1b7c987aa597eee4ee4292b000ea99142a37713fbbf13551f598", "jBCrypt's published bcrypt test vector 10 of 20 (cost 8)",
            jBCryptSource),
        Entry(
            "ceea83537643be9bd2aff84acc751acef05f784f1b5564d2bc48ade58e7bb5a2", "jBCrypt's published bcrypt test vector 11 of 20 (cost 10)",
            jBCryptSource),
        Entry(
            "a3301b717c42ff5c6c96b8e11a57711fad84da73eb88f7d2b96cda9eed77bd26", "jBCrypt's published bcrypt test vector 12 of 20 (cost 12)",
            jBCryptSource),
        Entry(
            "22492aca685b5d9b551ecf4842bc936dd13030d8e46b48966c45bd30c547a2c3", "jBCrypt's published bcrypt test vector 13 of 20 (cost 6)",
            jBCryptSource),
        Entry(
            "db75898496fecbdac498305bbcbc126c3db4414283745a8b1d65d65f010113e6", "jBCrypt's published bcrypt test vector 14 of 20 (cost 8)",
            jBCryptSource),
        Entry(
            "8df99c8b8820f7d001eacd03b13e066acfa14a179efc81c47aff8274d1c4399c", "jBCrypt's published bcrypt test vector 15 of 20 (cost 10)",
            jBCryptSource),
        Entry(
            "891be9166b8737d2eca3570847e607b782e967b69b32990b398d997d789c544c", "jBCrypt's published bcrypt test vector 16 of 20 (cost 12)",
            jBCryptSource),
        Entry(
            "b17871d9d3e0313b62e1009f2741692da70f396980b4fa4c90bb8d8fff168249", "jBCrypt's published bcrypt test vector 17 of 20 (cost 6)",
            jBCryptSource),
        Entry(
            "ff3849d18a59604396ee469eb7cbf514686004c0a1bf07758cb64c7066fa5ec3", "jBCrypt's published bcrypt test vector 18 of 20 (cost 8)",
            jBCryptSource),
        Entry(
            "e9de9d8815fea85db6d738ffebba261c890216415f219ecccaf3e1ba6df0ae10", "jBCrypt's published bcrypt test vector 19 of 20 (cost 10)",
            jBCryptSource),
        Entry(
            "a7396ef0e65cd378c99823d864e21f5661fd20b19543b58973d289e9c7de0b04", "jBCrypt's published bcrypt test vector 20 of 20 (cost 12)",
            jBCryptSource),
    ]

    private static let byDigest: [String: Entry] = Dictionary(
        entries.filter { !$0.isJWTSignature }.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
    private static let bySignature: [String: Entry] = Dictionary(
        entries.filter(\.isJWTSignature).map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })

    /// The documented example `secret` is, if any: the whole secret, or for a JWT its signature.
    public static func entry(for secret: ArraySlice<UInt8>) -> Entry? {
        guard secret.count >= 16 else { return nil }
        if let hit = byDigest[SHA256.hexDigest(secret)] { return hit }
        let dots = secret.lazy.filter { $0 == UInt8(ascii: ".") }.count
        if dots == 2, let lastDot = secret.lastIndex(of: UInt8(ascii: ".")), secret.endIndex - lastDot > 16 {
            return bySignature[SHA256.hexDigest(secret[(lastDot + 1)...])]
        }
        return nil
    }

    /// Whether `secret` is a provider's documented example.
    public static func contains(_ secret: ArraySlice<UInt8>) -> Bool { entry(for: secret) != nil }

    /// The suppression reason for `entry`.
    static func reason(_ entry: Entry) -> String { "documented example: \(entry.what) (\(entry.source))" }
}
