import Foundation
import HoundSupport

@testable import HoundCLI

/// A throwaway folder holding a hermetic git repository: its own `HOME`, no system or global
/// configuration, fixed names and dates (so commit ids are the same on every run), and `PATH`
/// starting with the folder of the built `keyhound`. Removed by `remove()`.
struct Sandbox: Sendable {
    /// The temporary folder holding everything.
    let root: String
    /// `HOME` for every child process.
    let home: String
    /// The repository's work tree: `root/repo`.
    let repo: String
    /// The environment of every git and keyhound run.
    let environment: [String: String]

    static let date = "2026-01-02T03:04:05+00:00"

    /// A fresh folder with a repository at `repo` (branch `main`) unless `initialize` is false.
    init(initialize: Bool = true) throws {
        let temporary = (NSTemporaryDirectory() as NSString).standardizingPath
        var template = Array((temporary + "/keyhound-cli-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard let made else { throw SandboxError("mkdtemp failed") }
        root = String(cString: made)
        home = root + "/home"
        repo = root + "/repo"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        var path = inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        if let folder = Built.binaryFolder { path = folder + ":" + path }
        var environment = [
            "PATH": path, "HOME": home, "TMPDIR": root, "TZ": "UTC", "LANG": "C.UTF-8",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": home + "/.gitconfig",
            "GIT_AUTHOR_NAME": "Ada Lovelace", "GIT_AUTHOR_EMAIL": "ada@example.com", "GIT_AUTHOR_DATE": Self.date,
            "GIT_COMMITTER_NAME": "Ada Lovelace", "GIT_COMMITTER_EMAIL": "ada@example.com",
            "GIT_COMMITTER_DATE": Self.date, "GIT_TERMINAL_PROMPT": "0", "GIT_EDITOR": "true",
        ]
        // pyenv shims (python3, pre-commit) find their installation through PYENV_ROOT or HOME.
        if let pyenv = inherited["PYENV_ROOT"] ?? inherited["HOME"].map({ $0 + "/.pyenv" }) {
            environment["PYENV_ROOT"] = pyenv
        }
        self.environment = environment
        if initialize { try git(["init", "-q", "-b", "main", repo], in: root) }
    }

    /// Deletes the whole folder.
    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// `root/relative`, or `relative` itself when absolute.
    func path(_ relative: String) -> String { relative.hasPrefix("/") ? relative : root + "/" + relative }

    // MARK: Files

    /// Writes `text` to `relative` inside `folder` (default: the repository), creating folders.
    func write(_ relative: String, _ text: String, in folder: String? = nil) throws {
        try write(relative, bytes: Array(text.utf8), in: folder)
    }

    /// Writes `bytes` to `relative` inside `folder` (default: the repository), creating folders.
    func write(_ relative: String, bytes: [UInt8], in folder: String? = nil) throws {
        let full = (folder ?? repo) + "/" + relative
        let parent = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else {
            throw SandboxError("cannot write \(full)")
        }
    }

    /// The text of `relative` inside `folder` (default: the repository).
    func read(_ relative: String, in folder: String? = nil) throws -> String {
        try String(contentsOfFile: (folder ?? repo) + "/" + relative, encoding: .utf8)
    }

    /// Whether `relative` (inside `folder`, default the repository) exists.
    func exists(_ relative: String, in folder: String? = nil) -> Bool {
        FileManager.default.fileExists(atPath: (folder ?? repo) + "/" + relative)
    }

    // MARK: Processes

    /// Runs `executable` with the sandbox's environment (plus `extra`) in `folder`.
    func spawn(
        _ executable: String, _ arguments: [String], in folder: String? = nil, stdin: [UInt8]? = nil,
        environment extra: [String: String] = [:], timeout: Double = 120
    ) throws -> SubprocessResult {
        let child = Subprocess(
            executable: executable, arguments: arguments, environment: environment.merging(extra) { $1 },
            workingDirectory: folder ?? repo)
        return try child.run(stdin: stdin ?? [], timeout: timeout)
    }

    /// Runs git in `folder` (default: the repository) and returns its standard output; a failure
    /// is thrown with git's message.
    @discardableResult
    func git(
        _ arguments: [String], in folder: String? = nil, stdin: String? = nil, environment extra: [String: String] = [:]
    ) throws -> String {
        let result = try spawn("git", arguments, in: folder, stdin: stdin.map { Array($0.utf8) }, environment: extra)
        guard result.succeeded else {
            throw SandboxError(
                "git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderrText)")
        }
        return result.stdoutText
    }

    /// `git add -A` and a commit dated `date`; returns the new commit's id.
    @discardableResult
    func commit(
        _ message: String, date: String = Sandbox.date, author: String = "Ada Lovelace", in folder: String? = nil
    ) throws -> String {
        try git(["add", "-A"], in: folder)
        let who = ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": author]
        try git(["commit", "-q", "--no-verify", "-m", message], in: folder, environment: who)
        return try head(in: folder)
    }

    /// The id of `HEAD` (or `revision`).
    func head(_ revision: String = "HEAD", in folder: String? = nil) throws -> String {
        try git(["rev-parse", revision], in: folder).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `keyhound ARGUMENTS` in this process (`KeyhoundMain.run`) in `folder` (default: the
    /// repository), with the sandbox's environment plus `extra`.
    func keyhound(
        _ arguments: [String], in folder: String? = nil, stdin: [UInt8] = [], environment extra: [String: String] = [:]
    ) -> KeyhoundRun {
        let console = Console.captured(stdin: stdin)
        let status = KeyhoundMain.run(
            arguments: arguments, environment: environment.merging(extra) { $1 }, console: console,
            workingDirectory: folder ?? repo)
        return KeyhoundRun(
            status: status.rawValue, stdout: console.capturedOut ?? [], stderr: console.capturedErr ?? [])
    }

    /// Runs the built `keyhound` binary in a child process.
    func keyhoundProcess(
        _ arguments: [String], in folder: String? = nil, stdin: [UInt8] = [], environment extra: [String: String] = [:]
    ) throws -> KeyhoundRun {
        guard let binary = Built.binary else { throw SandboxError("the keyhound binary was not found") }
        let result = try spawn(binary, arguments, in: folder, stdin: stdin, environment: extra)
        return KeyhoundRun(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}

/// A fixture step that failed, with what went wrong.
struct SandboxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
