#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `read(2)` and `write(2)` under names that no method shadows, on Linux and macOS alike (inside a
/// type with its own `read`, the C function must be qualified, and its module differs by platform).
public enum PosixIO {
    /// `read(2)`: bytes read, 0 at the end, -1 on error (`errno` set).
    @inlinable
    public static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }

    /// `write(2)`: bytes written, -1 on error (`errno` set).
    @inlinable
    public static func write(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(fd, buffer, count)
        #else
            Darwin.write(fd, buffer, count)
        #endif
    }

    /// Writes all of `bytes` to `fd`, at its file position or, with `offset`, at that offset
    /// (`pwrite(2)`), retrying on `EINTR`: false on an error (`errno` set).
    public static func writeAll(_ bytes: [UInt8], to fd: Int32, at offset: Int? = nil) -> Bool {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                if let offset { return pwrite(fd, base + done, buffer.count - done, off_t(offset + done)) }
                return write(fd, base + done, buffer.count - done)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += written
        }
        return true
    }

    /// Up to `count` bytes of `fd` from `offset` (`pread(2)`, retrying on `EINTR`): fewer when the
    /// file ends first; nil on an error (`errno` set).
    public static func read(_ fd: Int32, count: Int, at offset: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(fd, $0 + done, count - done, off_t(offset + done)) } ?? 0
            }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            done += got
        }
        return done == count ? bytes : Array(bytes[..<done])
    }
}
