/// A problem in the content of a file keyhound decodes, at `file:line:column`: a syntax error,
/// or a field of the wrong type, value or name (`FieldReader`'s errors).
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file that holds the problem.
    public var file: String
    /// Where, when known.
    public var position: TOMLPosition?
    /// What is wrong, in plain words.
    public var message: String

    /// An error from its parts.
    public init(file: String, position: TOMLPosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    /// An error at `line:column` (0 for unknown).
    public init(file: String, line: Int, column: Int, message: String) {
        self.init(file: file, position: line > 0 ? TOMLPosition(line: line, column: column) : nil, message: message)
    }

    /// A syntax error of `file`.
    public init(file: String, _ error: TOMLError) {
        self.init(file: file, position: error.position, message: error.message)
    }

    /// The 1-based line, 0 when unknown.
    public var line: Int { position?.line ?? 0 }
    /// The 1-based column, 0 when unknown.
    public var column: Int { position?.column ?? 0 }

    /// `file:line:column: message`, or `file: message` without a position.
    public var description: String {
        position.map { "\(file):\($0.line):\($0.column): \(message)" } ?? "\(file): \(message)"
    }
}
