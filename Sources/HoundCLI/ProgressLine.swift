import Dispatch
import HoundPipeline
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Monotonic seconds.
enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A live progress line on stderr (items done of total, bytes, rate, ETA), redrawn at most ten
/// times a second, only when stderr is a terminal and progress was not turned off.
final class ProgressLine: ScanProgress {
    private struct State {
        var total = 0
        var done = 0
        var bytes = 0
        var unit = "files"
        var started = Clock.now()
        var lastDraw = 0.0
        var drawn = false
        /// What is being worked on now (a sweep's current repository), shown last.
        var current = ""
    }

    private let state = Mutex(State())
    private let enabled: Bool
    private let console: Console

    init(enabled: Bool, console: Console) {
        self.enabled = enabled
        self.console = console
    }

    /// Starts a phase of `total` items (0 when unknown).
    func begin(total: Int, unit: String) {
        state.withLock {
            $0.total = total
            $0.done = 0
            $0.unit = unit
            $0.started = Clock.now()
        }
    }

    /// Bytes scanned so far in this phase and the ones before.
    var bytesDone: Int { state.withLock { $0.bytes } }

    /// Names the item being worked on now (shown at the end of the line), and redraws.
    func working(on item: String) {
        let line: String? = state.withLock { s in
            s.current = item
            return enabled ? Self.draw(&s) : nil
        }
        if let line { console.err(line) }
    }

    /// One more item of `bytes` bytes is done.
    func advance(bytes: Int) {
        let line: String? = state.withLock { s in
            s.done += 1
            s.bytes += bytes
            guard enabled, Clock.now() - s.lastDraw >= 0.1 else { return nil }
            return Self.draw(&s)
        }
        if let line { console.err(line) }
    }

    /// The line for `s`, now.
    private static func draw(_ s: inout State) -> String {
        let now = Clock.now()
        s.lastDraw = now
        s.drawn = true
        let elapsed = max(0.001, now - s.started)
        let rate = Double(s.bytes) / elapsed
        var text = "\r\u{1B}[2K\(s.done)"
        if s.total > 0 { text += "/\(s.total)" }
        text += " \(s.unit), \(ByteFormat.megabytes(s.bytes)), \(ByteFormat.megabytes(Int(rate)))/s"
        if s.total > 0, s.done > 0 {
            let eta = elapsed / Double(s.done) * Double(s.total - s.done)
            text += ", ETA \(Int(eta.rounded())) s"
        }
        if !s.current.isEmpty {
            // No control character reaches the terminal.
            let shown = s.current.prefix(60).unicodeScalars.map { $0.value < 0x20 || (0x7f..<0xa0).contains($0.value) ? "?" : $0 }
            text += ", " + String(String.UnicodeScalarView(shown))
        }
        return text
    }

    /// Clears the line.
    func finish() {
        let drawn = state.withLock { $0.drawn }
        if enabled && drawn { console.err("\r\u{1B}[2K") }
    }
}

enum ByteFormat {
    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_048_576
        return mb >= 100 ? "\(Int(mb)) MB" : "\(Double(Int(mb * 10)) / 10) MB"
    }
}
