/// The line structure of a TOML text, enough to edit it without a parser round trip: which lines
/// are table headers (and of which table), which start a `key = value`, which are comments or
/// blank. Lines inside multi-line strings and multi-line arrays are continuations, so a `[` at
/// the start of such a line is never taken for a header.
///
/// Editing textually keeps everything a person wrote (comments, order, spacing, quoting); the
/// edited text is then parsed again before it is written, so a mistake here cannot corrupt a file.
struct TOMLLayout {
    /// What a line is.
    enum Kind: Equatable {
        /// Only whitespace.
        case blank
        /// Only a comment.
        case comment
        /// `[a.b]` (`isArray` false) or `[[a.b]]` (`isArray` true), with the key path.
        case header(path: [String], isArray: Bool)
        /// Starts `key = value`; `key` is the first key of a dotted key.
        case keyValue(key: String)
        /// Inside a multi-line string or array that began on an earlier line.
        case continuation
    }

    /// One line: its byte range (including the line end) and kind.
    struct Line {
        var start: Int
        var end: Int
        var kind: Kind
    }

    /// The lines, in order.
    let lines: [Line]

    /// Scans `bytes`.
    init(_ bytes: [UInt8]) {
        var scanner = Scanner(bytes: bytes)
        lines = scanner.scan()
    }

    /// Indices of lines that are `[[path]]` headers.
    func arrayHeaders(_ path: [String]) -> [Int] {
        lines.indices.filter { lines[$0].kind == .header(path: path, isArray: true) }
    }

    /// The line index where the block starting at header `index` ends (exclusive): the next
    /// header that is not a sub-table of `path`, or the end.
    func blockEnd(after index: Int, path: [String]) -> Int {
        var next = index + 1
        while next < lines.count {
            if case .header(let other, let isArray) = lines[next].kind {
                let isSubtable = other.count > path.count && Array(other.prefix(path.count)) == path
                if !isSubtable || (isArray && other == path) { return next }
            }
            next += 1
        }
        return lines.count
    }

    /// Whether a line is a comment or blank.
    func isTrivia(_ index: Int) -> Bool { lines[index].kind == .blank || lines[index].kind == .comment }

    /// A byte cursor that classifies lines.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// Open `[` / `{` of values spanning lines.
        var depth = 0
        /// The closing delimiter of an open multi-line string (`"""` or `'''`).
        var openString: UInt8?

        mutating func scan() -> [Line] {
            var lines: [Line] = []
            while index < bytes.count {
                let start = index
                let kind = classifyAndConsumeLine()
                lines.append(Line(start: start, end: index, kind: kind))
            }
            return lines
        }

        /// Classifies the line at `index` and moves past its line end.
        mutating func classifyAndConsumeLine() -> Kind {
            if openString != nil || depth > 0 {
                consumeRest()
                return .continuation
            }
            skipSpaces()
            guard index < bytes.count, !isLineEnd(bytes[index]) else {
                consumeRest()
                return .blank
            }
            switch bytes[index] {
            case UInt8(ascii: "#"):
                consumeRest()
                return .comment
            case UInt8(ascii: "["):
                let kind = header()
                consumeRest()
                return kind
            default:
                let key = firstKey()
                consumeRest()
                return .keyValue(key: key)
            }
        }

        /// `[path]` or `[[path]]`; leaves `index` after the closing brackets.
        mutating func header() -> Kind {
            index += 1
            let isArray = peek == UInt8(ascii: "[")
            if isArray { index += 1 }
            var path: [String] = []
            while true {
                skipSpaces()
                path.append(key())
                skipSpaces()
                if peek == UInt8(ascii: ".") {
                    index += 1
                    continue
                }
                break
            }
            if peek == UInt8(ascii: "]") { index += 1 }
            if isArray, peek == UInt8(ascii: "]") { index += 1 }
            return .header(path: path, isArray: isArray)
        }

        /// The first key of `key = value` (bare or quoted).
        mutating func firstKey() -> String { key() }

        mutating func key() -> String {
            guard let first = peek else { return "" }
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                index += 1
                var out: [UInt8] = []
                while let byte = peek, byte != first, !isLineEnd(byte) {
                    if first == UInt8(ascii: "\""), byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        index += 1
                    }
                    out.append(bytes[index])
                    index += 1
                }
                if peek == first { index += 1 }
                return String(decoding: out, as: UTF8.self)
            }
            let start = index
            while let byte = peek, isBareKeyByte(byte) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// Consumes to the end of the line (past `\n`), tracking strings, comments and brackets.
        mutating func consumeRest() {
            while index < bytes.count {
                let byte = bytes[index]
                if let close = openString {
                    if byte == UInt8(ascii: "\\"), close == UInt8(ascii: "\"") {
                        index += 2
                        continue
                    }
                    if startsTriple(close) {
                        index += 3
                        while peek == close { index += 1 }  // up to two quotes may end the content
                        openString = nil
                        continue
                    }
                    index += 1
                    if byte == UInt8(ascii: "\n") { return }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\n"):
                    index += 1
                    return
                case UInt8(ascii: "#"):
                    while let next = peek, next != UInt8(ascii: "\n") { index += 1 }
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if startsTriple(byte) {
                        index += 3
                        openString = byte
                    } else {
                        skipSingleLineString(byte)
                    }
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

        mutating func skipSingleLineString(_ quote: UInt8) {
            index += 1
            while let byte = peek, !isLineEnd(byte) {
                index += 1
                if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\""), let next = peek, !isLineEnd(next) {
                    index += 1
                } else if byte == quote {
                    return
                }
            }
        }

        func startsTriple(_ quote: UInt8) -> Bool {
            index + 2 < bytes.count && bytes[index] == quote && bytes[index + 1] == quote && bytes[index + 2] == quote
        }

        mutating func skipSpaces() {
            while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func isLineEnd(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") }

        func isBareKeyByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
