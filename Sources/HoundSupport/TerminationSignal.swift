import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGTERM, SIGINT and SIGHUP turned into something a long operation can act on: a flag and a
/// self-pipe that becomes readable. A child run with `Subprocess.stopDescriptor` set to
/// ``descriptor`` has its process group stopped at once, and the caller finds ``received`` set
/// and winds down (a rotation leaves its write-ahead record for `--resume`).
///
/// Installed once, by the process entry (before other threads start), only for commands that run
/// steps (rotation); signals the process was started with ignored (`nohup`) stay ignored, and the
/// handled ones are unblocked on the calling thread.
public enum TerminationSignal {
    /// The signals handled.
    public static let signals: [Int32] = [SIGTERM, SIGINT, SIGHUP]

    /// The signal received, 0 for none.
    private static let receivedSignal = Atomic<Int32>(0)

    /// The self-pipe's read end, polled; -1 before ``install()``.
    nonisolated(unsafe) private static var readEnd: Int32 = -1
    /// The self-pipe's write end, written by the handler (a plain integer: nothing to retain).
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// The read end of the self-pipe (readable once a signal arrived), nil before ``install()``.
    public static var descriptor: Int32? { readEnd >= 0 ? readEnd : nil }

    /// The signal received since ``install()``, nil for none.
    public static var received: Int32? {
        let value = receivedSignal.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }

    /// Installs the handlers (once; later calls do nothing).
    public static func install() {
        guard readEnd < 0 else { return }
        guard let ends = try? PosixCalls.makePipe() else { return }
        PosixCalls.setNonBlocking(ends.write)
        writeEnd = ends.write
        readEnd = ends.read
        for number in signals {
            var current = sigaction()
            sigaction(number, nil, &current)
            if isIgnored(current) { continue }
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = TerminationSignal.handle
            #else
                action.__sigaction_u.__sa_handler = TerminationSignal.handle
            #endif
            action.sa_flags = Int32(SA_RESTART)
            sigaction(number, &action, nil)
            // A parent may have started us with these blocked (test runners do): a handler that
            // never runs would leave a step running behind us.
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, number)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        }
    }

    /// Whether a disposition is `SIG_IGN`.
    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
            let handler = action.__sigaction_handler.sa_handler
        #else
            let handler = action.__sigaction_u.__sa_handler
        #endif
        guard let handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
    }

    /// The handler: async-signal-safe (an atomic store and a `write`).
    private static let handle: @convention(c) (Int32) -> Void = { number in
        TerminationSignal.receivedSignal.store(number, ordering: .releasing)
        var byte: UInt8 = 1
        _ = write(TerminationSignal.writeEnd, &byte, 1)
    }
}
