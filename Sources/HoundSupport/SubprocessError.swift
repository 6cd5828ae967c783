#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a child process could not be started or driven.
///
/// A child that starts and then fails is not an error here: its status is in
/// ``SubprocessResult``. These cases are about the machinery around it.
public enum SubprocessError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The executable was not found in `PATH` (or the given path does not exist).
    case notFound(String)
    /// `posix_spawn` failed for the executable (permission denied, bad working directory...).
    case spawnFailed(String, errno: Int32)
    /// Creating the pipes to the child failed.
    case pipeFailed(errno: Int32)
    /// Reading from or writing to the child failed.
    case ioFailed(String, errno: Int32)
    /// The child sat for `seconds` opening a named pipe (FIFO) nobody writes to, and was stopped:
    /// a hostile repository can plant one where git reads a file (a configuration include, an
    /// ignore or attributes file), which would otherwise hang the run forever.
    case blockedOnFIFO(String, seconds: Double)

    public var description: String {
        switch self {
        case .notFound(let name):
            "\(name) not found in PATH"
        case .spawnFailed(let executable, let code):
            "cannot start \(executable): \(Self.message(code))"
        case .pipeFailed(let code):
            "cannot create a pipe: \(Self.message(code))"
        case .ioFailed(let what, let code):
            "\(what): \(Self.message(code))"
        case .blockedOnFIFO(let executable, let seconds):
            "\(executable) was stopped after waiting \(Int(seconds)) s to open a named pipe (FIFO): "
                + "the repository or its configuration names a FIFO where a file belongs "
                + "(an include.path, .gitignore, .gitattributes or info/exclude); remove it and run again"
        }
    }

    /// The C library's text for an errno value.
    public static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
