/// The top level: key–value pairs and `[table]` / `[[array]]` headers, line by line.
extension TOMLScanner {
    /// Reads the whole document into its root table.
    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        try parseDocumentTree().materialize()
    }

    /// Reads the whole document into its table tree; with `statements` set, records where
    /// each header and key–value line is.
    mutating func parseDocumentTree() throws(TOMLError) -> TableTree {
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
                let start = lineStart
                current = try parseHeader(into: &tree)
                if statements != nil {
                    let lines = start..<lineEndOffset()
                    statements?.append(.header(table: current, lines: lines))
                }
            default:
                try parseKeyValue(into: &tree, table: current, section: section)
            }
        }
        return tree
    }

    /// The offset just past the line end at the cursor (LF or CRLF), or the end of the text.
    private func lineEndOffset() -> Int {
        if peek() == .carriageReturn { return index + 2 }
        return peek() == .lineFeed ? index + 1 : index
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
        let start = lineStart
        let keyStart = index
        let key = try parseKey()
        var keyEnd = index
        while keyEnd > keyStart, bytes[keyEnd - 1].isWhitespace { keyEnd -= 1 }
        try expectEquals(after: key)
        let valueStart = index
        let valuePosition = position()
        depth = tree.depth(of: table) + key.count - 1
        guard depth < Self.maximumDepth else {
            throw TOMLError(
                message: "tables nested too deeply (more than \(Self.maximumDepth) levels)",
                position: key[key.count - 1].position)
        }
        lastArray = nil
        let value = try parseValue()
        let valueEnd = index
        let holder = try tree.insert(value, at: key, in: table, section: section, valuePosition: valuePosition)
        try expectLineEnd(after: "the value of key \(key.quoted)")
        if statements != nil {
            let array = valueStart < bytes.count && bytes[valueStart] == .openBracket ? lastArray : nil
            let entry = TOMLScanner.Entry(
                table: holder, key: key[key.count - 1].name, section: table, keyBytes: keyStart..<keyEnd,
                valueBytes: valueStart..<valueEnd, lines: start..<lineEndOffset(), array: array)
            statements?.append(.entry(entry))
        }
    }
}
