import HoundRedaction
/// A reader for the small part of YAML that teams use for key lists, and nothing more:
///
/// ```yaml
/// keys:                      # optional single top-level key
///   - name: payment-gateway-prod
///     owner: "finance-team"
///     consumers:             # block list of scalars...
///       - billing-service
///     tags: [payments, prod] # ...or flow list
/// ```
///
/// A block list of maps (optionally under one top-level key); map values are plain,
/// single-quoted or double-quoted scalars, or lists of them; `#` comments. Anything else
/// (anchors, aliases, tags, `|` / `>` block scalars, flow maps, nested maps, several documents,
/// tabs in indentation) is an error with line:column rather than a guess. Columns count bytes.
struct YAMLSubsetReader {
    /// A syntax error and where it is.
    struct SyntaxError: Error {
        var message: String
        var position: SourcePosition
    }

    /// One non-blank line with its comment removed.
    private struct Line {
        let number: Int
        let indent: Int
        let text: [UInt8]

        var position: SourcePosition { SourcePosition(line: number, column: indent + 1) }
        func position(at offset: Int) -> SourcePosition { SourcePosition(line: number, column: indent + offset + 1) }
        var isListItem: Bool { text.first == UInt8(ascii: "-") && (text.count == 1 || text[1] == UInt8(ascii: " ")) }
    }

    private let lines: [Line]
    private var next = 0

