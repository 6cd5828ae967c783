import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Time spent per rule, collected when `KEYHOUND_PROFILE` is set (for the benchmarks and for
/// finding a slow user rule): regex nanoseconds and bytes of windows searched.
public final class RuleProfile: Sendable {
    /// The process-wide profile; nil unless profiling was switched on.
    public static let shared: RuleProfile? = getenv("KEYHOUND_PROFILE") != nil ? RuleProfile() : nil

    private let totals = Mutex<[String: (nanoseconds: UInt64, bytes: Int, windows: Int)]>([:])

    /// Adds the cost of searching `windows` windows holding `bytes` bytes for `rule`.
    func add(rule: String, nanoseconds: UInt64, windows: Int, bytes: Int) {
        totals.withLock {
            let t = $0[rule] ?? (0, 0, 0)
            $0[rule] = (t.nanoseconds + nanoseconds, t.bytes + bytes, t.windows + windows)
        }
    }

    /// The costliest rules, one line each.
    public func report(top: Int = 25) -> String {
        let rows = totals.withLock { $0 }.sorted { $0.value.nanoseconds > $1.value.nanoseconds }.prefix(top)
        var out = "rule profile (regex time, windows, window bytes):\n"
        for (rule, t) in rows {
            out += "  \(rule): \(Double(t.nanoseconds / 1_000_000) / 1000) s, \(t.windows) windows, \(t.bytes) bytes\n"
        }
        return out
    }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
