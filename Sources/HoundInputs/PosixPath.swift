#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundSupport

/// File-system calls on raw path bytes (no `String` round trip, so any byte survives).
enum PosixPath {
    /// What `lstat` says a path is.
    enum Kind { case regular, directory, symlink, other, missing }

    /// `root/relative` as a NUL-terminated C string, passed to `body` (`relative` alone when
    /// `root` is empty).
    static func withCString<R>(root: [UInt8], relative: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        var full = root
        if !relative.isEmpty {
            if !full.isEmpty && full.last != 0x2F { full.append(0x2F) }
            full.append(contentsOf: relative)
        }
        full.append(0)
        return full.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// The kind of `root/relative` without following a final symlink, and its size.
    static func kind(root: [UInt8], relative: [UInt8]) -> (Kind, Int) {
        var info = stat()
        let status = withCString(root: root, relative: relative) { lstat($0, &info) }
        guard status == 0 else { return (.missing, 0) }
        return (kind(of: info.st_mode), Int(info.st_size))
    }

    /// The kind encoded in a `st_mode`.
    static func kind(of mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFLNK: .symlink
        default: .other
        }
    }

    /// `read(2)`, named so that types with their own `read` can call it.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }
}