    /// The maps of the document's list, in order.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> [DocumentTable] {
        var reader = YAMLSubsetReader(lines: try logicalLines(bytes))
        return try reader.document()
    }

    private init(lines: [Line]) { self.lines = lines }

    private mutating func document() throws(SyntaxError) -> [DocumentTable] {
        guard let first = lines.first else { return [] }
        let maps: [DocumentTable]
        if first.isListItem {
            maps = try list(indent: first.indent)
        } else {
            let (key, _, rest) = try splitKey(first)
            guard rest.isEmpty else {
                throw SyntaxError(
                    message: "expected a list of keys (\"- name: …\") or a single top-level key such as \"keys:\" followed by one",
                    position: first.position(at: first.text.count - rest.count))
            }
            next = 1
            guard next < lines.count, lines[next].isListItem, lines[next].indent >= first.indent else {
                throw SyntaxError(message: "expected a list (\"- name: …\") under \(Redaction.name(key))", position: first.position)
            }
            maps = try list(indent: lines[next].indent)
        }
        if next < lines.count {
            throw SyntaxError(message: "unexpected content after the list (only one top-level list is supported)", position: lines[next].position)
        }
        return maps
    }

    /// A block list of maps whose dashes sit at `indent`.
    private mutating func list(indent: Int) throws(SyntaxError) -> [DocumentTable] {
        var maps: [DocumentTable] = []
        while next < lines.count, lines[next].indent == indent, lines[next].isListItem {
            let line = lines[next]
            var offset = 1
            while offset < line.text.count, line.text[offset] == UInt8(ascii: " ") { offset += 1 }
            if offset >= line.text.count {
                next += 1
                guard next < lines.count, lines[next].indent > indent, !lines[next].isListItem else {
                    throw SyntaxError(message: "empty list item: expected a map (name: …)", position: line.position)
                }
                maps.append(try map(indent: lines[next].indent, first: lines[next], firstOffset: 0))
            } else {
                maps.append(try map(indent: indent + offset, first: line, firstOffset: offset))
            }
        }
        if next < lines.count, lines[next].indent > indent {
            throw SyntaxError(message: "unexpected indentation", position: lines[next].position)
        }
        return maps
    }

    /// A block map whose keys sit at column `indent`; its first key is on `first` at `firstOffset`.
    private mutating func map(indent: Int, first: Line, firstOffset: Int) throws(SyntaxError) -> DocumentTable {
        var table = DocumentTable(entries: [], position: first.position(at: firstOffset))
        var line = Line(number: first.number, indent: indent, text: Array(first.text[firstOffset...]))
        while true {
            if line.isListItem {
                throw SyntaxError(message: "expected \"key: value\", found a list item", position: line.position)
            }
            let (key, _, rest) = try splitKey(line)
            if table.entries.contains(where: { $0.key == key }) {
                throw SyntaxError(message: "duplicate key \(Redaction.name(key))", position: line.position)
            }
            next += 1
            let value: DocumentValue
            if rest.isEmpty {
                value = try blockValue(under: line, keyIndent: indent)
            } else {
                let start = line.text.count - rest.count
                value = try inlineValue(rest, line: line, offset: start)
            }
            table.entries.append(.init(key: key, value: value, position: line.position))
            guard next < lines.count, lines[next].indent >= indent else { return table }
            guard lines[next].indent == indent else {
                throw SyntaxError(message: "unexpected indentation (nested maps are not supported)", position: lines[next].position)
            }
            line = lines[next]
        }
    }

    /// The value of `key:` with nothing after the colon: a block list of scalars, or null.
    private mutating func blockValue(under line: Line, keyIndent: Int) throws(SyntaxError) -> DocumentValue {
        guard next < lines.count else { return DocumentValue(content: .null, position: line.position) }
        let following = lines[next]
        if following.isListItem, following.indent > keyIndent || following.indent == keyIndent {
            let listIndent = following.indent
            var items: [DocumentValue] = []
            while next < lines.count, lines[next].indent == listIndent, lines[next].isListItem {
                let item = lines[next]
                var offset = 1
                while offset < item.text.count, item.text[offset] == UInt8(ascii: " ") { offset += 1 }
                let rest = Array(item.text[offset...])
                if rest.isEmpty { throw SyntaxError(message: "empty list item", position: item.position) }
                if (try? splitKey(Line(number: item.number, indent: item.indent + offset, text: rest))) != nil,
                    !startsQuoted(rest)
                {
                    throw SyntaxError(message: "nested maps are not supported: list items must be plain values", position: item.position(at: offset))
                }
                next += 1
                items.append(try inlineValue(rest, line: item, offset: offset))
            }
            if next < lines.count, lines[next].indent > listIndent {
                throw SyntaxError(message: "unexpected indentation", position: lines[next].position)
            }
            return DocumentValue(content: .array(items), position: following.position)
        }
        if following.indent > keyIndent {
            throw SyntaxError(message: "nested maps are not supported (only lists of plain values)", position: following.position)
        }
        return DocumentValue(content: .null, position: line.position)
    }

    /// A value written after `key: ` or `- `: a flow list or a scalar.
    private func inlineValue(_ text: [UInt8], line: Line, offset: Int) throws(SyntaxError) -> DocumentValue {
        let position = line.position(at: offset)
        guard let first = text.first else { return DocumentValue(content: .null, position: position) }
        switch first {
        case UInt8(ascii: "["):
            return DocumentValue(content: .array(try flowList(text, line: line, offset: offset)), position: position)
        case UInt8(ascii: "{"):
            throw SyntaxError(message: "flow maps ({…}) are not supported", position: position)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            throw SyntaxError(message: "multi-line scalars (| and >) are not supported; write the value on one line", position: position)
        case UInt8(ascii: "&"):
            throw SyntaxError(message: "anchors (&) are not supported", position: position)
        case UInt8(ascii: "*"):
            throw SyntaxError(message: "aliases (*) are not supported", position: position)
        case UInt8(ascii: "!"):
            throw SyntaxError(message: "tags (!) are not supported", position: position)
        default:
            let (scalar, used) = try self.scalar(text, line: line, offset: offset, inFlow: false)
            guard used == text.count else {
                throw SyntaxError(message: "unexpected text after the value", position: line.position(at: offset + used))
            }
            return scalar
        }
    }

    /// `[a, "b", 'c']` on one line.
    private func flowList(_ text: [UInt8], line: Line, offset: Int) throws(SyntaxError) -> [DocumentValue] {
        var items: [DocumentValue] = []
        var index = 1
        func skipSpaces() { while index < text.count, text[index] == UInt8(ascii: " ") { index += 1 } }
        skipSpaces()
        if index < text.count, text[index] == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                skipSpaces()
                guard index < text.count else {
                    throw SyntaxError(message: "unterminated flow list: \"]\" must be on the same line", position: line.position(at: offset + index))
                }
                if text[index] == UInt8(ascii: "[") || text[index] == UInt8(ascii: "{") {
                    throw SyntaxError(message: "nested lists and maps are not supported", position: line.position(at: offset + index))
                }
                let (item, used) = try scalar(Array(text[index...]), line: line, offset: offset + index, inFlow: true)
                items.append(item)
                index += used
                skipSpaces()
                guard index < text.count else {
                    throw SyntaxError(message: "unterminated flow list: \"]\" must be on the same line", position: line.position(at: offset + index))
                }
                if text[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard text[index] == UInt8(ascii: "]") else {
                    throw SyntaxError(message: "expected \",\" or \"]\" in the flow list", position: line.position(at: offset + index))
                }
                index += 1
                break
            }
        }
        guard index == text.count else {
            throw SyntaxError(message: "unexpected text after the flow list", position: line.position(at: offset + index))
        }
        return items
    }

    /// A scalar at the start of `text`, and how many bytes it used.
    private func scalar(_ text: [UInt8], line: Line, offset: Int, inFlow: Bool) throws(SyntaxError) -> (DocumentValue, Int) {
        let position = line.position(at: offset)
        guard let quote = text.first else { return (DocumentValue(content: .null, position: position), 0) }
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var out: [UInt8] = []
            var index = 1
            while index < text.count {
                let byte = text[index]
                if quote == UInt8(ascii: "'"), byte == quote {
                    if index + 1 < text.count, text[index + 1] == quote {
                        out.append(quote)
                        index += 2
                        continue
                    }
                    return (DocumentValue(content: .string(String(decoding: out, as: UTF8.self)), position: position), index + 1)
                }
                if quote == UInt8(ascii: "\""), byte == quote {
                    return (DocumentValue(content: .string(String(decoding: out, as: UTF8.self)), position: position), index + 1)
                }
                if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                    guard index + 1 < text.count else { break }
                    let escape = text[index + 1]
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "0"): out.append(0x00)
                    default:
                        throw SyntaxError(message: "unsupported escape in a double-quoted value", position: line.position(at: offset + index))
                    }
                    index += 2
                    continue
                }
                out.append(byte)
                index += 1
            }
            throw SyntaxError(message: "unterminated quoted value (multi-line values are not supported)", position: position)
        }
        var end = 0
        while end < text.count {
            let byte = text[end]
            if inFlow, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") { break }
            if byte == UInt8(ascii: ":"), end + 1 == text.count || text[end + 1] == UInt8(ascii: " ") {
                throw SyntaxError(message: "\": \" inside a plain value; quote the value", position: line.position(at: offset + end))
            }
            end += 1
        }
        var trimmed = end
        while trimmed > 0, text[trimmed - 1] == UInt8(ascii: " ") { trimmed -= 1 }
        let word = String(decoding: text[..<trimmed], as: UTF8.self)
        let isNull = word.isEmpty || word == "~" || word == "null" || word == "Null" || word == "NULL"
        return (DocumentValue(content: isNull ? .null : .string(word), position: position), end)
    }

    /// `key: rest` → the key, the offset just past the colon, and the rest (trimmed).
    private func splitKey(_ line: Line) throws(SyntaxError) -> (String, Int, [UInt8]) {
        let text = line.text
        var keyBytes: [UInt8] = []
        var index = 0
        if let quote = text.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            index = 1
            while index < text.count, text[index] != quote {
                keyBytes.append(text[index])
                index += 1
            }
            guard index < text.count else { throw SyntaxError(message: "unterminated quoted key", position: line.position) }
            index += 1
            guard index < text.count, text[index] == UInt8(ascii: ":") else {
                throw SyntaxError(message: "expected \":\" after the key", position: line.position(at: index))
            }
        } else {
            while index < text.count {
                if text[index] == UInt8(ascii: ":"), index + 1 == text.count || text[index + 1] == UInt8(ascii: " ") { break }
                keyBytes.append(text[index])
                index += 1
            }
            guard index < text.count else { throw SyntaxError(message: "expected \"key: value\"", position: line.position) }
            while let last = keyBytes.last, last == UInt8(ascii: " ") { keyBytes.removeLast() }
            if let first = keyBytes.first, first == UInt8(ascii: "&") || first == UInt8(ascii: "*") || first == UInt8(ascii: "?") || first == UInt8(ascii: "!") {
                throw SyntaxError(message: "anchors, aliases, tags and complex keys are not supported", position: line.position)
            }
        }
        guard !keyBytes.isEmpty else { throw SyntaxError(message: "empty key", position: line.position) }
        index += 1
        var rest = Array(text[index...])
        while let space = rest.first, space == UInt8(ascii: " ") { rest.removeFirst() }
        return (String(decoding: keyBytes, as: UTF8.self), index, rest)
    }

    private func startsQuoted(_ text: [UInt8]) -> Bool {
        text.first == UInt8(ascii: "\"") || text.first == UInt8(ascii: "'")
    }

    /// Non-blank, non-comment lines with comments and trailing spaces removed.
    private static func logicalLines(_ bytes: [UInt8]) throws(SyntaxError) -> [Line] {
        var lines: [Line] = []
        var number = 0
        var sawContent = false
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        for raw in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var text = Array(raw)
            if text.last == UInt8(ascii: "\r") { text.removeLast() }
            var indent = 0
            while indent < text.count, text[indent] == UInt8(ascii: " ") { indent += 1 }
            if indent < text.count, text[indent] == UInt8(ascii: "\t") {
                throw SyntaxError(message: "tab in indentation; YAML indents with spaces", position: SourcePosition(line: number, column: indent + 1))
            }
            let content = stripComment(Array(text[indent...]))
            if content.isEmpty { continue }
            if indent == 0, content == Array("---".utf8) || content == Array("...".utf8) {
                if sawContent || content == Array("...".utf8) {
                    throw SyntaxError(message: "several YAML documents are not supported", position: SourcePosition(line: number, column: 1))
                }
                continue
            }
            if indent == 0, content.first == UInt8(ascii: "%") {
                throw SyntaxError(message: "YAML directives are not supported", position: SourcePosition(line: number, column: 1))
            }
            sawContent = true
            lines.append(Line(number: number, indent: indent, text: content))
        }
        return lines
    }

    /// `text` without a `#` comment (one at the start or after a space, outside quotes) and
    /// without trailing spaces.
    private static func stripComment(_ text: [UInt8]) -> [UInt8] {
        var quote: UInt8?
        var end = text.count
        var index = 0
        while index < text.count {
            let byte = text[index]
            if let open = quote {
                if open == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "#"), index == 0 || text[index - 1] == UInt8(ascii: " ") || text[index - 1] == UInt8(ascii: "\t") {
                end = index
                break
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"),
                index == 0 || [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: ","), UInt8(ascii: "-")].contains(text[index - 1])
                    || text[index - 1] == UInt8(ascii: ":")
            {
                quote = byte
            }
            index += 1
        }
        var trimmed = Array(text[..<end])
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { trimmed.removeLast() }
        return trimmed
    }
}
