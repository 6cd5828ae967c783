#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C calls Swift's Glibc module hides (they need `_GNU_SOURCE`), looked up once with
/// `dlsym`, plus small descriptor helpers.
enum PosixCalls {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private struct Symbols: @unchecked Sendable {
        var pipe2: Pipe2?
        var addChdir: AddChdir?
        var addCloseFrom: AddCloseFrom?
    }

    /// Resolved once; any of them may be missing on an old C library.
    private static let symbols: Symbols = {
        let handle = dlopen(nil, RTLD_NOW)
        func find<T>(_ name: String, as type: T.Type) -> T? {
            guard let symbol = dlsym(handle, name) else { return nil }
            return unsafeBitCast(symbol, to: type)
        }
        return Symbols(
            pipe2: find("pipe2", as: Pipe2.self),
            addChdir: find("posix_spawn_file_actions_addchdir_np", as: AddChdir.self),
            addCloseFrom: find("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self))
    }()

    /// Ignoring `SIGPIPE` once for the whole process: a child that exits before reading all its
    /// input must give us `EPIPE`, not kill us.
    static let ignoreBrokenPipe: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// A pipe whose two ends close on `exec` (atomically when `pipe2` exists).
    static func makePipe() throws(SubprocessError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        if let pipe2 = symbols.pipe2 {
            guard pipe2(&fds, O_CLOEXEC) == 0 else { throw .pipeFailed(errno: errno) }
        } else {
            guard pipe(&fds) == 0 else { throw .pipeFailed(errno: errno) }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        return (fds[0], fds[1])
    }

    /// Adds "change directory" to the spawn actions; false when the C library cannot.
    static func addChdir(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Bool {
        guard let addChdir = symbols.addChdir else { return false }
        return addChdir(&actions, path) == 0
    }

    /// Adds "close every descriptor from `lowest` up" to the spawn actions when supported.
    static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) {
        _ = symbols.addCloseFrom?(&actions, lowest)
    }

    /// Closes every non-negative descriptor in `fds`.
    static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }

    /// Sets `O_NONBLOCK` on `fd`.
    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Asks Linux for a 1 MiB pipe buffer (fewer wake-ups on bulk output); ignored elsewhere or
    /// when refused.
    static func growPipe(_ fd: Int32) {
        #if os(Linux)
            let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ
            _ = fcntl(fd, setPipeSize, Int32(1 << 20))
        #endif
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
