import Foundation
import HoundInputs
import HoundSupport

/// A throwaway git repository in a temporary folder, hermetic: its own `HOME`, no system
/// config, fixed names and dates, so commit ids are stable from run to run.
struct GitFixture {
    /// The temporary folder holding the repository (and `HOME`).
    let home: String
    /// The repository's work tree (or the bare repository).
    var path: String
    /// The environment every git command of the fixture uses.
    let environment: [String: String]

    /// The git runner the code under test should use.
    var git: GitTool { GitTool(environment: environment, timeout: 60) }

    /// A fresh repository (`git init`, branch `main`), bare when asked.
    init(bare: Bool = false) throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("keyhound-git-XXXXXX").path
        var buffer = Array(template.utf8CString)
        guard mkdtemp(&buffer) != nil else { throw FixtureError.failed("mkdtemp") }
        home = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        path = home + "/repo"
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": home + "/.gitconfig", "LC_ALL": "C",
            "GIT_AUTHOR_NAME": "Ada Lovelace", "GIT_AUTHOR_EMAIL": "ada@example.com",
            "GIT_AUTHOR_DATE": "2026-01-02T03:04:05+00:00",
            "GIT_COMMITTER_NAME": "Ada Lovelace", "GIT_COMMITTER_EMAIL": "ada@example.com",
            "GIT_COMMITTER_DATE": "2026-01-02T03:04:05+00:00",
        ]
        try git(["init", "-q", "-b", "main"] + (bare ? ["--bare"] : []) + [path], in: home)
    }

    /// Runs git in the repository (or `folder`) and returns its standard output; throws on failure.
    @discardableResult
    func git(_ arguments: [String], in folder: String? = nil, environment extra: [String: String] = [:]) throws
        -> String
    {
        let child = Subprocess(
            executable: "git", arguments: arguments, environment: environment.merging(extra) { $1 },
            workingDirectory: folder ?? path)
        let result = try child.run(timeout: 60)
        guard result.succeeded else {
            throw FixtureError.failed("git \(arguments.joined(separator: " ")): \(result.stderrText)")
        }
        return result.stdoutText
    }

    /// Writes `text` to `relative` (creating folders).
    func write(_ relative: String, _ text: String) throws {
        try write(raw: Array(relative.utf8), Array(text.utf8))
    }

    /// Writes `bytes` to the raw path `relative` (which need not be UTF-8).
    func write(raw relative: [UInt8], _ bytes: [UInt8]) throws {
        let full = Array((path + "/").utf8) + relative
        if let slash = full.lastIndex(of: 0x2F) {
            let folder = String(decoding: full[..<slash], as: UTF8.self)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let fd = (full + [0]).withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { throw FixtureError.failed("open \(PathDisplay.escape(relative))") }
        defer { close(fd) }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// `git add -A` then a commit dated `date`, by `author`; returns the commit id.
    @discardableResult
    func commit(_ message: String, date: String = "2026-01-02T03:04:05+00:00", author: String = "Ada Lovelace")
        throws -> String
    {
        try git(["add", "-A"])
        let dates = ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": author]
        try git(["commit", "-q", "-m", message], environment: dates)
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The repository as HoundInputs discovers it.
    func repository(at folder: String? = nil) throws -> GitRepository {
        try GitRepository.discover(at: folder ?? path, git: git)
    }

    /// Deletes the temporary folder.
    func remove() {
        try? FileManager.default.removeItem(atPath: home)
    }
}

enum FixtureError: Error {
    case failed(String)
}
