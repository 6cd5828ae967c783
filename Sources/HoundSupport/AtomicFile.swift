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
        let file = try Writer(replacing: target, permissions: permissions)
        do throws(FileOperationError) {
            try file.append(bytes)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// A replacement being written piece by piece (a report of any size, never held whole):
    /// `append` the bytes, then `commit` (the target changes at once) or `discard` (it does not
    /// change at all).
    public final class Writer {
        /// The file being written: the temporary file, or the special file written through.
        private var fd: Int32
        /// The temporary file, nil when writing through a special file.
        private let temporary: String?
        /// The file the temporary one replaces (a symlink's target).
        private let path: String

        /// Opens the replacement of `target`; `permissions` as for `AtomicFile.write`.
        public init(replacing target: String, permissions: mode_t? = nil) throws(FileOperationError) {
            var info = stat()
            if stat(target, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
                // Written through (a device, a FIFO): renaming over it would replace it.
                fd = open(target, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw .current("open", target) }
                temporary = nil
                path = target
                return
            }
            path = AtomicFile.resolvedLink(target) ?? target
            let mode = permissions ?? AtomicFile.existingMode(of: path) ?? 0o644
            let temporary = AtomicFile.temporaryPath(for: path)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            guard fd >= 0 else { throw .current("create a temporary file for", path) }
            self.temporary = temporary
            // `open` applies the umask; the caller asked for this exact mode.
            guard fchmod(fd, mode) == 0 else {
                let failure = FileOperationError.current("set permissions of", temporary)
                discard()
                throw failure
            }
        }

        /// Appends `bytes`.
        public func append(_ bytes: [UInt8]) throws(FileOperationError) {
            guard fd >= 0 else { throw FileOperationError(operation: "write", path: path, code: EBADF) }
            try AtomicFile.writeAll(bytes, to: fd, path: temporary ?? path)
        }

        /// Flushes the file and renames it over the target.
        public func commit() throws(FileOperationError) {
            guard fd >= 0 else { throw FileOperationError(operation: "write", path: path, code: EBADF) }
            guard let temporary else {
                close(fd)
                fd = -1
                return
            }
            guard fsync(fd) == 0 else { throw .current("flush", temporary) }
            let closed = close(fd)
            fd = -1
            guard closed == 0 else {
                let failure = FileOperationError.current("close", temporary)
                unlink(temporary)
                throw failure
            }
            guard rename(temporary, path) == 0 else {
                let failure = FileOperationError.current("replace", path)
                unlink(temporary)
                throw failure
            }
            AtomicFile.syncDirectory(of: path)
        }

        /// Closes and removes the temporary file; the target is unchanged.
        public func discard() {
            if fd >= 0 {
                close(fd)
                fd = -1
            }
            if let temporary { unlink(temporary) }
        }

        deinit { if fd >= 0 { discard() } }
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

    fileprivate static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FileOperationError) {
        guard PosixIO.writeAll(bytes, to: fd) else { throw .current("write", path) }
    }

    /// Flushes the directory entry of a rename; best effort (some file systems refuse).
    fileprivate static func syncDirectory(of path: String) {
        let directory = split(path).directory
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

