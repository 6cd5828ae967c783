#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed file-system call, with the operation, the path and the `errno` it failed with.
///
/// `description` reads like a sentence for people: `could not rename "a.tmp" to "a": Permission denied`.
public struct FileOperationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done (`open`, `write`, `fsync`, `rename`, `lock`...).
    public var operation: String
    /// The file the operation was about.
    public var path: String
    /// The `errno` value, or 0 when the failure has no system error (a lock timeout).
    public var code: Int32
    /// Extra words, used when `code` is 0.
    public var detail: String?

    /// An error from its parts.
    public init(operation: String, path: String, code: Int32, detail: String? = nil) {
        self.operation = operation
        self.path = path
        self.code = code
        self.detail = detail
    }

    /// The error for the current `errno`.
    static func current(_ operation: String, _ path: String) -> FileOperationError {
        FileOperationError(operation: operation, path: path, code: errno)
    }

    /// `could not <operation> "<path>": <reason>`.
    public var description: String {
        let reason = detail ?? String(cString: strerror(code))
        return "could not \(operation) \"\(path)\": \(reason)"
    }
}
