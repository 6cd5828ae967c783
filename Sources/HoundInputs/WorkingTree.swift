import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files a tree scan covers, listed once; read them with a ``FileReader`` per worker.
///
/// Inside a git work tree: the tracked files plus the untracked, not ignored ones (`git
/// ls-files --cached --others --exclude-standard`), without files deleted from the disk,
/// submodules, folders and symlinks. Elsewhere (or when git is missing): a directory walk that
/// honours `.gitignore` files. Symlinks are never followed: a link's target, when it lies in
/// the tree, is listed under its own path.
public struct WorkingTree: Sendable {
    /// How the files were listed.
    public enum Source: String, Sendable {
        /// `git ls-files`.
        case git
        /// A POSIX directory walk honouring `.gitignore`.
        case directoryWalk = "directory-walk"
    }

    /// The scanned folder, as given.
    public var root: String
    /// The files, relative to ``root``, sorted by bytes, each once.
    public var files: [RawPath]
    /// How they were listed.
    public var source: Source
    /// Symlinks left out.
    public var skippedSymlinks: Int
    /// Folders that could not be opened.
    public var notices: [InputNotice]

    /// A listing from its parts.
    public init(root: String, files: [RawPath], source: Source, skippedSymlinks: Int = 0, notices: [InputNotice] = []) {
        self.root = root
        self.files = files
        self.source = source
        self.skippedSymlinks = skippedSymlinks
        self.notices = notices
    }

    /// Lists the files under `root`: through git when `useGit` and `root` is in a work tree,
    /// else by walking (honouring `.gitignore` unless `honoursGitignore` is false).
    public static func list(
        root: String, git: GitTool = GitTool(), useGit: Bool = true, honoursGitignore: Bool = true
    ) throws(InputError) -> WorkingTree {
        let rootBytes = Array(root.utf8)
        guard PosixPath.kind(root: rootBytes, relative: []).0 == .directory || isDirectoryFollowingLinks(root) else {
            throw .notADirectory(root)
        }
        if useGit, let listed = try listWithGit(root: root, git: git) { return listed }
        let walked = DirectoryWalker(root: rootBytes, honoursGitignore: honoursGitignore).walk()
        return WorkingTree(
            root: root, files: walked.files, source: .directoryWalk, skippedSymlinks: walked.skippedSymlinks,
            notices: walked.notices)
    }

    /// Like ``list(root:git:useGit:honoursGitignore:)``, but hands each file to `onFile` as soon
    /// as it is known, so reading and scanning can start while a directory walk goes on (the
    /// walk was a quarter of a two-core scan's time when it ran first). Through git, files come
    /// sorted, after the listing; from a walk, in no particular order. The returned value's
    /// ``files`` is empty.
    public static func enumerate(
        root: String, git: GitTool = GitTool(), useGit: Bool = true, honoursGitignore: Bool = true,
        _ onFile: (RawPath) -> Void
    ) throws(InputError) -> WorkingTree {
        let rootBytes = Array(root.utf8)
        guard PosixPath.kind(root: rootBytes, relative: []).0 == .directory || isDirectoryFollowingLinks(root) else {
            throw .notADirectory(root)
        }
        if useGit, var listed = try listWithGit(root: root, git: git) {
            listed.files.forEach(onFile)
            listed.files = []
            return listed
        }
        let walked = DirectoryWalker(root: rootBytes, honoursGitignore: honoursGitignore).walk(onFile)
        return WorkingTree(
            root: root, files: [], source: .directoryWalk, skippedSymlinks: walked.skippedSymlinks,
            notices: walked.notices)
    }

    /// A reader for this tree's files.
    public func reader(maximumSize: Int = 10 << 20) -> FileReader {
        FileReader(root: root, maximumSize: maximumSize)
    }

    /// The `git ls-files` listing, nil when `root` is not in a work tree or git is missing.
    private static func listWithGit(root: String, git: GitTool) throws(InputError) -> WorkingTree? {
        let result: SubprocessResult
        do {
            result = try git.run(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], in: root)
        } catch {
            if case .gitNotFound = error { return nil }
            throw error
        }
        guard result.succeeded else { return nil }
        let rootBytes = Array(root.utf8)
        var paths = result.stdout.split(separator: 0).map { RawPath(Array($0)) }
        paths.sort()
        var files: [RawPath] = []
        files.reserveCapacity(paths.count)
        var symlinks = 0
        var previous: RawPath?
        for path in paths where path != previous {
            previous = path
            switch PosixPath.kind(root: rootBytes, relative: path.bytes).0 {
            case .regular: files.append(path)
            case .symlink: symlinks += 1
            case .directory, .other, .missing: break  // submodules, nested repositories, deleted files
            }
        }
        return WorkingTree(root: root, files: files, source: .git, skippedSymlinks: symlinks)
    }

    private static func isDirectoryFollowingLinks(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && PosixPath.kind(of: info.st_mode) == .directory
    }
}
