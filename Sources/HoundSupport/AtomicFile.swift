#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-file replacement that never leaves a half-written file behind.
///
/// The bytes go to a temporary file in the target's directory, are flushed with `fsync`, and the
/// temporary file is renamed over the target (atomic on POSIX file systems); the directory is then
/// flushed so the rename itself survives a crash. A reader, a crash, or Ctrl-C at any point sees
/// either the old content or the new, never a mix. A process killed mid-write can leave a hidden
/// `.<name>.tmp-*` file beside the target; the target itself is intact.
///
/// A target that is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written through,
/// since renaming over it would replace the device or pipe itself (as root, `-o /dev/null`
/// turned `/dev/null` into a regular file). A symlink is replaced at its target, so the link
/// stays a link.
public enum AtomicFile {
    /// Replaces the content of `path` with `bytes`.
    ///
    /// - Parameters:
    ///   - permissions: The new file's mode; nil keeps the mode of an existing file, or `0o644`.
    /// - Throws: `FileOperationError` naming the failed step; the target is then unchanged.
    public static func write(_ bytes: [UInt8], to target: String, permissions: mode_t? = nil) throws(FileOperationError) {
        do {
            try write(to: target, permissions: permissions) { append in try append(bytes) }
        } catch let error as FileOperationError {
            throw error
        } catch {
            throw FileOperationError(operation: "write", path: target, code: 0, detail: "\(error)")
        }
    }

    /// Replaces the content of `target` with the chunks `produce` appends, as they come (a
    /// report too big to hold): the same temporary file, flush and rename as
    /// ``write(_:to:permissions:)``, so the target holds the old content or the whole new one.
    /// An error `produce` throws is thrown and the target is left unchanged.
    public static func write(
        to target: String, permissions: mode_t? = nil, _ produce: (_ append: ([UInt8]) throws -> Void) throws -> Void
    ) throws {
        var info = stat()
        if stat(target, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
            // A device or FIFO is written through, never replaced.
            let fd = open(target, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw FileOperationError.current("open", target) }
            defer { close(fd) }
            try produce { bytes in try writeAll(bytes, to: fd, path: target) }
            return
        }
        let path = resolvedLink(target) ?? target
        let mode = permissions ?? existingMode(of: path) ?? 0o644
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileOperationError.current("create a temporary file for", path) }
        do {
            // `open` applies the umask; the caller asked for this exact mode.
            guard fchmod(fd, mode) == 0 else { throw FileOperationError.current("set permissions of", temporary) }
            try produce { bytes in try writeAll(bytes, to: fd, path: temporary) }
            guard fsync(fd) == 0 else { throw FileOperationError.current("flush", temporary) }
            guard close(fd) == 0 else {
                unlink(temporary)
                throw FileOperationError.current("close", temporary)
            }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let failure = FileOperationError.current("replace", path)
            unlink(temporary)
            throw failure
        }
        syncDirectory(of: path)
    }

    /// Replaces the content of `path` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to path: String, permissions: mode_t? = nil) throws(FileOperationError) {
        try write(Array(text.utf8), to: path, permissions: permissions)
    }

    /// The file a symlink at `path` points to, nil when `path` is not a symlink or dangles.
    static func resolvedLink(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else {
            return nil
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The permission bits of an existing file, nil when there is none.
    static func existingMode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// A fresh hidden name beside `path`: `.<name>.tmp-<pid>-<random>`.
    static func temporaryPath(for path: String) -> String {
        let (directory, name) = split(path)
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return directory + "." + name + ".tmp-\(getpid())-" + suffix
    }

    /// The directory part (with its trailing `/`, empty for a bare name) and the file name.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FileOperationError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(fd, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .current("write", path)
            }
            offset += written
        }
    }

    /// Flushes the directory entry of a rename; best effort (some file systems refuse).
    private static func syncDirectory(of path: String) {
        let directory = split(path).directory
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

/// `write(2)`, named so that `AtomicFile.write` does not shadow it.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
    #else
        Darwin.write(fd, buffer, count)
    #endif
}
