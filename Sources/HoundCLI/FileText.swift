#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import HoundSupport

/// Reading small text files (configuration, inventories) with errors that name the file.
enum FileText {
    /// The bytes of `path` (resolved against `base` when relative).
    static func readBytes(_ path: String, relativeTo base: String) throws(CLIError) -> [UInt8] {
        let full = resolve(path, relativeTo: base)
        let fd = open(full, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIError(message: "cannot read \(path): \(String(cString: strerror(errno)))", status: .incomplete)
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { PosixIO.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError(message: "cannot read \(path): \(String(cString: strerror(errno)))", status: .incomplete)
            }
            if n == 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    /// The text of `path`; invalid UTF-8 is an error naming the file.
    static func read(_ path: String, relativeTo base: String) throws(CLIError) -> String {
        let bytes = try readBytes(path, relativeTo: base)
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
