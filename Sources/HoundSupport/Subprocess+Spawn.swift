#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The parent's ends of a freshly spawned child's pipes.
struct SpawnedChild {
    /// The child's process id (also its process group id when `ownGroup`).
    var pid: pid_t
    /// Write end of the child's standard input, -1 when the child reads an empty pipe.
    var stdinFD: Int32
    /// Read end of the child's standard output.
    var stdoutFD: Int32
    /// Read end of the child's standard error.
    var stderrFD: Int32
    /// Whether the child leads its own process group.
    var ownGroup: Bool
}

extension Subprocess {
    /// The absolute or relative path to execute: `executable` itself when it contains `/`,
    /// else the first executable regular file of that name in `PATH`.
    public func resolvedExecutable() throws(SubprocessError) -> String {
        if executable.contains("/") {
            guard access(executable, X_OK) == 0 else { throw .notFound(executable) }
            return executable
        }
        let searchPath = environment?["PATH"] ?? getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let folder = directory.isEmpty ? "." : String(directory)
            let candidate = folder + "/" + executable
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        throw .notFound(executable)
    }

    /// Starts the child with pipes for its output (and its input when `feedsStdin`; or, given
    /// `stdinDescriptor`, that descriptor as its input).
    func spawn(
        path: String, feedsStdin: Bool, ownGroup: Bool, stdinDescriptor: Int32? = nil
    ) throws(SubprocessError) -> SpawnedChild {
        var stdinPipe: (read: Int32, write: Int32) = (-1, -1)
        if feedsStdin || stdinDescriptor == nil { stdinPipe = try PosixCalls.makePipe() }
        if !feedsStdin && stdinDescriptor == nil {
            // Nothing to feed: an empty pipe (its write end closed at once), not `/dev/null`
            // opened by path, which a tool run as root may have replaced by a regular file.
            PosixCalls.closeAll([stdinPipe.write])
            stdinPipe.write = -1
        }
        let stdoutPipe: (read: Int32, write: Int32)
        let stderrPipe: (read: Int32, write: Int32)
        do {
            stdoutPipe = try PosixCalls.makePipe()
        } catch {
            PosixCalls.closeAll([stdinPipe.read, stdinPipe.write])
            throw error
        }
        do {
            stderrPipe = try PosixCalls.makePipe()
        } catch {
            PosixCalls.closeAll([stdinPipe.read, stdinPipe.write, stdoutPipe.read, stdoutPipe.write])
            throw error
        }
        // The child's ends are closed in the parent whatever happens.
        defer { PosixCalls.closeAll([stdinPipe.read, stdoutPipe.write, stderrPipe.write]) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdinDescriptor {
            posix_spawn_file_actions_adddup2(&actions, stdinDescriptor, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, stdinPipe.read, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe.write, 2)
        PosixCalls.addCloseFrom(&actions, 3)
        if let workingDirectory {
            guard PosixCalls.addChdir(&actions, workingDirectory) else {
                PosixCalls.closeAll([stdinPipe.write, stdoutPipe.read, stderrPipe.read])
                throw .spawnFailed(path, errno: ENOSYS)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if ownGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var pid = pid_t()
        let argv = ([path] + arguments).map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        let status: Int32
        if let environment {
            let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
            defer { for pointer in envp { free(pointer) } }
            status = (argv + [nil]).withUnsafeBufferPointer { argvPointer in
                (envp + [nil]).withUnsafeBufferPointer { envpPointer in
                    posix_spawn(&pid, path, &actions, &attributes, argvPointer.baseAddress!, envpPointer.baseAddress!)
                }
            }
        } else {
            status = (argv + [nil]).withUnsafeBufferPointer { argvPointer in
                posix_spawn(&pid, path, &actions, &attributes, argvPointer.baseAddress!, environ)
            }
        }
        guard status == 0 else {
            PosixCalls.closeAll([stdinPipe.write, stdoutPipe.read, stderrPipe.read])
            throw .spawnFailed(path, errno: status)
        }
        for fd in [stdinPipe.write, stdoutPipe.read, stderrPipe.read] where fd >= 0 {
            PosixCalls.setNonBlocking(fd)
        }
        PosixCalls.growPipe(stdoutPipe.read)
        return SpawnedChild(
            pid: pid, stdinFD: stdinPipe.write, stdoutFD: stdoutPipe.read, stderrFD: stderrPipe.read,
            ownGroup: ownGroup)
    }
}
