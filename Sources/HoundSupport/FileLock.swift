#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock guarding read-modify-write of a file, held until released.
///
/// The lock is `flock(2)` on `<path>.lock` beside the target, not on the target itself: writes
/// replace the target by renaming a new file over it (`AtomicFile`), and a lock on the old inode
/// would guard nothing. The `.lock` file is removed on release, so none is left beside the
/// inventory to show up in `git status`: the holder unlinks it before unlocking, and a waiter
/// that then gets the lock on the unlinked file sees that the path no longer names it and starts
/// over with a fresh one. Locks taken through separate `FileLock` values exclude each other,
/// across threads as well as processes.
///
/// `FileLock` is non-copyable: the lock is released exactly once, by `release()` or when the
/// value goes out of scope.
public struct FileLock: ~Copyable, Sendable {
    /// The lock file's descriptor.
    private let fd: Int32
    /// The lock file's path (`<target>.lock`).
    public let lockPath: String

    /// Waits until the lock for `path` is free, or throws when `timeout` passes first.
    ///
    /// - Parameters:
    ///   - path: The file to guard; the lock lives in `path + ".lock"`.
    ///   - timeout: How long to wait for another holder to let go.
    /// - Throws: `FileOperationError` when the lock file cannot be opened or the wait times out.
    public init(for path: String, timeout: Duration = .seconds(10)) throws(FileOperationError) {
        let lockPath = path + ".lock"
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var pause: UInt32 = 1_000
        var fd: Int32 = -1
        while true {
            fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .current("open the lock file", lockPath) }
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                if code == EINTR { continue }
                guard code == EWOULDBLOCK else {
                    close(fd)
                    throw FileOperationError(operation: "lock", path: lockPath, code: code)
                }
                guard clock.now < deadline else {
                    close(fd)
                    throw FileOperationError(
                        operation: "lock", path: path, code: 0,
                        detail: "another keyhound process has held \(lockPath) for more than \(timeout)")
                }
                usleep(pause)
                pause = min(pause * 2, 20_000)
            }
            // The previous holder may have removed the file while we waited: the lock is only
            // ours if the path still names the file we locked.
            var held = stat()
            var named = stat()
            if fstat(fd, &held) == 0, stat(lockPath, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                break
            }
            close(fd)
        }
        self.fd = fd
        self.lockPath = lockPath
    }

    /// Lets go of the lock now rather than at the end of scope.
    public consuming func release() {}

    deinit {
        unlink(lockPath)
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Runs `body` while holding the lock for `path`, releasing it however `body` ends.
    public static func withLock<T>(
        for path: String, timeout: Duration = .seconds(10), _ body: () throws -> T
    ) throws -> T {
        let lock = try FileLock(for: path, timeout: timeout)
        do {
            let result = try body()
            lock.release()
            return result
        } catch {
            lock.release()
            throw error
        }
    }
}
