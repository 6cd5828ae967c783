#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folder creation with POSIX calls (no Foundation).
public enum Folder {
    /// Creates `path` and its missing parents (`mkdir -p`), by default readable by their owner
    /// only (mode 0700, less the umask).
    public static func create(_ path: String, mode: mode_t = 0o700) throws(FileOperationError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, mode) != 0, errno != EEXIST {
                throw FileOperationError(operation: "create the folder", path: prefix, code: errno)
            }
            prefix += "/"
        }
    }

    /// The folder part of `path` (`.` for a bare name).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
