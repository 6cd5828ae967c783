#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import HoundSupport

/// Reading the files a command is given or finds (configuration, rules, commit lists), through
/// the one bounded reader (`BoundedFile`), with errors that name the file.
enum FileText {
    /// The bytes of `path` (resolved against `base` when relative), read as a `kind` file; with
    /// `confinedTo`, the file must resolve to a path inside that folder (a file the scanned
    /// repository names).
    static func readBytes(
        _ path: String, relativeTo base: String, kind: BoundedFile.Kind, confinedTo root: String? = nil
    ) throws(CLIError) -> [UInt8] {
        do {
            return try BoundedFile.read(resolve(path, relativeTo: base), kind: kind, confinedTo: root).bytes
        } catch {
            throw CLIError(message: "cannot read \(path): \(error.problem)", status: .incomplete)
        }
    }

    /// The text of `path` (see ``readBytes(_:relativeTo:kind:confinedTo:)``); invalid UTF-8 is an
    /// error naming the file.
    static func read(
        _ path: String, relativeTo base: String, kind: BoundedFile.Kind, confinedTo root: String? = nil
    ) throws(CLIError) -> String {
        let bytes = try readBytes(path, relativeTo: base, kind: kind, confinedTo: root)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIError(message: "\(path) is not valid UTF-8", status: .incomplete)
        }
        return text
    }

    static func resolve(_ path: String, relativeTo base: String) -> String {
        path.hasPrefix("/") ? path : (base == "." ? path : base + "/" + path)
    }

    /// Why `stat` fails on `path` ("no such file or directory", "symbolic link loop"...), nil
    /// when it succeeds.
    static func statProblem(_ path: String) -> String? {
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

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
