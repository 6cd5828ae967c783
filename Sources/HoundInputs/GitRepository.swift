import HoundSupport

/// A git repository found from a path: where its metadata lives, its work tree (none when
/// bare), whether it is shallow, and where its hooks go.
public struct GitRepository: Sendable {
    /// How git is run.
    public var git: GitTool
    /// The absolute `.git` folder (for a linked worktree, its private folder).
    public var gitDirectory: String
    /// The absolute top level of the work tree; nil for a bare repository, or one found from
    /// outside its work tree.
    public var workTree: String?
    /// Whether the repository is a shallow clone (history before the graft is absent).
    public var isShallow: Bool
    /// The absolute folder git runs hooks from (honours `core.hooksPath`).
    public var hooksDirectory: String
    /// Whether git calls the repository bare (`--is-bare-repository`). A repository that is not
    /// bare may still have no ``workTree`` here: discovered from its `.git` folder, or with a
    /// `core.worktree` that points elsewhere (which keyhound does not follow).
    public var isBareRepository: Bool

    /// Whether the repository has a work tree here (not when bare, nor when found from outside
    /// its work tree).
    public var hasWorkTree: Bool { workTree != nil }

    /// The folder git commands run in: the work tree's top level, else the git folder.
    public var directory: String { workTree ?? gitDirectory }

    /// The repository that contains `path` (a folder inside a work tree, a bare repository, or
    /// a `.git` folder). Throws ``InputError/notARepository(_:)`` outside any repository.
    public static func discover(at path: String, git: GitTool = GitTool()) throws(InputError) -> GitRepository {
        let arguments = [
            "rev-parse", "--path-format=absolute", "--absolute-git-dir", "--is-shallow-repository",
            "--git-path", "hooks", "--is-bare-repository", "--is-inside-work-tree", "--show-toplevel",
        ]
        // Where hooks go is asked with the repository's own `core.hooksPath` (nothing runs).
        let result = try git.run(arguments, in: path, keepsHooksPath: true)
        let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 5 else {
            if result.stderrText.contains("not a git repository") { throw .notARepository(path) }
            if result.stderrText.contains("cannot change to") || result.stderrText.isEmpty {
                throw .notADirectory(path)
            }
            throw .gitFailed(command: "git rev-parse", status: result.status, message: result.stderrText)
        }
        let insideWorkTree = lines[4] == "true"
        let topLevel = insideWorkTree && lines.count >= 6 && !lines[5].isEmpty ? lines[5] : nil
        return GitRepository(
            git: git, gitDirectory: lines[0], workTree: topLevel, isShallow: lines[1] == "true",
            hooksDirectory: lines[2], isBareRepository: lines[3] == "true")
    }

    /// A repository from known parts (tests, or a caller that already asked git);
    /// `isBareRepository` defaults to having no work tree.
    public init(
        git: GitTool, gitDirectory: String, workTree: String?, isShallow: Bool, hooksDirectory: String,
        isBareRepository: Bool? = nil
    ) {
        self.git = git
        self.gitDirectory = gitDirectory
        self.workTree = workTree
        self.isShallow = isShallow
        self.hooksDirectory = hooksDirectory
        self.isBareRepository = isBareRepository ?? (workTree == nil)
    }

    /// Runs `git <arguments>` in ``directory``; a non-zero status is thrown as
    /// ``InputError/gitFailed(command:status:message:)``.
    @discardableResult
    public func run(_ arguments: [String], stdin: [UInt8]? = nil) throws(InputError) -> SubprocessResult {
        let result = try git.run(arguments, in: directory, stdin: stdin)
        guard result.succeeded else {
            throw .gitFailed(command: GitTool.display(arguments), status: result.status, message: result.stderrText)
        }
        return result
    }

    /// Runs `git <arguments>` in ``directory``, streaming its standard output to `onChunk`; a
    /// non-zero status (unless `onChunk` stopped it) is thrown.
    @discardableResult
    public func stream(
        _ arguments: [String], stdin: [UInt8]? = nil,
        onChunk: (UnsafeBufferPointer<UInt8>) -> Subprocess.StreamControl
    ) throws(InputError) -> SubprocessResult {
        var stopped = false
        let result = try git.stream(arguments, in: directory, stdin: stdin) { chunk in
            let control = onChunk(chunk)
            if control == .stop { stopped = true }
            return control
        }
        guard result.succeeded || stopped else {
            throw .gitFailed(command: GitTool.display(arguments), status: result.status, message: result.stderrText)
        }
        return result
    }

    /// The full id of `revision`'s commit, nil when it does not resolve (an unborn `HEAD`).
    public func resolveCommit(_ revision: String) throws(InputError) -> String? {
        let result = try git.run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: directory)
        guard result.succeeded else { return nil }
        let id = SubprocessResult.trimmedText(result.stdout)
        return id.isEmpty ? nil : id
    }

    /// The id of the empty tree in this repository's hash (SHA-1 or SHA-256).
    public func emptyTree() throws(InputError) -> String {
        SubprocessResult.trimmedText(try run(["hash-object", "-t", "tree", "--stdin"], stdin: []).stdout)
    }
}
