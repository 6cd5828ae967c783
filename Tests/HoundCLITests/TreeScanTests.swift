import Foundation
import HoundRules
import Testing

/// `keyhound scan [PATH]`: a working tree with three planted secrets and one allowed on its line.
@Suite("scan of a working tree")
final class TreeScanTests {
    let sandbox: Sandbox
    let planted: [Planted]
    let allowedSecret: String

    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 1)
        let aws = secrets.awsAccessKeyID()
        let github = secrets.githubToken()
        let slack = secrets.slackBotToken()
        allowedSecret = secrets.awsAccessKeyID()
        let settings = """
            # settings
            DEBUG = False
            AWS_ACCESS_KEY_ID = "\(aws)"
            REGION = "eu-west-1"

            """
        let app = """
            const client = new Client({
              token: "\(github)",
            });

            """
        let env = "SLACK_BOT_TOKEN='\(slack)'\n"
        try sandbox.write("config/settings.py", settings)
        try sandbox.write("src/app.js", app)
        try sandbox.write("deploy/chat.env", env)
        try sandbox.write("fixtures.py", "SAMPLE = \"\(allowedSecret)\"  # keyhound:allow test fixture\n")
        try sandbox.write("README.md", "# demo\nNothing to see here.\n")
        try sandbox.commit("initial")
        planted = [
            Planted("aws-access-key-id", aws, in: settings, path: "config/settings.py"),
            Planted("github-pat", github, in: app, path: "src/app.js"),
            Planted("slack-bot-token", slack, in: env, path: "deploy/chat.env"),
        ]
    }

    deinit { sandbox.remove() }

    var secrets: [String] { planted.map(\.secret) + [allowedSecret] }

    func expectNoSecret(in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "the report holds a secret in clear", sourceLocation: sourceLocation)
        }
    }

    @Test("the text report lists each secret at file:line:column, redacted, and exits 1")
    func textReport() {
        let run = sandbox.keyhound(["scan"])
        #expect(run.status == 1, "\(run)")
        for secret in planted {
            #expect(run.stdout.contains("\(secret.path):\(secret.line):\(secret.column)  \(secret.rule)"), "\(run)")
        }
        #expect(run.stdout.contains("3 findings"), "\(run)")
        #expect(run.stdout.contains("scanned 5 files"), "the summary line: \(run)")
        // Not a terminal: no progress line, no colour.
        #expect(!(run.stdout + run.stderr).contains("\r") && !(run.stdout + run.stderr).contains("\u{1B}"))
        expectNoSecret(in: run.stdout + run.stderr)
    }

    @Test("a clean tree exits 0")
    func cleanTree() throws {
        let clean = try Sandbox()
        defer { clean.remove() }
        try clean.write("main.swift", "print(\"hello\")\n")
        try clean.write("docs/notes.md", "api_key = os.environ[\"API_KEY\"]\n")
        let run = clean.keyhound(["scan"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("no findings"), "\(run)")
    }

    @Test("JSON carries rule, path, line, column, fingerprint and confidence, never the secret")
    func jsonReport() throws {
        let run = sandbox.keyhound(["scan", "--format", "json"])
        #expect(run.status == 1, "\(run)")
        let findings = try run.findings()
        #expect(Set(findings.compactMap(Reported.init(json:))) == Set(planted.map(Reported.init)))
        for finding in findings {
            for field in ["rule", "path", "line", "column", "fingerprint", "confidence"] {
                #expect(finding[field] != nil, "missing \(field)")
            }
            #expect((finding["fingerprint"] as? String)?.hasPrefix("sha256:") == true)
            #expect(finding["secret"] == nil)
        }
        expectNoSecret(in: run.stdout)
    }

    @Test("--show-secrets adds each raw secret, and only then")
    func showSecrets() throws {
        let run = sandbox.keyhound(["scan", "--format", "json", "--show-secrets"])
        let bySecret = Dictionary(
            uniqueKeysWithValues: try run.findings().compactMap { f in (f["secret"] as? String).map { ($0, f) } })
        for secret in planted {
            #expect((bySecret[secret.secret]?["rule"] as? String) == secret.rule, "\(run)")
        }
    }

    @Test("JSON lines: one object per finding, then the summary")
    func jsonLinesReport() throws {
        let run = sandbox.keyhound(["scan", "--format", "jsonl"])
        #expect(run.status == 1)
        let lines = try run.jsonLines()
        let findings = lines.filter { $0["summary"] == nil }
        #expect(Set(findings.compactMap(Reported.init(json:))) == Set(planted.map(Reported.init)))
        for finding in findings {
            #expect(finding["fingerprint"] is String && finding["confidence"] is String)
        }
        #expect(JSON.at(lines.last, "summary", "findings") as? Int == 3)
        expectNoSecret(in: run.stdout)
    }

    @Test("SARIF results carry rule, location, fingerprint, confidence and partialFingerprints")
    func sarifReport() throws {
        let run = sandbox.keyhound(["scan", "--format", "sarif"])
        #expect(run.status == 1)
        let sarif = try run.json()
        #expect(sarif["version"] as? String == "2.1.0")
        let results = try #require(JSON.at(sarif, "runs", 0, "results") as? [[String: Any]])
        var reported: Set<Reported> = []
        for result in results {
            let rule = try #require(result["ruleId"] as? String)
            let location = JSON.at(result, "locations", 0, "physicalLocation")
            let path = try #require(JSON.at(location, "artifactLocation", "uri") as? String)
            let line = try #require(JSON.at(location, "region", "startLine") as? Int)
            let column = try #require(JSON.at(location, "region", "startColumn") as? Int)
            reported.insert(Reported(rule: rule, path: path, line: line, column: column))
            #expect((JSON.at(result, "properties", "fingerprint") as? String)?.hasPrefix("sha256:") == true)
            #expect(JSON.at(result, "properties", "confidence") is String)
            #expect((result["partialFingerprints"] as? [String: String])?.isEmpty == false)
        }
        #expect(reported == Set(planted.map(Reported.init)))
        expectNoSecret(in: run.stdout)
    }

    @Test("GitHub workflow annotations name file, line, column, rule, fingerprint and confidence")
    func githubAnnotations() {
        let run = sandbox.keyhound(["scan", "--format", "github"])
        #expect(run.status == 1)
        let annotations = run.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.count == planted.count, "\(run)")
        for secret in planted {
            let line = annotations.first { $0.contains("file=\(secret.path),") }
            #expect(line?.contains("line=\(secret.line),col=\(secret.column)") == true, "\(run)")
            #expect(line?.contains(secret.rule) == true)
            #expect(line?.contains("sha256:") == true)
            #expect(line?.contains("confidence") == true)
        }
        expectNoSecret(in: run.stdout + run.stderr)
    }

    @Test("--output writes the report to the file (via rename: no temporary file left), not stdout")
    func outputFile() throws {
        let out = sandbox.root + "/reports"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let run = sandbox.keyhound(["scan", "--format", "json", "--output", out + "/keyhound.json"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdoutBytes.isEmpty)
        let written = try JSON.object(Array(try Data(contentsOf: URL(fileURLWithPath: out + "/keyhound.json"))))
        #expect((written["findings"] as? [Any])?.count == planted.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["keyhound.json"])

        // A relative --output is relative to the working folder.
        let relative = sandbox.keyhound(["scan", "--format", "sarif", "-o", "../reports/keyhound.sarif"])
        #expect(relative.status == 1)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["keyhound.json", "keyhound.sarif"])
    }

    @Test("the findings are the same, in the same order, across runs and worker counts")
    func deterministic() throws {
        func findings(_ extra: [String]) throws -> String {
            var report = try sandbox.keyhound(["scan", "--format", "json"] + extra).json()
            report["summary"] = nil  // holds the elapsed time
            let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        let first = try findings([])
        #expect(try findings([]) == first)
        #expect(try findings(["-j", "1"]) == first)
        #expect(try findings(["-j", "2"]) == first)
        #expect(try findings(["--workers", "7"]) == first)
        let text = { (j: String) in
            self.sandbox.keyhound(["scan", "-j", j]).stdout.split(separator: "\n").dropLast().joined(separator: "\n")
        }
        #expect(text("1") == text("2"))
    }

    @Test("'-' scans standard input")
    func standardInput() throws {
        var secrets = FakeSecrets(seed: 2)
        let token = secrets.githubToken()
        let input = "first line\nexport GITHUB_TOKEN=\(token)\n"
        let run = sandbox.keyhound(["scan", "-", "--format", "json"], stdin: Array(input.utf8))
        #expect(run.status == 1, "\(run)")
        #expect(try run.reported() == [Reported(Planted("github-pat", token, in: input, path: "-"))])
        let clean = sandbox.keyhound(["scan", "-"], stdin: Array("nothing here\n".utf8))
        #expect(clean.status == 0, "\(clean)")
    }

    @Test("explicit file and folder paths are scanned and reported as given")
    func explicitPaths() throws {
        let run = sandbox.keyhound(["scan", "--format", "json", "config/settings.py", "src"])
        #expect(run.status == 1, "\(run)")
        let paths = Set(try run.findings().compactMap { $0["path"] as? String })
        #expect(paths == ["config/settings.py", "src/app.js"])
    }

    @Test("the repository's path allowlist applies however the tree or file is named")
    func allowlistAnchoredAtTheTop() throws {
        try sandbox.write(".keyhound.toml", "[allowlist]\npaths = ['^deploy/', '^config/settings[.]py$']\n")
        let token = planted[1]  // src/app.js, not allowlisted
        let cases: [(arguments: [String], folder: String, shown: String)] = [
            ([], sandbox.repo, "src/app.js"),
            ([sandbox.repo], sandbox.home, sandbox.repo + "/src/app.js"),
            ([sandbox.repo + "/"], sandbox.home, sandbox.repo + "/src/app.js"),
            (["../src", "../deploy"], sandbox.repo + "/config", "../src/app.js"),
            (["."], sandbox.repo + "/src", "app.js"),
        ]
        for (arguments, folder, shown) in cases {
            let run = sandbox.keyhound(["scan", "--format", "json"] + arguments, in: folder)
            let expected = Reported(rule: token.rule, path: shown, line: token.line, column: token.column)
            #expect(try run.reported() == [expected], "scan \(arguments) in \(folder): \(run)")
        }
        for file in ["deploy/chat.env", sandbox.repo + "/config/settings.py"] {
            let run = sandbox.keyhound(["scan", file], in: sandbox.repo)
            #expect(run.status == 0, "scan \(file): \(run)")
        }
        let explicit = sandbox.keyhound(["scan", "chat.env"], in: sandbox.repo + "/deploy")
        #expect(explicit.status == 0, "\(explicit)")
    }

    @Test("a path that does not exist: exit 2, and the message names it")
    func missingPath() {
        let run = sandbox.keyhound(["scan", "no/such/place"])
        #expect(run.status == 2, "\(run)")
        #expect((run.stdout + run.stderr).contains("no/such/place"), "\(run)")
    }

    @Test("an unknown option: exit 64 with a suggestion")
    func unknownOption() {
        let run = sandbox.keyhound(["scan", "--fromat", "json"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("did you mean '--format'"), "\(run)")
        let command = sandbox.keyhound(["scna"])
        #expect(command.status == 64)
        #expect(command.stderr.contains("did you mean 'scan'"), "\(command)")
        let format = sandbox.keyhound(["scan", "--format", "xml"])
        #expect(format.status == 64, "\(format)")
    }

    @Test(
        "a PEM private key generated by openssl is found at its BEGIN line",
        .enabled(if: Built.which("openssl") != nil, "openssl is not installed"),
        .enabled(if: RuleCatalog.hasPrivateKeyRule, "no built-in private-key rule yet"))
    func privateKey() throws {
        let generated = try sandbox.spawn(
            "openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        try #require(generated.succeeded, "\(generated.stderrText)")
        let pem = generated.stdoutText
        let text = "# deploy key\n" + pem
        try sandbox.write("keys/deploy.pem", text)
        let run = sandbox.keyhound(["scan", "keys", "--format", "json"])
        #expect(run.status == 1, "\(run)")
        let finding = try #require(try run.findings().first)
        #expect((finding["rule"] as? String)?.contains("private-key") == true, "\(run)")
        #expect(finding["path"] as? String == "keys/deploy.pem")
        #expect(finding["line"] as? Int == 2)
        let body = pem.split(separator: "\n").dropFirst().first.map(String.init) ?? "?"
        #expect(!run.stdout.contains(body), "a line of the key in clear")
    }

    @Test("a token ending its line (LF) is found")
    func tokenAtEndOfLine() throws {
        var secrets = FakeSecrets(seed: 3)
        let token = secrets.slackBotToken()
        // Rules end in `(?:[^…\n…]|(?m:$))`: the token must be found when a newline follows it
        // (`rules check` also tries every example followed by LF).
        let run = sandbox.keyhound(["scan", "-", "--format", "json"], stdin: Array("SLACK_BOT_TOKEN=\(token)\n".utf8))
        #expect(run.status == 1, "\(run)")
        let crlf = sandbox.keyhound(["scan", "-"], stdin: Array("SLACK_BOT_TOKEN=\(token)\r\n".utf8))
        #expect(crlf.status == 1, "\(crlf)")
    }

    @Test("keyhound:allow hides the finding on its line; --show-suppressed lists it")
    func inlineAllow() throws {
        let run = sandbox.keyhound(["scan", "--format", "json"])
        #expect(try run.findings().allSatisfy { $0["path"] as? String != "fixtures.py" })
        #expect(JSON.at(try run.json(), "summary", "suppressed") as? Int == 1)

        let shown = sandbox.keyhound(["scan", "--show-suppressed"])
        #expect(shown.status == 1)
        let listed = shown.stdout.split(separator: "\n").filter { $0.contains("fixtures.py:1:") }
        #expect(listed.count == 1, "\(shown)")
        #expect(listed.first?.contains("keyhound:allow") == true, "\(shown)")
        #expect(shown.stdout.contains("1 suppressed"))
        expectNoSecret(in: shown.stdout)
    }
}

/// Facts about the built-in rules that decide whether a test applies yet.
enum RuleCatalog {
    /// Whether a rule for PEM private keys exists (other than a provider's own key format).
    static let hasPrivateKeyRule = RuleSet.builtin.rules.contains {
        $0.id.contains("private-key") && !$0.id.hasPrefix("braintree")
    }
}
