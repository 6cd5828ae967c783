/// Edits a TOML document in place, keeping every byte it does not change: comments, blank
/// lines, key order, quoting and spacing.
///
/// It locates tables, array-of-tables elements and values by path through `TOMLSourceMap`,
/// that is through the TOML reader's own positions, so it agrees with the reader on what every
/// line is (quoted and escaped keys, dotted keys, multi-line strings and arrays, comments).
/// Each edit is a `TOMLEdit` computed against the original text; `applying(_:)` makes them all
/// at once. Callers should read the result again before writing it.
public struct TOMLEditor: Sendable {
    /// The text being edited.
    public let bytes: [UInt8]
    /// Its layout.
    public let map: TOMLSourceMap

    /// An editor over `bytes`; a document the TOML reader rejects is rejected with its error.
    public init(_ bytes: [UInt8]) throws(TOMLError) {
        self.bytes = bytes
        map = try TOMLSourceMap(bytes)
    }

    /// The document as the reader returns it.
    public var document: TOMLTable { map.document }

    /// The line end the document uses (CRLF when its first line ends so, else LF).
    public var lineEnd: String {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return "\n" }
        return newline > 0 && bytes[newline - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
    }

    /// The text of the value at `path` as written, if a line writes it.
    public func valueText(at path: TOMLPath) -> String? {
        map.entry(at: path).map { String(decoding: bytes[$0.value], as: UTF8.self) }
    }

    // MARK: Edits

    /// Replaces the value at `path` with `literal` (TOML text), keeping the key, the spacing and
    /// any comment on the line.
    public func replacingValue(at path: TOMLPath, with literal: String) throws(TOMLEditError) -> TOMLEdit {
        guard let entry = map.entry(at: path) else { throw .noValue(path) }
        return TOMLEdit(range: entry.value, text: literal)
    }

    /// Removes the line (or lines) that write the value at `path`.
    public func removingValue(at path: TOMLPath) throws(TOMLEditError) -> TOMLEdit {
        guard let entry = map.entry(at: path) else { throw .noValue(path) }
        return TOMLEdit(range: entry.lines, text: "")
    }

    /// Adds `key = literal` to `table`, a table its own header opens (or the root): after the
    /// line of its key `after` when there is one, else after its last key–value line, else right
    /// after its header; indented like the line it follows.
    public func appendingValue(
        _ literal: String, for key: String, in table: TOMLPath, after: String? = nil
    ) throws(TOMLEditError) -> TOMLEdit {
        guard map.entry(at: table.appending(key)) == nil else { throw .alreadyWritten(table.appending(key)) }
        let own = map.entries.filter { $0.section == table }
        let anchor = after.flatMap { name in own.first { $0.path == table.appending(name) } } ?? own.last
        let line = KeyPart.written(key) + " = " + literal + lineEnd
        if let anchor {
            let indent = String(decoding: bytes[anchor.lines.lowerBound..<anchor.key.lowerBound], as: UTF8.self)
            return insertion(at: anchor.lines.upperBound, indent + line)
        }
        if table == .root {
            let firstHeader = map.headers.first?.lines.lowerBound ?? bytes.count
            return insertion(at: firstHeader, line)
        }
        guard let header = map.header(of: table) else { throw .noHeader(table) }
        return insertion(at: header.lines.upperBound, line)
    }

    /// Adds a table with `fields` (key, TOML text) as a new last element of the array of tables
    /// at `path`: into the array itself when a line writes it inline (`previous = []`), else as a
    /// `[[…]]` block after a blank line: after the block of its last element, or for a new array
    /// at the end of the table holding it (the end of the document for a top-level array).
    public func appendingTable(_ fields: [(String, String)], toArrayAt path: TOMLPath) throws(TOMLEditError) -> TOMLEdit {
        guard case .key = path.components.last else { throw .noValue(path) }
        if let entry = map.entry(at: path) {
            guard let count = entry.arrayCount, let end = entry.lastElementEnd else { throw .notAnArray(path) }
            let inline =
                fields.isEmpty ? "{}" : "{ " + fields.map { KeyPart.written($0.0) + " = " + $0.1 }.joined(separator: ", ") + " }"
            return TOMLEdit(range: end..<end, text: (count == 0 ? "" : ", ") + inline)
        }
        let block = "[[\(path.headerName)]]\n" + fields.map { KeyPart.written($0.0) + " = " + $0.1 + "\n" }.joined()
        guard let last = map.elements(of: path).last, let range = blockRange(of: last) else {
            return try appendingBlock(block, toTable: path.parent)
        }
        return blockInsertion(block, at: contentEnd(in: range))
    }

    /// Adds `block` (TOML text, such as a `[[keys.previous]]` table) at the end of `table`'s
    /// block, after a blank line: after its last line, before any comment lines just above the
    /// next header that does not belong to it. For the root table, at the end of the document.
    public func appendingBlock(_ block: String, toTable table: TOMLPath) throws(TOMLEditError) -> TOMLEdit {
        let text = convert(block)
        guard table != .root else {
            var prefix = ""
            if let last = bytes.last, last != UInt8(ascii: "\n") { prefix += lineEnd }
            if !bytes.isEmpty && !endsWithBlankLine { prefix += lineEnd }
            return insertion(at: bytes.count, prefix + text)
        }
        guard let range = blockRange(of: table) else { throw .noHeader(table) }
        return blockInsertion(text, at: contentEnd(in: range))
    }

