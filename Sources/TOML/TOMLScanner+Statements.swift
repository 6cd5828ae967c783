/// What the scanner records, when asked, about each top-level line it reads: the raw material
/// of `TOMLSourceMap`, in byte offsets.
extension TOMLScanner {
    /// A header or a key–value line.
    enum Statement {
        /// `[x]` or `[[x]]`: the table it opens (a `TableTree` node) and its line.
        case header(table: Int, lines: Range<Int>)
        /// `key = value`.
        case entry(Entry)
    }

    /// A key–value line.
    struct Entry {
        /// The table holding the value (for `a.b = 1`, the table `a`), a `TableTree` node.
        var table: Int
        /// The last key part, resolved.
        var key: String
        /// The table of the section the line is in (the last header's, or the root).
        var section: Int
        /// The key as written (`a . "b"`), without the blanks around it.
        var keyBytes: Range<Int>
        /// The value as written.
        var valueBytes: Range<Int>
        /// The whole line (or lines, for a value spanning several), from its start through its
        /// line end.
        var lines: Range<Int>
        /// For an array value, its shape.
        var array: ArrayShape?
    }

    /// How many elements an array has and where its last element ends.
    struct ArrayShape {
        var count: Int
        /// Where the last element ends (just after the `[` when there is none).
        var lastElementEnd: Int
    }
}
