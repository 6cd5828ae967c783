import Foundation
import HoundSupport
import Testing

@testable import HoundCLI

/// Smaller defects from the red-team pass: a bad commit id no longer drops the others'
/// findings, a configuration with no rule is an error, impossible rule values are refused with
/// their position, `rules list` checks regexes, a link named on the command line is scanned.
@Suite(.timeLimit(.minutes(2)))
struct SmallDefectsTests {
    @Test func anUnknownCommitIdIsNamedAndTheOthersAreReported() throws {
        let scratch = try Scratch()
        let repo = try GitRepo(scratch)
        try repo.write("a.txt", "k = \"\(KnownSecrets.stripe)\"\n")
        let first = try repo.commit("first")
        try repo.write("b.txt", "GITHUB_TOKEN=\(KnownSecrets.github)\n")
        let second = try repo.commit("second")
        try scratch.write("commits.txt", "\(first)\ndeadbeefdeadbeefdeadbeefdeadbeefdeadbeef\n\(second)\n")
        let run = keyhound(["scan", "--commits", scratch.url("commits.txt"), "--no-progress"], in: repo.path)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.out.contains("a.txt:1:") && run.out.contains("b.txt:1:"), "\(run.all)")
        #expect(run.all.contains("commit deadbeefdeadbeefdeadbeefdeadbeefdeadbeef: not a commit of this repository"))
    }

    @Test(arguments: ["", "title = \"nothing\"\n", "[extend]\nuseDefault = false\n"])
    func aGitleaksConfigurationWithNoRuleIsAnError(_ text: String) throws {
        let scratch = try Scratch()
        try scratch.mkdir(".git")
        try scratch.write(".gitleaks.toml", text)
        try scratch.write("a.txt", "k = \"\(KnownSecrets.stripe)\"\n")
        for command in [["scan", ".", "--no-progress"], ["rules", "list"], ["baseline", "create"]] {
            let run = keyhound(command, in: scratch.path)
            #expect(run.status == .incomplete, "\(text.debugDescription) \(command): \(run.all)")
            #expect(run.err.contains("leaves no rule at all"), "\(run.err)")
        }
    }

    @Test func impossibleRuleValuesAreRefusedWithTheirPosition() throws {
        let head = "[[rules]]\nid = \"my-rule\"\ndescription = \"x\"\n"
        let cases: [(String, String)] = [
            (head + "regex = '''tok_[a-z]{8}'''\nkeywords = [\"tok_\"]\nentropy = nan\n", ".keyhound.toml:6:1: rule \"my-rule\": entropy"),
            (head + "regex = '''tok_([a-z]{8})'''\nsecret_group = 2\nkeywords = [\"tok_\"]\n", ".keyhound.toml:5:16: rule \"my-rule\": secret_group is 2 but the regex has 1 group"),
            (head + "regex = '''tok_[a-z]{8}'''\nkeywords = [\"tok_\", \"xo-x\"]\n", ".keyhound.toml:5:12: rule \"my-rule\": keyword \"xo-x\" can never be part of a match"),
            ("max_file_size = -1\n", ".keyhound.toml:1:1: max_file_size must be a positive"),
            ("max_file_size = \"0\"\n", ".keyhound.toml:1:1: max_file_size must be a positive"),
            ("max_file_size = \"99999999999G\"\n", ".keyhound.toml:1:1: max_file_size must be a positive"),
        ]
        for (config, message) in cases {
            let scratch = try Scratch()
            try scratch.mkdir(".git")
            try scratch.write(".keyhound.toml", config)
            try scratch.write("a.txt", "x\n")
            for command in [["scan", "a.txt", "--no-progress"], ["rules", "check", ".keyhound.toml"]] {
                let run = keyhound(command, in: scratch.path)
                #expect(run.status == .incomplete, "\(config) \(command): \(run.all)")
                #expect(run.err.contains(message), "\(config.debugDescription) \(command): \(run.err)")
            }
        }
        // A keyword in either case, or one the match contains only in part of its alternatives, is fine.
        let scratch = try Scratch()
        try scratch.mkdir(".git")
        try scratch.write(".keyhound.toml", head + "regex = '''(?:TOK|key)_[a-z]{8}'''\nkeywords = [\"tok_\", \"KEY\"]\n")
        try scratch.write("a.txt", "x\n")
        let fine = keyhound(["scan", "a.txt", "--no-progress"], in: scratch.path)
        #expect(fine.status == .clean, "\(fine.all)")
    }

    @Test func rulesListExitsTwoOnAnInvalidRegex() throws {
        let scratch = try Scratch()
        try scratch.mkdir(".git")
        try scratch.write(".keyhound.toml", "[[rules]]\nid = \"bad\"\ndescription = \"x\"\nregex = '''(abc'''\nkeywords = [\"abc\"]\n")
        let run = keyhound(["rules", "list"], in: scratch.path)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.err.contains(".keyhound.toml:4:9: rule \"bad\": invalid regex"), "\(run.err)")
    }

    @Test func aLinkToAFileNamedOnTheCommandLineIsScanned() throws {
        let scratch = try Scratch()
        try scratch.write("real/config.py", "k = \"\(KnownSecrets.stripe)\"\n")
        #expect(symlink("real/config.py", scratch.url("link.py")) == 0)
        let run = keyhound(["scan", "link.py", "--no-progress"], in: scratch.path)
        #expect(run.status == .findings, "\(run.all)")
        #expect(run.out.contains("link.py:1:"), "\(run.out)")
    }

    @Test func childrenReadAnEmptyPipeNotDevNullByPath() throws {
        let result = try HoundSupport.Subprocess(executable: "/bin/sh", arguments: ["-c", "test -p /dev/stdin && echo pipe; cat"])
            .run()
        #expect(result.stdoutText == "pipe\n", "\(result.stdoutText)")
    }

    @Test func runsStartFromACleanEnvironment() {
        let inherited = [
            "GIT_DIR": "/elsewhere/.git", "GIT_INDEX_FILE": "/elsewhere/index", "KEYHOUND_CONFIG": "x.toml",
            "HOME": "/root", "CI": "true", "PATH": "/opt/bin:/usr/bin", "XDG_CACHE_HOME": "/root/.cache",
        ]
        let clean = TestEnvironment.cleaned(inherited, home: "/scratch")
        #expect(!clean.keys.contains { $0.hasPrefix("GIT_DIR") || $0.hasPrefix("GIT_INDEX") || $0.hasPrefix("KEYHOUND_") })
        #expect(clean["HOME"] == "/scratch" && clean["XDG_CACHE_HOME"] == "/scratch/.cache" && clean["CI"] == nil)
        #expect(clean["PATH"] == "/opt/bin:/usr/bin")
        #expect(TestEnvironment.clean["HOME"] != ProcessInfo.processInfo.environment["HOME"])
    }
}