    /// `block` inserted at `end` (the end of a line, or of the text), after a blank line.
    private func blockInsertion(_ block: String, at end: Int) -> TOMLEdit {
        var prefix = lineEnd
        if end > 0, bytes[end - 1] != UInt8(ascii: "\n") { prefix = lineEnd + lineEnd }
        return insertion(at: end, prefix + block)
    }

    /// Removes `table`'s block: its header with the comment lines directly above it, through
    /// the line before the next header that does not belong to it (`[keys.rotation]` belongs to
    /// `keys[0]`), leaving the comment lines directly above that header. The last block of the
    /// document also takes the blank lines above it.
    public func removingTable(_ table: TOMLPath) throws(TOMLEditError) -> TOMLEdit {
        guard let range = blockRange(of: table) else { throw .noHeader(table) }
        var start = range.lowerBound
        let above = triviaLines(before: start)
        var index = above.count - 1
        while index >= 0, above[index].isComment {
            start = above[index].range.lowerBound
            index -= 1
        }
        var end = range.upperBound
        if end < bytes.count {
            let contentEnd = contentEnd(in: range)
            for line in triviaLines(in: contentEnd..<end).reversed() {
                guard line.isComment else { break }
                end = line.range.lowerBound
            }
        } else {
            while index >= 0, !above[index].isComment {
                start = above[index].range.lowerBound
                index -= 1
            }
        }
        return TOMLEdit(range: start..<end, text: "")
    }

    /// The text with `edits` made, all computed against this editor's text and not
    /// overlapping; insertions at the same place keep their order.
    public func applying(_ edits: [TOMLEdit]) -> [UInt8] {
        var out = bytes
        // From the end backwards, so earlier offsets stay valid; at one offset, a replacement
        // first, then insertions last to first, so they end up in their order.
        let ordered = edits.enumerated().sorted { a, b in
            if a.element.range.lowerBound != b.element.range.lowerBound {
                return a.element.range.lowerBound > b.element.range.lowerBound
            }
            if a.element.range.isEmpty != b.element.range.isEmpty { return !a.element.range.isEmpty }
            return a.offset > b.offset
        }
        for (_, edit) in ordered { out.replaceSubrange(edit.range, with: Array(edit.text.utf8)) }
        return out
    }

    // MARK: Blocks and trivia

    /// From `table`'s header line to the next header that does not open `table` or a table
    /// inside it (or the end of the text).
    public func blockRange(of table: TOMLPath) -> Range<Int>? {
        let headers = map.headers
        guard let first = headers.firstIndex(where: { $0.table == table }) else { return nil }
        let next = headers[(first + 1)...].first { !table.isPrefix(of: $0.table) }
        return headers[first].lines.lowerBound..<(next?.lines.lowerBound ?? bytes.count)
    }

    /// The end of the last header or key–value line inside `range` (its start when none is).
    private func contentEnd(in range: Range<Int>) -> Int {
        var end = range.lowerBound
        for statement in map.statements where range.contains(statement.lines.lowerBound) {
            end = max(end, statement.lines.upperBound)
        }
        return end
    }

    /// A blank or comment line between statements.
    private struct TriviaLine {
        var range: Range<Int>
        var isComment: Bool
    }

    /// The blank and comment lines of `range`, which must hold no statement.
    private func triviaLines(in range: Range<Int>) -> [TriviaLine] {
        var lines: [TriviaLine] = []
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < range.upperBound { end += 1 }
            let first = bytes[start..<end].first { $0 != 0x20 && $0 != 0x09 }
            lines.append(TriviaLine(range: start..<end, isComment: first == UInt8(ascii: "#")))
            start = end
        }
        return lines
    }

    /// The blank and comment lines between the statement before `offset` and `offset`.
    private func triviaLines(before offset: Int) -> [TriviaLine] {
        var start = 0
        for statement in map.statements where statement.lines.upperBound <= offset {
            start = max(start, statement.lines.upperBound)
        }
        return triviaLines(in: start..<offset)
    }

    /// Whether the text ends with an empty line (two line ends in a row).
    private var endsWithBlankLine: Bool {
        let text = bytes.filter { $0 != UInt8(ascii: "\r") }
        return text.count >= 2 && text[text.count - 1] == UInt8(ascii: "\n") && text[text.count - 2] == UInt8(ascii: "\n")
    }

    /// An insertion of `text` at `offset`.
    private func insertion(at offset: Int, _ text: String) -> TOMLEdit {
        TOMLEdit(range: offset..<offset, text: convert(text))
    }

    /// `text` with its LF line ends as the document writes them.
    private func convert(_ text: String) -> String {
        guard lineEnd == "\r\n" else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" { out += "\r\n" } else if scalar != "\r" { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

/// One change to a text: `range` (byte offsets) replaced by `text`.
public struct TOMLEdit: Sendable, Equatable {
    /// The bytes replaced (empty for an insertion).
    public var range: Range<Int>
    /// What replaces them.
    public var text: String

    /// An edit from its parts.
    public init(range: Range<Int>, text: String) {
        self.range = range
        self.text = text
    }
}

/// Why an edit cannot be made.
public enum TOMLEditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No line writes a value at this path.
    case noValue(TOMLPath)
    /// No header opens this table.
    case noHeader(TOMLPath)
    /// The value is written already.
    case alreadyWritten(TOMLPath)
    /// The value is not an array.
    case notAnArray(TOMLPath)

    /// What is wrong, in plain words.
    public var description: String {
        switch self {
        case .noValue(let path): "no line writes a value for \(path)"
        case .noHeader(let path): "no [\(path.headerName)] header opens \(path)"
        case .alreadyWritten(let path): "\(path) is written already"
        case .notAnArray(let path): "\(path) is not an array"
        }
    }
}
