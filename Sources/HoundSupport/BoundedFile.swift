#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one reader for every file keyhound reads besides the content it scans: configuration,
/// rules, baseline, ignore file, inventory, YAML import, audit log, commit list, hook script.
///
/// - Regular files only: a FIFO, a device or a socket is refused at once (opened without
///   blocking, checked with `fstat`), never read; a folder is refused too.
/// - A size cap per kind (``Kind/limit``): a bigger file is refused before it is read, and a
///   file that grows while it is read stops at the cap. `/dev/zero` named as a configuration
///   costs nothing.
/// - A file the scanned repository names (its `.keyhound.toml`, `.keyhoundignore`, the
///   inventory or baseline its configuration names) is read with `confinedTo:` the repository:
///   a symbolic link (or a `..` path) that leads out of it is refused, so a repository cannot
///   make keyhound read, parse and quote a file of the user's.
public enum BoundedFile {
    /// What a file is for, which sets its size cap and how messages call it.
    public enum Kind: String, Sendable, CaseIterable {
        case configuration, rules, baseline, ignoreFile, inventory, inventoryIndex, yamlImport, auditLog, commitList
        /// A report another tool wrote (`baseline import`), or shard reports (`report merge`).
        case report
        /// The repository list of `sweep --repos`.
        case repositoryList
        case hookScript
        /// A scanned repository's ref files (`HEAD`, `packed-refs`, `refs/...`), read without git.
        case gitRefs

        /// The most bytes a file of this kind may hold.
        public var limit: Int {
            switch self {
            case .configuration: 4 << 20
            case .rules: 16 << 20
            case .baseline: 256 << 20
            case .ignoreFile: 64 << 20
            case .inventory: 256 << 20
            case .inventoryIndex: 512 << 20
            case .yamlImport: 64 << 20
            case .auditLog: 256 << 20
            case .commitList: 64 << 20
            case .report: 512 << 20
            case .repositoryList: 16 << 20
            case .hookScript: 1 << 20
            case .gitRefs: 64 << 20
            }
        }

        /// How messages name a file of this kind.
        public var noun: String {
            switch self {
            case .configuration: "configuration file"
            case .rules: "rules file"
            case .baseline: "baseline"
            case .ignoreFile: "ignore file"
            case .inventory: "inventory"
            case .inventoryIndex: "inventory index"
            case .yamlImport: "YAML import"
            case .auditLog: "audit log"
            case .report: "report"
            case .repositoryList: "repository list"
            case .commitList: "commit list"
            case .hookScript: "hook script"
            case .gitRefs: "git ref file"
            }
        }
    }

    /// A file read whole: its bytes and what `fstat` said before the first byte was read.
    public struct Contents: Sendable {
        /// Every byte of the file.
        public var bytes: [UInt8]
        /// Device, inode, size and times of the file that was read.
        public var status: stat
    }

