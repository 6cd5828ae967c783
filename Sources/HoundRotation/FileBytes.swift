import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-file reads with POSIX calls (bytes, never `String(contentsOfFile:)`).
enum FileBytes {
    /// The bytes of the file at `path`, nil when it does not exist.
    ///
    /// - Throws: `RotationError.state` when it exists but cannot be read.
    static func readIfPresent(_ path: String) throws(RotationError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw .state(path: path, problem: "cannot read: \(SubprocessError.message(errno))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .state(path: path, problem: "cannot read: \(SubprocessError.message(errno))")
            }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        return bytes
    }
}
