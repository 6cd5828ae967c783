import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folder creation with POSIX calls.
enum Folder {
    /// Creates `path` and its missing parents, readable by their owner only (`mkdir -p`, mode 0700).
    static func create(_ path: String) throws(FileOperationError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                throw FileOperationError(operation: "create the folder", path: prefix, code: errno)
            }
            prefix += "/"
        }
    }

    /// The folder part of `path` (`.` for a bare name).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