    /// Reads the regular file at `path` (at most `kind.limit` bytes). With `confinedTo`, the
    /// path must resolve (symbolic links followed) to a file inside that folder; with
    /// `followsLinks` false, a symbolic link is refused (`ELOOP`).
    public static func read(
        _ path: String, kind: Kind, confinedTo root: String? = nil, followsLinks: Bool = true
    ) throws(BoundedFileError) -> Contents {
        var target = path
        if let root {
            target = try confined(path, to: root, kind: kind)
        }
        let fd = open(target, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (followsLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { throw BoundedFileError(path: path, kind: kind, reason: .errno(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw BoundedFileError(path: path, kind: kind, reason: .errno(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw BoundedFileError(path: path, kind: kind, reason: .notRegular(FileMode.description(of: info.st_mode)))
        }
        let announced = Int(info.st_size)
        guard announced <= kind.limit else {
            throw BoundedFileError(path: path, kind: kind, reason: .tooLarge(size: announced))
        }
        // One byte more than the cap: a file that grew past it is refused, not cut.
        var bytes = [UInt8](repeating: 0, count: min(kind.limit + 1, max(announced, 0) + 1))
        var filled = 0
        while true {
            if filled == bytes.count {
                guard bytes.count <= kind.limit else {
                    throw BoundedFileError(path: path, kind: kind, reason: .tooLarge(size: filled))
                }
                bytes.append(contentsOf: repeatElement(0, count: min(kind.limit + 1 - bytes.count, max(bytes.count, 1 << 16))))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw BoundedFileError(path: path, kind: kind, reason: .errno(errno))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return Contents(bytes: bytes, status: info)
    }

    /// ``read(_:kind:confinedTo:)``, or nil when nothing is at `path` (a dangling link counts as
    /// nothing).
    public static func readIfPresent(_ path: String, kind: Kind, confinedTo root: String? = nil)
        throws(BoundedFileError) -> Contents?
    {
        do {
            return try read(path, kind: kind, confinedTo: root)
        } catch {
            if case .errno(ENOENT) = error.reason { return nil }
            throw error
        }
    }

    /// The real path of `path` (symbolic links resolved) when it lies inside `root`; throws
    /// otherwise. For a file a scanned repository names, checked before anything reads it.
    public static func confined(_ path: String, to root: String, kind: Kind? = nil) throws(BoundedFileError) -> String {
        guard let realRoot = realPath(root) else { return path }
        var real = realPath(path)
        if real == nil {
            let code = errno
            // A dangling link or a loop is reported as such; a file not created yet is placed
            // by its folder.
            var link = stat()
            if code == ENOENT, lstat(path, &link) == 0 {
                throw BoundedFileError(path: path, kind: kind, reason: .notRegular("a dangling symbolic link"))
            }
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
            guard code == ENOENT, let parent = realPath(folder) else {
                throw BoundedFileError(path: path, kind: kind, reason: .errno(code))
            }
            real = (parent == "/" ? "" : parent) + "/" + (slash.map { String(path[path.index(after: $0)...]) } ?? path)
        }
        guard let real else { throw BoundedFileError(path: path, kind: kind, reason: .errno(ENOENT)) }
        let inside = realRoot == "/" || real == realRoot || real.hasPrefix(realRoot + "/")
        guard inside else { throw BoundedFileError(path: path, kind: kind, reason: .outside(resolved: real, root: realRoot)) }
        return real
    }

    /// `realpath(3)`, nil (with `errno` set) when it fails.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Why ``BoundedFile`` refused or could not read a file.
public struct BoundedFileError: Error, Sendable, CustomStringConvertible {
    /// The reasons.
    public enum Reason: Sendable {
        /// A system call failed (`ENOENT`: nothing there).
        case errno(Int32)
        /// Not a regular file: what it is instead ("a FIFO (named pipe)").
        case notRegular(String)
        /// Bigger than the kind's cap (`size`: what `fstat` announced or what was read).
        case tooLarge(size: Int)
        /// A file named by a repository resolves outside it.
        case outside(resolved: String, root: String)
    }

    /// The path as given.
    public var path: String
    /// What the file was read as (nil when refused before knowing).
    public var kind: BoundedFile.Kind?
    /// Why.
    public var reason: Reason

    /// An error from its parts.
    public init(path: String, kind: BoundedFile.Kind?, reason: Reason) {
        self.path = path
        self.kind = kind
        self.reason = reason
    }

    /// Whether nothing is at the path.
    public var isMissing: Bool {
        if case .errno(ENOENT) = reason { return true }
        return false
    }

    /// The reason in words, without the path: `no such file`, `a character device, not a
    /// regular file`, `17179869184 bytes, more than the 4 MiB a configuration file may hold`.
    public var problem: String {
        switch reason {
        case .errno(ENOENT): return "no such file"
        case .errno(ELOOP): return "symbolic link loop (too many levels of symbolic links)"
        case .errno(let code): return String(cString: strerror(code))
        case .notRegular(let what): return what == "a folder" ? "is a folder" : "\(what), not a regular file"
        case .tooLarge(let size):
            let limit = kind?.limit ?? 0
            return "\(size) bytes, more than the \(ByteCount.text(limit)) a \(kind?.noun ?? "file") may hold"
        case .outside(let resolved, let root):
            return "leads out of the repository (\(root)) to \(resolved): a file the repository names must be "
                + "inside it (give it on the command line if you mean it)"
        }
    }

    /// `PATH: problem`.
    public var description: String { "\(path): \(problem)" }
}

/// Byte counts for messages.
public enum ByteCount {
    /// `4 MiB`, `512 KiB`, `100 bytes`.
    public static func text(_ count: Int) -> String {
        if count >= 1 << 30, count % (1 << 30) == 0 { return "\(count >> 30) GiB" }
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }
}

/// What a file is, from its `st_mode`.
public enum FileMode {
    /// For messages: "a FIFO (named pipe)", "a character device"...
    public static func description(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a folder"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}

/// `read(2)` under a name no method shadows.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
    #else
        Darwin.read(fd, buffer, count)
    #endif
}
