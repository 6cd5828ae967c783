import Foundation

/// A hermetic git repository for one test: its own `HOME`, no system or global configuration,
/// fixed author and dates.
struct GitRepo {
    /// The work tree.
    let path: String
    /// What every git command of the fixture runs with.
    let environment: [String: String]

    /// `git init` in `folder` (created if needed) under `scratch`.
    init(_ scratch: Scratch, folder: String = "repo") throws {
        path = scratch.url(folder)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": scratch.path, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": scratch.url(".gitconfig"),
            "LC_ALL": "C", "GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.com",
            "GIT_AUTHOR_DATE": "2026-01-02T03:04:05+00:00", "GIT_COMMITTER_NAME": "Ada",
            "GIT_COMMITTER_EMAIL": "ada@example.com", "GIT_COMMITTER_DATE": "2026-01-02T03:04:05+00:00",
        ]
        try git("init", "-q", "-b", "main")
    }

    /// Runs git in the work tree; throws with its stderr on failure.
    @discardableResult
    func git(_ arguments: String..., stdin: [UInt8] = [], in folder: String? = nil) throws -> String {
        try git(arguments, stdin: stdin, in: folder)
    }

    /// Runs git in the work tree; throws with its stderr on failure.
    @discardableResult
    func git(_ arguments: [String], stdin: [UInt8] = [], in folder: String? = nil) throws -> String {
        let result = try Shell.run(
            "git", arguments, in: folder ?? path, environment: environment, stdin: stdin, timeout: 300)
        guard result.status == 0 else {
            throw ScratchError("git \(arguments.prefix(3).joined(separator: " ")): \(result.err)")
        }
        return result.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `text` to `relative` in the work tree.
    func write(_ relative: String, _ text: String) throws {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    /// `git add -A` and a commit; returns its id.
    @discardableResult
    func commit(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
        return try git("rev-parse", "HEAD")
    }

    /// The loose object file of `object` (a revision such as `HEAD:file`).
    func objectFile(_ object: String) throws -> String {
        let id = try git("rev-parse", object)
        return path + "/.git/objects/" + id.prefix(2) + "/" + id.dropFirst(2)
    }
}
