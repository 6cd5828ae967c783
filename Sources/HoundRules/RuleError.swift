import HoundSupport

/// A problem in a rule file or configuration, located at `file:line:column`.
public struct RuleError: Error, Sendable, CustomStringConvertible {
    /// The file that holds the problem.
    public var file: String
    /// 1-based line (0 when unknown).
    public var line: Int
    /// 1-based column (0 when unknown).
    public var column: Int
    /// What is wrong, in plain words.
    public var message: String

    /// An error from its parts.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// "Did you mean" suggestions, by edit distance (`EditDistance` in HoundSupport).
public enum Suggestion {
    /// The candidate closest to `word` within a small edit distance, if any.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        EditDistance.suggestion(for: word, among: candidates)
    }

    /// " (did you mean \"x\"?)" or "".
    public static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }
}
