import Foundation
import HoundRedaction
import Testing

@testable import HoundCLI

/// No secret in clear in what keyhound says about a file: error messages quote at most a short
/// redacted excerpt of what they read, context lines hide every secret on the line (not only
/// the finding's), and a short secret shows fewer than a quarter of its characters.
@Suite(.timeLimit(.minutes(2)))
struct SecretInMessagesTests {
    /// Whether `text` shows more of `secret` than a redacted form may: any 6 consecutive
    /// characters of its random part (after the provider prefix of `prefix` characters).
    func leaks(_ text: String, _ secret: String, prefix: Int) -> Bool {
        let body = Array(secret.dropFirst(prefix))
        guard body.count >= 6 else { return text.contains(secret) }
        for start in 0...(body.count - 6) where text.contains(String(body[start..<start + 6])) { return true }
        return false
    }

    /// Files a secrets file can look like to a TOML reader, each failing in its own way.
    static let secretsFiles: [(name: String, text: String)] = [
        ("unquoted value", "STRIPE_KEY=\(KnownSecrets.stripe)\n"),
        ("a secret alone on its line", "\(KnownSecrets.stripe)\n"),
        ("a header defined twice", "[\(KnownSecrets.github)]\n[\(KnownSecrets.github)]\n"),
        ("a dotted key defined twice", "x.\(KnownSecrets.github) = 1\nx.\(KnownSecrets.github) = 2\n"),
        ("a bad number", "token = 0x\(KnownSecrets.aws)\n"),
        ("a bad date", "token = 2026-01-02T\(KnownSecrets.aws)\n"),
    ]

    @Test(arguments: [".keyhound.toml", ".gitleaks.toml"])
    func aConfigurationThatIsALinkToASecretsFileIsNotEchoed(_ name: String) throws {
        for (label, text) in Self.secretsFiles {
            let scratch = try Scratch()
            try scratch.mkdir(".git")
            try scratch.write("secrets.env", text)
            #expect(symlink("secrets.env", scratch.url(name)) == 0)
            for command in [["scan", ".", "--no-progress"], ["rules", "list"], ["baseline", "create"]] {
                let run = keyhound(command, in: scratch.path)
                #expect(run.status == .incomplete, "\(label), \(command): \(run.all)")
                #expect(run.err.contains(name + ":1:") || run.err.contains(name + ":2:"), "\(label): \(run.err)")
                for secret in KnownSecrets.all {
                    #expect(!leaks(run.all, secret, prefix: 8), "\(label), \(command): \(run.all)")
                }
            }
        }
    }

    @Test func inventoriesAndImportsThatHoldSecretsAreNotEchoed() throws {
        let scratch = try Scratch()
        try scratch.write("a.txt", "nothing here\n")
        let github = KnownSecrets.github
        let files: [(name: String, text: String, command: [String])] = [
            ("bare.toml", "\(KnownSecrets.stripe)\n", ["inventory", "list", "--inventory", "bare.toml"]),
            (
                "enum.toml", "[[keys]]\nname = \"k\"\nfingerprint = \"sha256:\(String(repeating: "a", count: 64))\"\n"
                    + "on_leak = \"\(KnownSecrets.aws)\"\n",
                ["inventory", "list", "--inventory", "enum.toml"]
            ),
            (
                "named.toml", "[[keys]]\nname = \"\(github)\"\nfingerprint = \"sha256:12\"\n",
                ["inventory", "audit", "--inventory", "named.toml"]
            ),
            ("dup.json", "{\"\(github)\": 1, \"\(github)\": 2}", ["inventory", "list", "--inventory", "dup.json"]),
            ("scan.toml", "STRIPE=\(KnownSecrets.stripe)\n", ["scan", "a.txt", "--inventory", "scan.toml", "--no-progress"]),
            ("keys.yaml", "\(github):\n  x: 1\n", ["inventory", "import", "keys.yaml", "--inventory", "new.toml"]),
            ("dup.yaml", "- \(github): 1\n  \(github): 2\n", ["inventory", "import", "dup.yaml", "--inventory", "new.toml"]),
        ]
        for (name, text, command) in files {
            try scratch.write(name, text)
            let run = keyhound(command, in: scratch.path)
            #expect(run.status == .incomplete, "\(name): \(run.all)")
            #expect(run.all.contains(name + ":"), "\(name): the message names the file: \(run.all)")
            for secret in KnownSecrets.all {
                #expect(!leaks(run.all, secret, prefix: 8), "\(name): \(run.all)")
            }
        }
    }

