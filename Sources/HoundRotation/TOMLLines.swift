/// A line-level view of a TOML document: enough to find each `[[keys]]` record and the lines
/// of its top-level `key = value` entries, so a rotation can replace three values without
/// touching any other byte (comments, order and formatting survive).
///
/// It tracks strings (basic, literal, multi-line), comments and bracket depth, so a `[` inside
/// a multi-line array or a `key = ` inside a multi-line string is not mistaken for structure.
/// It does not validate: callers parse the edited text again before writing it.
struct TOMLLines {
    /// What starts on a line, seen from the top level of the document.
    enum Kind: Equatable {
        /// Blank, comment, or the continuation of a value begun on an earlier line.
        case other
        /// `[[name]]` or `[name]`, with the dotted name as written (spaces removed).
        case header(String, isArray: Bool)
        /// `key = …`: the key as written before `=` (trimmed).
        case entry(String)
    }

    /// One line: where it starts and ends in the text (end excludes the line break).
    struct Line {
        var start: Int
        var end: Int
        var kind: Kind
        /// The last line of the value that starts here (itself unless the value spans lines).
        var valueEnd: Int
    }

    /// The lines, in order.
    private(set) var lines: [Line] = []

    /// Classifies every line of `text`.
    init(_ text: [UInt8]) {
        var scanner = Scanner(text: text)
        var lineStart = 0
        var openEntry: Int?
        while lineStart <= text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, text[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let atTop = scanner.isAtTop
            var kind = Kind.other
            if atTop { kind = Self.classify(Array(text[lineStart..<contentEnd])) }
            if case .header = kind {
                // Header brackets are not value brackets: nothing to scan.
            } else {
                scanner.scan(from: lineStart, to: contentEnd, skippingKey: kind != .other)
            }
            lines.append(Line(start: lineStart, end: contentEnd, kind: kind, valueEnd: lines.count))
            if case .entry = kind { openEntry = lines.count - 1 }
            if let entry = openEntry {
                lines[entry].valueEnd = lines.count - 1
                if scanner.isAtTop { openEntry = nil }
            }
            if lineEnd >= text.count { break }
            lineStart = lineEnd + 1
        }
    }

    /// The indices of header lines `[[name]]`.
    func arrayHeaders(named name: String) -> [Int] {
        lines.indices.filter { lines[$0].kind == .header(name, isArray: true) }
    }

    /// The lines from `header + 1` up to (not including) the next header.
    func body(after header: Int) -> Range<Int> {
        var end = header + 1
        while end < lines.count {
            if case .header = lines[end].kind { break }
            end += 1
        }
        return (header + 1)..<end
    }

    private static func classify(_ line: [UInt8]) -> Kind {
        let trimmed = line.drop(while: { $0 == 0x20 || $0 == 0x09 })
        guard let first = trimmed.first, first != UInt8(ascii: "#") else { return .other }
        if first == UInt8(ascii: "[") {
            let isArray = trimmed.dropFirst().first == UInt8(ascii: "[")
            let name = trimmed.dropFirst(isArray ? 2 : 1)
            guard let key = dottedKey(name, endingAt: UInt8(ascii: "]")) else { return .other }
            return .header(key, isArray: isArray)
        }
        guard let key = dottedKey(trimmed, endingAt: UInt8(ascii: "=")) else { return .other }
        return .entry(key)
    }

    /// The dotted key at the start of `text`, up to `terminator` (`]` of a header, `=` of an
    /// entry), as TOML means it: blanks around dots dropped and quoted parts unquoted, so
    /// `[[ "keys" ]]` is `keys` and `"fingerprint" = …` is `fingerprint` (an inventory written
    /// with quoted keys is the same inventory). Nil when `text` does not start with a key.
    static func dottedKey(_ text: ArraySlice<UInt8>, endingAt terminator: UInt8) -> String? {
        var parts: [[UInt8]] = []
        var index = text.startIndex
        func skipBlanks() { while index < text.endIndex, text[index] == 0x20 || text[index] == 0x09 { index += 1 } }
        while true {
            skipBlanks()
            guard index < text.endIndex else { return nil }
            var part: [UInt8] = []
            let byte = text[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                index += 1
                while index < text.endIndex, text[index] != byte {
                    if byte == UInt8(ascii: "\""), text[index] == UInt8(ascii: "\\"), index + 1 < text.endIndex {
                        index += 1
                    }
                    part.append(text[index])
                    index += 1
                }
                guard index < text.endIndex else { return nil }
                index += 1
            } else {
                while index < text.endIndex {
                    let c = text[index]
                    let bare =
                        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                        || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                    guard bare else { break }
                    part.append(c)
                    index += 1
                }
                guard !part.isEmpty else { return nil }
            }
            parts.append(part)
            skipBlanks()
            guard index < text.endIndex else { return nil }
            if text[index] == UInt8(ascii: ".") {
                index += 1
                continue
            }
            guard text[index] == terminator else { return nil }
            return parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ".")
        }
    }
}

extension TOMLLines {
    /// Tracks whether the scan is inside a multi-line string or an open bracket.
    fileprivate struct Scanner {
        let text: [UInt8]
        /// The delimiter of an open multi-line string (`"""` or `'''` as a byte), if any.
        var openString: UInt8?
        /// Open `[` and `{` of a value.
        var depth = 0

        var isAtTop: Bool { openString == nil && depth == 0 }

        /// Scans `start..<end`; with `skippingKey`, from just after the key's `=`.
        mutating func scan(from start: Int, to end: Int, skippingKey: Bool) {
            var index = start
            if skippingKey, openString == nil {
                var quote: UInt8?
                while index < end {
                    let byte = text[index]
                    index += 1
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: "=") {
                        break
                    }
                }
            }
            while index < end {
                let byte = text[index]
                if let delimiter = openString {
                    if delimiter == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                        index += 2
                        continue
                    }
                    if isTriple(delimiter, at: index, end: end) {
                        openString = nil
                        index += 3
                        while index < end, text[index] == delimiter { index += 1 }
                        continue
                    }
                    index += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: "#"):
                    return
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if isTriple(byte, at: index, end: end) {
                        openString = byte
                        index += 3
                        continue
                    }
                    index += 1
                    while index < end, text[index] != byte {
                        if byte == UInt8(ascii: "\"") && text[index] == UInt8(ascii: "\\") { index += 1 }
                        index += 1
                    }
                    index += 1
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    index += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                    index += 1
                default:
                    index += 1
                }
            }
        }

        private func isTriple(_ quote: UInt8, at index: Int, end: Int) -> Bool {
            index + 2 < end && text[index] == quote && text[index + 1] == quote && text[index + 2] == quote
        }
    }
}
