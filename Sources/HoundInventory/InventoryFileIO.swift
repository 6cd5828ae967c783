#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import HoundSupport

/// Whole-file reads with errors in inventory terms.
enum InventoryFileIO {
    /// The bytes of the file at `path`.
    static func read(_ path: String) throws(InventoryError) -> [UInt8] {
        try readWithIdentity(path).bytes
    }

    /// The bytes of the file at `path` and its identity as `fstat` gave it before the first byte
    /// was read.
    static func readWithIdentity(_ path: String) throws(InventoryError) -> (bytes: [UInt8], identity: FileIdentity) {
        guard let read = readIfPresentWithIdentity(path) else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw InventoryError(.unreadable, path: path, message: "cannot read the file: \(reason)")
        }
        return read
    }

    /// The bytes of the file at `path`, or nil (with `errno` set) when it cannot be read.
    static func readIfPresent(_ path: String) -> [UInt8]? { readIfPresentWithIdentity(path)?.bytes }

    /// The bytes and identity of the file at `path`, or nil (with `errno` set) when it cannot be
    /// read.
    static func readIfPresentWithIdentity(_ path: String) -> (bytes: [UInt8], identity: FileIdentity)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFDIR {
            errno = EISDIR
            return nil
        }
        guard let bytes = readAll(fd, expectedSize: Int(info.st_size)) else { return nil }
        return (bytes, FileIdentity(info))
    }

    /// Everything `fd` still has to give, read straight into the result; `expectedSize` (from
    /// `fstat`) sizes it, so a file that does not change while it is read takes one `read` call
    /// and one more to see its end.
    static func readAll(_ fd: Int32, expectedSize: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: max(expectedSize, 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 1 << 16))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 {
                bytes.removeSubrange(filled...)
                return bytes
            }
            filled += count
        }
    }

    /// Whether a file exists at `path`.
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}

/// `read(2)` under a name no method shadows.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        PosixIO.read(fd, buffer, count)
    #else
        Darwin.read(fd, buffer, count)
    #endif
}
