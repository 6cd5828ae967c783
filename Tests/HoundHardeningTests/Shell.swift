import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Child processes for the tests: git fixtures and the built `keyhound` binary, with the child's
/// wall time and peak resident memory. Output goes through files, so no pipe can fill up.
///
/// The peak is the `VmHWM` line of `/proc/PID/status`, sampled every few milliseconds until the
/// child exits (the high-water mark only grows, so a late sample holds every earlier peak; only
/// growth in the last interval could be missed). `wait4`'s `ru_maxrss` cannot be used:
/// `posix_spawn` runs the child on the test runner's memory until `exec`, and Linux carries that
/// high-water mark (the whole test runner's) into the child's.
enum Shell {
    /// What a child did.
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        var seconds: Double
        /// Peak resident set size of the child, in KiB.
        var peakKiB: Int
        var timedOut: Bool

        var out: String { String(decoding: stdout, as: UTF8.self) }
        var err: String { String(decoding: stderr, as: UTF8.self) }
        var peakMiB: Double { Double(peakKiB) / 1024 }
    }

    /// Runs `executable` (a path, or a name looked up in `PATH` by `/bin/sh`) with `arguments`
    /// in `directory`, killing it after `timeout` seconds.
    static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        environment: [String: String]? = nil, stdin: [UInt8] = [], timeout: Double = 120
    ) throws -> Result {
        let scratch = try Scratch("shell")
        let inPath = scratch.url("stdin")
        let outPath = scratch.url("stdout")
        let errPath = scratch.url("stderr")
        try scratch.write("stdin", stdin)
        // `cd` then `exec`: the measured process is the program itself, not the shell.
        let argv =
            [
                "/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory ?? FileManager.default.currentDirectoryPath,
                executable,
            ]
            + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Never the test process's environment (see `TestEnvironment`).
        let environmentLines = (environment ?? TestEnvironment.clean).map { "\($0.key)=\($0.value)" }
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = environmentLines.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let started = monotonicSeconds()
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw ScratchError("posix_spawn: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var peakKiB = 0
        // Until it has executed the program, the child may still run on this process's memory
        // (`posix_spawn` is a vfork), and its VmHWM is then the test runner's: only readings of
        // the program itself count (one run read 585 MiB for a 124 MiB scan).
        let program = String(executable.split(separator: "/").last ?? "").prefix(15)
        while true {
            peakKiB = max(peakKiB, highWaterMark(of: pid, running: String(program)) ?? 0)
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited < 0 && errno != EINTR { throw ScratchError("wait4: \(String(cString: strerror(errno)))") }
            if monotonicSeconds() - started > timeout && !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(timedOut ? 1000 : 2000)
        }
        let seconds = monotonicSeconds() - started
        // WIFEXITED / WEXITSTATUS by hand (macros are not imported).
        let exitCode: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(
            status: exitCode, stdout: scratch.read("stdout") ?? [], stderr: scratch.read("stderr") ?? [],
            seconds: seconds, peakKiB: peakKiB, timedOut: timedOut)
    }

    /// `VmHWM` of a live process in KiB, nil once it has exited (or without /proc), or while its
    /// `Name` is not `program` (the kernel's 15-character name of the program it runs).
    static func highWaterMark(of pid: pid_t, running program: String) -> Int? {
        let fd = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        let lines = text.split(separator: "\n")
        guard let name = lines.first(where: { $0.hasPrefix("Name:") }),
            name.dropFirst(5).trimmingCharacters(in: .whitespaces) == program
        else { return nil }
        guard let line = lines.first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.dropFirst(6).filter(\.isNumber))
    }

    /// The `keyhound` executable built next to the test bundle, nil when it is not there.
    static var keyhoundBinary: String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let exe = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var directory = exe
        while let slash = directory.lastIndex(of: "/") {
            directory = String(directory[..<slash])
            let candidate = directory + "/keyhound"
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
            if directory.hasSuffix("/.build") || directory.isEmpty { break }
        }
        return nil
    }
}
