/// Why a pattern was rejected, and where.
///
/// `offset` is a byte offset into the pattern's UTF-8, so a caller can point at the culprit
/// (`rules check` prints a caret under it).
public struct RegexSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of rejection this is.
    public enum Kind: Sendable, Equatable {
        /// The pattern is not valid RE2 syntax, or uses a construct keyhound refuses.
        case syntax
        /// The pattern is valid but its program, once counted repetitions are expanded, is
        /// larger than the limit (`offset` is 0: the whole pattern is to blame).
        case tooLarge
    }

    /// A sentence naming the problem and, where relevant, the offending text.
    public var message: String
    /// Byte offset in the pattern where the problem starts.
    public var offset: Int
    /// Syntax error or size limit.
    public var kind: Kind

    /// An error with its message and byte offset.
    public init(message: String, offset: Int, kind: Kind = .syntax) {
        self.message = message
        self.offset = offset
        self.kind = kind
    }

    /// `regex too large after expanding repetitions (N instructions; limit L)`.
    static func tooLarge(instructions: Int, limit: Int) -> RegexSyntaxError {
        let size = instructions > astronomical ? "more than \(grouped(astronomical))" : grouped(instructions)
        return RegexSyntaxError(
            message: "regex too large after expanding repetitions (\(size) instructions; limit \(grouped(limit)))",
            offset: 0, kind: .tooLarge)
    }

    /// Sizes above this are not spelled out (`expandedSize` saturates at `Int.max`).
    static let astronomical = 1_000_000_000_000

    /// `12345` as `12,345`.
    static func grouped(_ number: Int) -> String {
        var digits = Array(String(number))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    /// `message (at byte N)`; a size error has no position.
    public var description: String { kind == .tooLarge ? message : "\(message) (at byte \(offset))" }
}
