#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A process as recorded when it started: enough to tell later, from another process, whether
/// that very process is still running (a process id alone may have been reused).
public struct ProcessStart: Sendable, Equatable {
    /// The process id, also its process group id (it leads its own group).
    public var pid: Int32
    /// Its start time in clock ticks since boot (`/proc/PID/stat`, field 22).
    public var startTicks: UInt64
    /// The boot it ran in (`/proc/sys/kernel/random/boot_id`): ids and ticks mean nothing in another.
    public var bootID: String

    /// A record from its parts.
    public init(pid: Int32, startTicks: UInt64, bootID: String) {
        self.pid = pid
        self.startTicks = startTicks
        self.bootID = bootID
    }
}

/// Looks at processes through Linux's `/proc`: whether a recorded process still runs, and the
/// live members of a process group; stops a group. Elsewhere (no `/proc`) nothing can be told,
/// and callers treat a recorded process as gone.
public enum ProcessProbe {
    /// What became of a recorded process.
    public enum Liveness: Sendable, Equatable {
        /// The very process (same id, same start time, same boot) is running.
        case running
        /// It exited (or is a zombie waiting to be reaped), or its id now names another process.
        case finished
        /// It ran in another boot or on another machine: nothing can be known of it from here.
        case elsewhere
    }

    /// The record of the process `pid` as it is now, nil when it does not exist (or no `/proc`).
    public static func start(of pid: Int32) -> ProcessStart? {
        guard let stat = stat(of: pid), let bootID = bootID() else { return nil }
        return ProcessStart(pid: pid, startTicks: stat.startTicks, bootID: bootID)
    }

    /// Whether the recorded process still runs.
    public static func liveness(of recorded: ProcessStart) -> Liveness {
        guard let bootID = bootID(), bootID == recorded.bootID else { return .elsewhere }
        guard let stat = stat(of: recorded.pid), stat.startTicks == recorded.startTicks, !stat.isZombie else {
            return .finished
        }
        return .running
    }

    /// The processes of group `group` that are alive (not zombies), by scanning `/proc`.
    public static func liveMembers(ofGroup group: Int32) -> [Int32] {
        guard kill(-group, 0) == 0 || errno == EPERM, let folder = opendir("/proc") else { return [] }
        defer { closedir(folder) }
        var members: [Int32] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard let pid = Int32(name), let stat = stat(of: pid) else { continue }
            if stat.group == group, !stat.isZombie { members.append(pid) }
        }
        return members
    }

    /// Stops every live member of the group of the recorded process: `SIGTERM`, up to `grace`
    /// seconds for them to exit, then `SIGKILL`, and waits (up to 5 s) until none is left
    /// alive. The group is signalled only while it can still be ours: its leader is the recorded
    /// process, or the leader is gone and the group still exists (a group's id is not reused
    /// while it has members). Returns whether no live member is left.
    @discardableResult
    public static func stopGroup(of recorded: ProcessStart, grace: Double = 2) -> Bool {
        let group = recorded.pid
        guard liveness(of: recorded) != .elsewhere else { return true }
        if let leader = stat(of: group), leader.startTicks != recorded.startTicks {
            // The id names another process now: our group is long gone.
            return true
        }
        if liveMembers(ofGroup: group).isEmpty { return true }
        kill(-group, SIGTERM)
        if wait(seconds: grace, until: { liveMembers(ofGroup: group).isEmpty }) { return true }
        kill(-group, SIGKILL)
        return wait(seconds: 5, until: { liveMembers(ofGroup: group).isEmpty })
    }

    /// Polls `condition` (every 20 ms at most) for up to `seconds`; whether it became true.
    public static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let end = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 + max(0, seconds)
        var pause: UInt32 = 1_000
        while true {
            if condition() { return true }
            clock_gettime(CLOCK_MONOTONIC, &now)
            if Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 >= end { return false }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    /// The fields of `/proc/PID/stat` this needs.
    struct Stat {
        var isZombie: Bool
        var group: Int32
        var startTicks: UInt64
    }

    /// Parses `/proc/PID/stat`: the command name (field 2) is in parentheses and may hold spaces
    /// or parentheses itself, so fields are counted from the last `)`.
    static func stat(of pid: Int32) -> Stat? {
        guard pid > 0, let bytes = readSmallFile("/proc/\(pid)/stat"),
            let close = bytes.lastIndex(of: UInt8(ascii: ")"))
        else { return nil }
        let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        // fields[0] is field 3 (state), fields[2] field 5 (pgrp), fields[19] field 22 (starttime).
        guard fields.count > 19, let group = Int32(fields[2]), let ticks = UInt64(fields[19]) else { return nil }
        return Stat(isZombie: fields[0] == "Z" || fields[0] == "X", group: group, startTicks: ticks)
    }

    /// Whether `pid` is blocked in `open` on a named pipe (FIFO) that has no writer: its kernel
    /// wait channel (`/proc/PID/wchan`) is the FIFO open's. Such an open never returns by itself;
    /// false where the platform cannot tell.
    public static func isWaitingToOpenFIFO(_ pid: Int32) -> Bool {
        guard pid > 0, let bytes = readSmallFile("/proc/\(pid)/wchan") else { return false }
        let channel = SubprocessResult.trimmedText(bytes)
        return channel == "wait_for_partner" || channel == "fifo_open"
    }

    /// This boot's id, nil without `/proc`.
    static func bootID() -> String? {
        guard let bytes = readSmallFile("/proc/sys/kernel/random/boot_id") else { return nil }
        return SubprocessResult.trimmedText(bytes)
    }

    /// The first 4 KB of a `/proc` file.
    private static func readSmallFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var count = 0
        while count < buffer.count {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { break }
            count += got
        }
        return count > 0 ? Array(buffer[..<count]) : nil
    }
}
