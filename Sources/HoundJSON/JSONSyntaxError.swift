/// Why a JSON document was rejected, and where.
///
/// `message` says what is wrong in plain words without the position and never quotes more of
/// the input than a redacted excerpt (the input may be a secrets file); `description` prefixes
/// it with `line:column: `.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, without the position.
    public var message: String
    /// Where the problem was found.
    public var position: JSONPosition

    /// An error from its message and position.
    public init(message: String, position: JSONPosition) {
        self.message = message
        self.position = position
    }

    /// `line:column: message`.
    public var description: String { "\(position): \(message)" }
}
