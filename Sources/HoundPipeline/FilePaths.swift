#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Facts about local paths the pipeline and the CLI both need: resolving a path the user gave,
/// what is there, and the repository a folder belongs to. The one home for these (the CLI's
/// `FileText` and `ConfigurationLoader` forward here).
public enum FilePaths {
    /// `path` resolved against `base` when relative.
    public static func resolve(_ path: String, relativeTo base: String) -> String {
        path.hasPrefix("/") ? path : (base == "." ? path : base + "/" + path)
    }

    /// Why `stat` fails on `path` ("no such file or directory", "symbolic link loop"...), nil
    /// when it succeeds.
    public static func statProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) != 0 else { return nil }
        switch errno {
        case ENOENT:
            var link = stat()
            return lstat(path, &link) == 0 ? "dangling symbolic link" : "no such file or directory"
        case ELOOP: return "symbolic link loop (too many levels of symbolic links)"
        case let code: return String(cString: strerror(code))
        }
    }

    /// Whether something is at `path` (links followed).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether `path` is a folder (links followed).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The folder holding `path` (`.` for a bare name, `/` at the top).
    public static func parent(of path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard let slash = p.lastIndex(of: "/") else { return "." }
        return slash == p.startIndex ? "/" : String(p[..<slash])
    }

    /// The nearest folder at or above `start` that holds `.git`.
    public static func repositoryTop(from start: String) -> String? {
        var dir = start
        for _ in 0..<256 {
            if exists(dir + "/.git") { return dir }
            let up = parent(of: dir)
            if up == dir { return nil }
            dir = up
        }
        return nil
    }

    /// `path` without trailing `/.` components (`/repo/.` is `/repo`).
    public static func normalised(_ path: String) -> String {
        var p = path
        while p.count > 2 && p.hasSuffix("/.") { p.removeLast(2) }
        return p
    }

    /// The target of `path` when it is a symbolic link (all links resolved), else `path`.
    public static func resolvedLink(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) else {
            return path
        }
        defer { free(real) }
        return String(cString: real)
    }
}
