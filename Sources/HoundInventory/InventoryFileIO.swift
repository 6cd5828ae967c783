#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-file reads with errors in inventory terms.
enum InventoryFileIO {
    /// The bytes of the file at `path`.
    static func read(_ path: String) throws(InventoryError) -> [UInt8] {
        guard let bytes = readIfPresent(path) else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw InventoryError(.unreadable, path: path, message: "cannot read the file: \(reason)")
        }
        return bytes
    }

    /// The bytes of the file at `path`, or nil (with `errno` set) when it cannot be read.
    static func readIfPresent(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFDIR {
            errno = EISDIR
            return nil
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Whether a file exists at `path`.
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}

/// `read(2)` under a name no method shadows.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
    #else
        Darwin.read(fd, buffer, count)
    #endif
}
