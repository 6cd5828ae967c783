/// Why a pattern was rejected, and where.
///
/// `offset` is a byte offset into the pattern's UTF-8, so a caller can point at the culprit
/// (`rules check` prints a caret under it).
public struct RegexSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sentence naming the problem and, where relevant, the offending text.
    public var message: String
    /// Byte offset in the pattern where the problem starts.
    public var offset: Int

    /// An error with its message and byte offset.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// `message (at byte N)`.
    public var description: String { "\(message) (at byte \(offset))" }
}
