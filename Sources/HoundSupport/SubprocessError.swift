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
        }
    }

    /// The C library's text for an errno value.
    public static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
