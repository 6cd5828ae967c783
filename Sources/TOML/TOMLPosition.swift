/// A place in a TOML document: 1-based line and column.
///
/// `column` counts Unicode scalars from the start of the line, so a line holding `é = 1` puts
/// `=` in column 3, whatever the byte width of `é`. A tab counts as one column. A byte-order
/// mark at the start of the document is not counted.
public struct TOMLPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 1-based line number; lines end at LF (a CRLF pair counts once).
    public var line: Int
    /// The 1-based column, counted in Unicode scalars from the start of the line.
    public var column: Int

    /// A position from its line and column (both 1-based).
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a document: line 1, column 1.
    public static let start = TOMLPosition(line: 1, column: 1)

    /// `line:column`, as compilers print it.
    public var description: String { "\(line):\(column)" }

    /// Orders positions as they appear in the document.
    public static func < (lhs: TOMLPosition, rhs: TOMLPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
