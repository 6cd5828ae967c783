#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A time stamp from the file system or the real-time clock.
struct FileTime: Hashable, Sendable {
    /// Seconds since the epoch.
    var seconds: Int64
    /// Nanoseconds within the second.
    var nanoseconds: Int64

    /// A time from its parts.
    init(seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// A time from a `timespec`.
    init(_ time: timespec) {
        self.init(seconds: Int64(time.tv_sec), nanoseconds: Int64(time.tv_nsec))
    }

    /// The time as one number of nanoseconds (saturating far outside the years 1678–2262).
    var totalNanoseconds: Int64 {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = scaled.addingReportingOverflow(nanoseconds)
        return overflow2 ? (seconds < 0 ? .min : .max) : total
    }

    /// The real-time clock now.
    static func now() -> FileTime {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return FileTime(time)
    }
}
