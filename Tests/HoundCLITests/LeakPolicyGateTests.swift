import Foundation
import HoundModel
import Testing

/// `scan --on-leak` starts rotations only for content that is in commits (`--diff`, `--since`,
/// `--commits`, `--history`): a secret in the working tree, on stdin or in the staged diff has
/// not left the developer's machine, and revoking a production key for it is an outage.
@Suite("scan --on-leak only for committed content")
final class LeakPolicyGateTests {
    let sandbox: Sandbox
    let token: String

    /// A repository with one commit, a registered token in an uncommitted file, and an inventory
    /// whose key would be rotated (every rotation command appends to `calls.log`).
    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 1101)
        token = secrets.githubToken()
        try sandbox.write("README.md", "hello\n")
        try sandbox.commit("first")
        try sandbox.write("src/client.js", "const token = '\(token)';\n")
        try sandbox.write("rotate.sh", "#!/bin/sh\necho \"$1\" >> \(sandbox.root)/calls.log\nexit 1\n", in: sandbox.root)
        chmod(sandbox.root + "/rotate.sh", 0o755)
        try sandbox.write(
            "keys.toml",
            """
            [[keys]]
            name = "github-ci"
            fingerprint = "\(Fingerprint.of(Array(token.utf8)))"
            provider_id = "old"
            owner = "platform"
            consumers = ["ci"]
            on_leak = "emergency"

            [keys.rotation]
            create = ["./rotate.sh", "create"]
            distribute = ["./rotate.sh", "distribute"]
            verify = ["./rotate.sh", "verify"]
            revoke = ["./rotate.sh", "revoke"]

            """, in: sandbox.root)
    }

    deinit { sandbox.remove() }

    var inventory: [String] { ["--inventory", sandbox.root + "/keys.toml"] }

    /// The rotation commands run so far.
    var calls: String { (try? sandbox.read("calls.log", in: sandbox.root)) ?? "" }

    @Test(
        "refused with exit 64 and a one-line reason for content that never was committed",
        arguments: [["."], ["src/client.js"], ["-"], ["--staged"], []])
    func uncommittedContentIsRefused(_ mode: [String]) throws {
        if mode == ["--staged"] { try sandbox.git(["add", "src/client.js"]) }
        let run = sandbox.keyhound(
            ["scan"] + mode + ["--no-progress", "--on-leak"] + inventory,
            stdin: Array("const token = '\(token)';\n".utf8))
        #expect(run.status == 64, "\(run)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(run.stderr)")
        #expect(run.stderr.contains("--on-leak"), "\(run)")
        #expect(run.stderr.contains("only to committed content"), "the reason: \(run)")
        #expect(calls.isEmpty, "no rotation command ran: \(calls)")
        #expect(!sandbox.exists(".keyhound", in: sandbox.root), "no rotation state")
    }

    @Test("committed content applies the key's policy", arguments: ["--diff", "--since", "--commits", "--history"])
    func committedContentAppliesThePolicy(_ flag: String) throws {
        let base = try sandbox.head()
        try sandbox.commit("leak")
        var arguments = ["scan", "--no-progress", "--on-leak"] + inventory
        switch flag {
        case "--diff": arguments += ["--diff", "\(base)..HEAD"]
        case "--since": arguments += ["--since", base]
        case "--commits":
            try sandbox.write("commits.txt", try sandbox.head() + "\n", in: sandbox.root)
            arguments += ["--commits", sandbox.root + "/commits.txt"]
        default: arguments += ["--history"]
        }
        let run = sandbox.keyhound(arguments)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("--on-leak: github-ci (emergency)"), "\(run)")
        #expect(calls.hasPrefix("revoke"), "the emergency policy ran: \(calls)")
    }
}
