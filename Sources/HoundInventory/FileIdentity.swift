#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat` says about a file, as git's index keeps it: enough to tell that a file is
/// unchanged without reading it.
///
/// Any write, rename or `chmod` sets the change time (ctime) to the current time, and no user can
/// set it back (`touch` and `utimensat` set the modification time and, in doing so, the ctime to
/// now). A file rewritten with the same size and its old modification time restored therefore
/// still has a new ctime; a file replaced by a rename has a new inode.
struct FileIdentity: Hashable, Sendable {
    /// The device holding the file.
    var device: UInt64
    /// The inode number.
    var inode: UInt64
    /// The size in bytes.
    var size: Int64
    /// The modification time: seconds and nanoseconds since the epoch.
    var modified: FileTime
    /// The status change time: seconds and nanoseconds since the epoch.
    var changed: FileTime

    /// The identity of a file from its `stat` record.
    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Glibc)
            modified = FileTime(info.st_mtim)
            changed = FileTime(info.st_ctim)
        #else
            modified = FileTime(info.st_mtimespec)
            changed = FileTime(info.st_ctimespec)
        #endif
    }

    /// An identity from its parts (for tests and the index reader).
    init(device: UInt64, inode: UInt64, size: Int64, modified: FileTime, changed: FileTime) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    /// The identity of the file at `path` (following symbolic links), or nil when it cannot be
    /// examined.
    static func of(path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(info)
    }

    /// Whether the file may still have been changing while it was read, at `readStart`, in the
    /// same clock tick as its last recorded change: then a later change could leave the same
    /// identity behind (git's "racily clean" entries), and the identity must not be trusted.
    ///
    /// File systems stamp times with a coarse clock (a scheduler tick, a few milliseconds), and
    /// some only to the second, which shows as zero nanoseconds; the margin covers both.
    func isRacy(readStart: FileTime) -> Bool {
        let margin: Int64 = changed.nanoseconds == 0 && modified.nanoseconds == 0 ? 2_000_000_000 : 100_000_000
        return changed.totalNanoseconds > readStart.totalNanoseconds - margin
    }
}
