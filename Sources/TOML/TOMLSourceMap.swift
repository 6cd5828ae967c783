/// Where each header and key–value line of a TOML document is, in byte offsets, as the TOML
/// reader itself saw them: the same key resolution (quoted, escaped and dotted keys), the same
/// strings, comments and brackets. `TOMLEditor` edits through it, so an edit can never disagree
/// with the reader about what a line is.
public struct TOMLSourceMap: Sendable {
    /// A `[table]` or `[[array]]` header line.
    public struct Header: Sendable {
        /// The table it opens (`keys[1]` for the second `[[keys]]`).
        public var table: TOMLPath
        /// Whether it is `[[…]]`, an element of an array of tables.
        public var isArray: Bool
        /// The line, from its start through its line end (a trailing comment included).
        public var lines: Range<Int>
    }

    /// A `key = value` line.
    public struct Entry: Sendable {
        /// The value's path (for `rotation.grace = "1d"` under `[[keys]]`, `keys[0].rotation.grace`).
        public var path: TOMLPath
        /// The table of the header section the line is in (the root before any header).
        public var section: TOMLPath
        /// The key as written, without the blanks around it.
        public var key: Range<Int>
        /// The value as written.
        public var value: Range<Int>
        /// The line, or the lines of a value spanning several, from the start of the first
        /// through the line end of the last (a trailing comment included).
        public var lines: Range<Int>
        /// For an array value: how many elements it has and where the last one ends.
        public var arrayCount: Int?
        var lastElementEnd: Int?
    }

    /// Headers and entries in document order.
    public enum Statement: Sendable {
        case header(Header)
        case entry(Entry)

        /// The statement's lines.
        public var lines: Range<Int> {
            switch self {
            case .header(let header): header.lines
            case .entry(let entry): entry.lines
            }
        }
    }

    /// The document as the reader returns it.
    public let document: TOMLTable
    /// Every header and key–value line, in order.
    public let statements: [Statement]

    /// Reads `bytes` (UTF-8) and records its layout; a document the reader rejects is rejected
    /// with the same error.
    public init(_ bytes: [UInt8]) throws(TOMLError) {
        let (tree, recorded) = try TOMLParser.parseRecording(bytes)
        document = tree.materialize()
        statements = recorded.map { statement in
            switch statement {
            case .header(let table, let lines):
                return .header(Header(table: tree.path(of: table), isArray: tree.isElement(table), lines: lines))
            case .entry(let entry):
                return .entry(
                    Entry(
                        path: tree.path(of: entry.table).appending(entry.key), section: tree.path(of: entry.section),
                        key: entry.keyBytes, value: entry.valueBytes, lines: entry.lines, arrayCount: entry.array?.count,
                        lastElementEnd: entry.array?.lastElementEnd))
            }
        }
    }

    /// The headers, in order.
    public var headers: [Header] {
        statements.compactMap { if case .header(let header) = $0 { header } else { nil } }
    }

    /// The key–value lines, in order.
    public var entries: [Entry] {
        statements.compactMap { if case .entry(let entry) = $0 { entry } else { nil } }
    }

    /// The line that writes the value at `path`, if a line does (not for tables made by headers
    /// or dotted keys, nor for values inside inline tables and arrays).
    public func entry(at path: TOMLPath) -> Entry? {
        for statement in statements {
            if case .entry(let entry) = statement, entry.path == path { return entry }
        }
        return nil
    }

    /// The header that opens `table`, if one does.
    public func header(of table: TOMLPath) -> Header? {
        for statement in statements {
            if case .header(let header) = statement, header.table == table { return header }
        }
        return nil
    }

    /// The elements of the array of tables at `path` that `[[…]]` headers open, in order.
    public func elements(of path: TOMLPath) -> [TOMLPath] {
        headers.filter { $0.isArray && $0.table.parent == path }.map(\.table)
    }
}

extension TableTree {
    /// Whether table `node` is an element of an array of tables.
    func isElement(_ node: Int) -> Bool { nodes[node].element != nil }
}

extension TOMLParser {
    /// Parses `bytes` like `parse(bytes:)`, also recording every header and key–value line.
    static func parseRecording(_ bytes: [UInt8]) throws(TOMLError) -> (TableTree, [TOMLScanner.Statement]) {
        try bytes.withUnsafeBufferPointer { buffer throws(TOMLError) in
            try validate(buffer)
            var scanner = TOMLScanner(bytes: buffer)
            scanner.statements = []
            let tree = try scanner.parseDocumentTree()
            return (tree, scanner.statements ?? [])
        }
    }
}
