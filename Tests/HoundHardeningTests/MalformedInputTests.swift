import Foundation
import Testing

@testable import HoundCLI

/// Users' own files gone wrong: configuration, rules, inventory, baseline, ignore file. Each is
/// refused with `file:line:column` and exit 2 (could not complete), by every command that
/// reads it; usage errors stay 64.
@Suite(.timeLimit(.minutes(1)))
struct MalformedInputTests {
    /// A repository-like folder (`.git` marks the top) holding `.keyhound.toml` = `config`.
    func project(config: String) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.mkdir(".git")
        try scratch.write(".keyhound.toml", config)
        try scratch.write("a.txt", "k = \"\(KnownSecrets.stripe)\"\n")
        return scratch
    }

    @Test func configSyntaxErrorNamesFileLineColumnInEveryCommand() throws {
        let scratch = try project(config: "[allowlist]\npaths = [\n  \"a\",\n  b\n]\n")
        let commands: [[String]] = [
            ["scan", "a.txt"], ["scan", "."], ["baseline", "create", "."], ["rules", "list"], ["inventory", "list"],
            ["inventory", "audit"], ["rules", "check", ".keyhound.toml"],
        ]
        for command in commands {
            let run = keyhound(command + (command[0] == "scan" ? ["--no-progress"] : []), in: scratch.path)
            #expect(run.status == .incomplete, "\(command): \(run.all)")
            #expect(run.err.contains(".keyhound.toml:4:3: invalid value \"b\""), "\(command): \(run.err)")
        }
        #expect(scratch.read(".keyhound-baseline.json") == nil, "nothing written")
    }

    @Test func unknownConfigFieldAndBadValuesAreNamed() throws {
        let cases: [(config: String, message: String)] = [
            ("inventroy = \"keys.toml\"\n", ".keyhound.toml:1:1: unknown field \"inventroy\""),
            ("max_file_size = \"huge\"\n", "max_file_size"),
            (
                "[[rules]]\nid = \"my-rule\"\ndescription = \"x\"\nregex = '''(abc'''\nkeywords = [\"abc\"]\n",
                "rule \"my-rule\": invalid regex"
            ),
            (
                "[[rules]]\nid = \"my-look\"\ndescription = \"x\"\nregex = '''a(?=b)'''\nkeywords = [\"a\"]\n",
                "lookahead (?=...) is not supported"
            ),
            (
                "[[rules]]\nid = \"my-backref\"\ndescription = \"x\"\nregex = '''(a)\\1'''\nkeywords = [\"a\"]\n",
                "rule \"my-backref\""
            ),
            ("\u{FEFF}\u{0}bad = 1\n", ".keyhound.toml:1:"),
        ]
        for (config, message) in cases {
            let scratch = try project(config: config)
            let run = keyhound(["scan", "a.txt", "--no-progress"], in: scratch.path)
            #expect(run.status == .incomplete, "\(config): \(run.all)")
            #expect(run.err.contains(message), "\(config.debugDescription): \(run.err)")
        }
    }

    @Test func configThatIsNotUTF8OrNotAFileIsRefused() throws {
        let scratch = try Scratch()
        try scratch.write("a.txt", "x\n")
        try scratch.write("latin1.toml", [0x23, 0x20, 0xE9, 0x0A])
        let latin = keyhound(["scan", "a.txt", "--config", "latin1.toml", "--no-progress"], in: scratch.path)
        #expect(latin.status == .incomplete)
        #expect(latin.err.contains("latin1.toml is not valid UTF-8"), "\(latin.err)")
        let missing = keyhound(["scan", "a.txt", "--config", "nope.toml", "--no-progress"], in: scratch.path)
        #expect(missing.status == .incomplete)
        #expect(missing.err.contains("configuration file not found: nope.toml"))
        try scratch.mkdir("folder.toml")
        let folder = keyhound(["scan", "a.txt", "--config", "folder.toml", "--no-progress"], in: scratch.path)
        #expect(folder.status == .incomplete, "\(folder.all)")
        #expect(folder.err.contains("folder.toml"))
    }

    @Test func malformedInventoriesNameTheProblem() throws {
        let fingerprint63 = "sha256:" + String(repeating: "a", count: 63)
        let cases: [(file: String, text: String, message: String)] = [
            ("syntax.toml", "[[keys]]\nname = \n", "syntax.toml:2:8: invalid TOML"),
            (
                "short.toml", "[[keys]]\nname = \"a\"\nfingerprint = \"\(fingerprint63)\"\n",
                "fingerprint must have 64 hex digits"
            ),
            (
                "algo.toml", "[[keys]]\nname = \"a\"\nfingerprint = \"md5:0123\"\n",
                "unknown fingerprint algorithm \"md5\""
            ),
            (
                "duration.toml", "[[keys]]\nname = \"a\"\nrotation_frequency = \"30 parsecs\"\n",
                "invalid duration \"30 parsecs\""
            ),
            ("date.toml", "[[keys]]\nname = \"a\"\nlast_rotated = \"yesterday\"\n", "invalid date \"yesterday\""),
            ("broken.json", "{\"keys\": [1,]}", "broken.json:1:13: invalid JSON"),
            ("list.json", "[]", "a JSON inventory must be an object"),
            ("binary.toml", "\u{0}\u{1}\u{2}", "binary.toml"),
        ]
        for (file, text, message) in cases {
            let scratch = try Scratch()
            try scratch.write(file, text)
            try scratch.write("a.txt", "x\n")
            for command in [["inventory", "list"], ["inventory", "audit"], ["scan", "a.txt", "--no-progress"]] {
                let run = keyhound(command + ["--inventory", file], in: scratch.path)
                #expect(run.status == .incomplete, "\(file) \(command): \(run.all)")
                #expect(run.err.contains(message), "\(file) \(command): \(run.err)")
            }
        }
    }

    @Test func missingInventoryIsAnErrorNamingIt() throws {
        let scratch = try Scratch()
        try scratch.write("a.txt", "x\n")
        for command in [["inventory", "list"], ["scan", "a.txt", "--no-progress"]] {
            let run = keyhound(command + ["--inventory", "nope.toml"], in: scratch.path)
            #expect(run.status == .incomplete, "\(command): \(run.all)")
            #expect(run.err.contains("nope.toml: cannot read the file"), "\(command): \(run.err)")
        }
    }

    @Test func inventoryFieldHoldingASecretIsRefusedWithoutEchoingIt() throws {
        let scratch = try Scratch()
        try scratch.write("keys.toml", "[[keys]]\nname = \"a\"\ndescription = \"\(KnownSecrets.stripe)\"\n")
        let run = keyhound(["inventory", "list"], in: scratch.path)
        #expect(run.status == .incomplete)
        #expect(run.err.contains("field \"description\" contains what looks like a Stripe key"), "\(run.err)")
        #expect(!run.all.contains(KnownSecrets.stripe))
    }

    @Test func malformedBaselineAndIgnoreFilesNameTheLine() throws {
        let cases: [(option: String, file: String, text: String, message: String)] = [
            (
                "--baseline", "b1.json", "{\"keyhound_baseline\": 1, \"findings\": [\n  {\"rule\": \"x\"}\n]}",
                "b1.json:2:3: each finding needs a \"rule\" and a \"fingerprint\""
            ),
            ("--baseline", "b2.json", "not json", "b2.json:1:1: invalid JSON"),
            ("--baseline", "b3.json", "", "b3.json"),
            ("--baseline", "missing.json", "", "missing.json: cannot read the file"),
            ("--ignore-file", "ignore", "# ok\nsha256:zz\n", "ignore:2:1: malformed fingerprint"),
        ]
        for (option, file, text, message) in cases {
            let scratch = try Scratch()
            try scratch.write("a.txt", "k = \"\(KnownSecrets.stripe)\"\n")
            if file != "missing.json" { try scratch.write(file, text) }
            let run = keyhound(["scan", "a.txt", "--no-progress", option, file], in: scratch.path)
            #expect(run.status == .incomplete, "\(file): \(run.all)")
            #expect(run.err.contains(message), "\(file): \(run.err)")
            #expect(!run.all.contains(KnownSecrets.stripe))
        }
    }

    @Test func malformedYAMLImportNamesTheLine() throws {
        let scratch = try Scratch()
        try scratch.write("keys.yaml", "keys:\n  - name: a\n    owner: &anchor x\n")
        let run = keyhound(["inventory", "import", "keys.yaml"], in: scratch.path)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.err.contains("keys.yaml:3:"), "\(run.err)")
        #expect(scratch.read("keys.toml") == nil, "all or nothing")
    }

    @Test func usageErrorsAreSixtyFour() throws {
        let scratch = try Scratch()
        for arguments in [
            ["scan", "--max-file-size", "lots"], ["scan", "--workers", "0"], ["scan", "--format", "xml"],
            ["scan", "--staged", "--history"], ["frobnicate"], ["scan", "--no-such-flag"],
        ] {
            let run = keyhound(arguments, in: scratch.path)
            #expect(run.status == .usage, "\(arguments): \(run.all)")
            #expect(!run.err.isEmpty)
        }
    }
}
