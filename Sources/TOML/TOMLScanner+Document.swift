/// The top level: key–value pairs and `[table]` / `[[array]]` headers, line by line.
extension TOMLScanner {
    /// Reads the whole document into its root table.
    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        var tree = TableTree(position: .start)
        var current = TableTree.root
        var section = 0
        while true {
            skipWhitespace()
            guard let byte = peek() else { break }
            switch byte {
            case .hash:
                try skipComment()
            case .lineFeed, .carriageReturn:
                try consumeNewline()
            case .openBracket:
                section += 1
                current = try parseHeader(into: &tree)
            default:
                try parseKeyValue(into: &tree, table: current, section: section)
            }
        }
        return tree.materialize()
    }

    /// Reads a `[a.b]` or `[[a.b]]` header line and returns the table it opens.
    private mutating func parseHeader(into tree: inout TableTree) throws(TOMLError) -> Int {
        let position = position()
        let isArray = peek(1) == .openBracket
        index += isArray ? 2 : 1
        skipWhitespace()
        let path = try parseKey()
        let close = isArray ? "]]" : "]"
        guard peek() == .closeBracket, !isArray || peek(1) == .closeBracket else {
            throw error(
                "expected '\(close)' to close the header [\(isArray ? "[" : "")\(path.shown), found \(describeByte(at: index))"
            )
        }
        index += isArray ? 2 : 1
        let table = isArray ? try tree.appendTable(path, at: position) : try tree.defineTable(path, at: position)
        try expectLineEnd(after: "the header \(isArray ? "[[" : "[")\(path.shown)\(close)")
        return table
    }

    /// Reads a `key = value` line into table `table`.
    private mutating func parseKeyValue(into tree: inout TableTree, table: Int, section: Int) throws(TOMLError) {
        let key = try parseKey()
        try expectEquals(after: key)
        depth = tree.depth(of: table) + key.count - 1
        guard depth < Self.maximumDepth else {
            throw TOMLError(
                message: "tables nested too deeply (more than \(Self.maximumDepth) levels)",
                position: key[key.count - 1].position)
        }
        let value = try parseValue()
        try tree.insert(value, at: key, in: table, section: section)
        try expectLineEnd(after: "the value of key \(key.quoted)")
    }
}
