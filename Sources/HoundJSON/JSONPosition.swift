/// A place in a JSON document: 1-based line and column, and the 0-based byte offset.
///
/// `column` counts bytes from the start of the line (a tab is one column, `é` two); lines end
/// at LF. A byte-order mark at the start of the document is not counted in the column.
public struct JSONPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in bytes from the start of the line.
    public var column: Int
    /// The 0-based byte offset from the start of the input.
    public var offset: Int

    /// A position from its parts.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column`, as compilers print it.
    public var description: String { "\(line):\(column)" }

    /// Orders positions as they appear in the document.
    public static func < (lhs: JSONPosition, rhs: JSONPosition) -> Bool { lhs.offset < rhs.offset }
}