    /// A CSV row holding an access key id (found by a rule) and its secret access key (no rule
    /// for it alone): the context line hides both, in every format that carries it.
    @Test(arguments: ["text", "json", "jsonl"])
    func theContextLineHidesEverySecretOnTheLine(_ format: String) throws {
        let scratch = try Scratch()
        let secretKey = KnownSecrets.body(seed: 9, count: 40, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let token = KnownSecrets.body(seed: 10, count: 32, alphabet: "0123456789abcdef")
        try scratch.write("users.csv", "user,password,key,secret,note\nalice,,\(KnownSecrets.aws),\(secretKey),\(token)\n")
        let run = keyhound(["scan", "users.csv", "--format", format, "--no-progress", "--no-color"], in: scratch.path)
        #expect(run.status == .findings, "\(run.all)")
        #expect(run.out.contains("alice,,"), "the context line is there: \(run.out)")
        for secret in [KnownSecrets.aws, secretKey, token] {
            #expect(!leaks(run.all, secret, prefix: 4), "\(format): \(run.out)")
        }
    }

    @Test func redactionShowsFewerThanAQuarterAndAtMostFourCharacters() {
        let alphabets = ["abcdefghijklmnopqrstuvwxyz0123456789", "éàüß€🔑ab"]
        for alphabet in alphabets {
            for length in 1...80 {
                let secret = KnownSecrets.body(seed: UInt64(length), count: length, alphabet: alphabet)
                let redacted = Redaction.redact(Array(secret.utf8))
                let shown = redacted.prefix { $0 != "…" }
                #expect(shown.count <= 4, "\(length): \(redacted)")
                #expect(shown.count * 4 < length || shown.isEmpty, "\(length): \(redacted) shows a quarter or more")
                #expect(secret.hasPrefix(shown))
                #expect(redacted.hasSuffix("(\(length))"), "the length is counted in characters: \(redacted)")
            }
        }
        // A mixed secret: 4 ASCII then multi-byte characters (the old byte count showed 3 of 8).
        #expect(Redaction.redact(Array("abcdéééé".utf8)) == "a…(8)")
        #expect(Redaction.redact(Array("Winter26".utf8)) == "W…(8)")
    }

    @Test func aShortPasswordShowsOneCharacterOfEight() throws {
        let scratch = try Scratch()
        let password = "Wint" + "3r!x"  // assembled: the self-scan stays clean
        try scratch.write("settings.py", "password = \"\(password)\"\n")
        for format in ["text", "json", "jsonl", "sarif", "github"] {
            let run = keyhound(["scan", "settings.py", "--format", format, "--no-progress"], in: scratch.path)
            #expect(run.status == .findings, "\(format): \(run.all)")
            #expect(run.out.contains("W…(8)"), "\(format): \(run.out)")
            #expect(!run.out.contains("Wi…"), "\(format): \(run.out)")
        }
    }

    @Test func excerptsAndNames() {
        #expect(Redaction.excerpt("yes") == "\"yes\"")
        #expect(Redaction.excerpt(KnownSecrets.stripe) == "\"sk_l…\" (36 characters)")
        #expect(Redaction.name("inventory") == "\"inventory\"")
        #expect(Redaction.name(KnownSecrets.github).hasPrefix("\"ghp_…\""))
        #expect(Redaction.excerpt("a\nb\u{1B}[2J") == "\"a…\" (7 characters)")
    }
}
