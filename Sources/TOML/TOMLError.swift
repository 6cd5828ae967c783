/// A reason a TOML document was rejected, and where.
///
/// `message` says what is wrong in plain words without the position, for example
/// `expected '=' after key "name", found ':'`; `description` prefixes it with `line:column: `.
public struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, without the position.
    public var message: String
    /// Where the problem was found.
    public var position: TOMLPosition

    /// An error from its message and position.
    public init(message: String, position: TOMLPosition) {
        self.message = message
        self.position = position
    }

    /// `line:column: message`.
    public var description: String { "\(position): \(message)" }
}
