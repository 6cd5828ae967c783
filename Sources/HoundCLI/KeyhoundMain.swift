#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The entry point the `keyhound` executable calls.
public enum KeyhoundMain {
    /// Runs the command line and exits with its status.
    public static func run() -> Never {
        exit(0)
    }
}
