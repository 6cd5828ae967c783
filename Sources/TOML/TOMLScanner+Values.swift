import HoundRedaction

/// Values: the dispatch on the first byte, arrays and inline tables.
extension TOMLScanner {
    /// Reads the value at the cursor. `depth` must be the depth of the table or array that
    /// will hold it.
    ///
    /// Arrays and inline tables recurse through here, so this function and those two keep
    /// their frames small: leaf values and error messages are built in functions of their own.
    mutating func parseValue() throws(TOMLError) -> TOMLValue {
        guard let byte = peek() else { throw unexpected("a value") }
        switch byte {
        case .quote, .apostrophe:
            return try parseString()
        case .openBracket:
            return .array(try parseArray())
        case .openBrace:
            return .table(try parseInlineTable())
        case .plus, .minus, UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumberOrDateTime()
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return try parseWord()
        default:
            throw unexpected("a value")
        }
    }

    /// Reads a string of any of the four kinds.
    @inline(never)
    private mutating func parseString() throws(TOMLError) -> TOMLValue {
        let delimiter = bytes[index]
        let isMultiline = peek(1) == delimiter && peek(2) == delimiter
        if delimiter == .quote {
            return .string(isMultiline ? try parseMultilineBasicString() : try parseBasicString())
        }
        return .string(isMultiline ? try parseMultilineLiteralString() : try parseLiteralString())
    }

    /// An error saying `what` was expected and naming what is at the cursor instead.
    @inline(never)
    mutating func unexpected(_ what: String) -> TOMLError {
        error("expected \(what), found \(describeByte(at: index))")
    }

    /// Reads `true`, `false`, `inf` or `nan`; any other word is an unquoted string.
    @inline(never)
    private mutating func parseWord() throws(TOMLError) -> TOMLValue {
        let start = index
        while let byte = peek(), byte.isBareKeyByte || byte == .dot { index += 1 }
        switch text(from: start, to: index) {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf": return .float(.infinity)
        case "nan": return .float(.nan)
        case let word:
            let lowered = word.lowercased()
            if lowered == "true" || lowered == "false" {
                throw error(
                    "invalid value \(quotedText(from: start, to: index)): booleans are lower-case true or false",
                    at: start)
            }
            throw error("invalid value \(quotedText(from: start, to: index)) (strings must be in quotes)", at: start)
        }
    }

    /// Enters one more level of arrays or inline tables, refusing to go past the limit.
    private mutating func enterNesting() throws(TOMLError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw tooDeep() }
    }

    /// The error for nesting past `maximumDepth`.
    @inline(never)
    private mutating func tooDeep() -> TOMLError {
        error("arrays and tables nested too deeply (more than \(Self.maximumDepth) levels)")
    }

    /// The error for an array or inline table that the file ends inside.
    @inline(never)
    private mutating func unterminated(_ what: String, closer: String, opener: String, at open: Int) -> TOMLError {
        error("unterminated \(what): missing '\(closer)' for the '\(opener)' at \(position(at: open))")
    }

    /// Reads `[ value, value, ... ]`; newlines and comments may appear between elements and a
    /// trailing comma is allowed.
    @inline(never)
    private mutating func parseArray() throws(TOMLError) -> [TOMLValue] {
        let open = index
        try enterNesting()
        index += 1
        var elements: [TOMLValue] = []
        var lastElementEnd = index
        while true {
            try skipWhitespaceCommentsAndNewlines()
            if peek() == .closeBracket {
                lastArray = ArrayShape(count: elements.count, lastElementEnd: lastElementEnd)
                index += 1
                depth -= 1
                return elements
            }
            if isAtEnd { throw unterminated("array", closer: "]", opener: "[", at: open) }
            elements.append(try parseValue())
            lastElementEnd = index
            try skipWhitespaceCommentsAndNewlines()
            switch peek() {
            case .comma:
                index += 1
            case .closeBracket:
                lastArray = ArrayShape(count: elements.count, lastElementEnd: lastElementEnd)
                index += 1
                depth -= 1
                return elements
            case nil:
                throw unterminated("array", closer: "]", opener: "[", at: open)
            default:
                throw unexpected("',' or ']' after an array element")
            }
        }
    }

    /// Reads `{ key = value, ... }` on one line, without a trailing comma (TOML 1.0).
    @inline(never)
    private mutating func parseInlineTable() throws(TOMLError) -> TOMLTable {
        let open = index
        try enterNesting()
        index += 1
        var tree = TableTree(position: position(at: open), depth: depth)
        skipWhitespace()
        if peek() == .closeBrace {
            index += 1
            depth -= 1
            return tree.materialize()
        }
        let outerDepth = depth
        while true {
            skipWhitespace()
            let key = try parseKey()
            try expectEquals(after: key)
            depth = outerDepth + key.count - 1
            let valuePosition = position()
            let value = try parseValue()
            depth = outerDepth
            try tree.insert(value, at: key, in: TableTree.root, section: 0, valuePosition: valuePosition)
            skipWhitespace()
            guard peek() == .comma else {
                guard peek() == .closeBrace else { throw inlineTableError(open: open) }
                index += 1
                depth -= 1
                return tree.materialize()
            }
            index += 1
            skipWhitespace()
            if peek() == .closeBrace { throw inlineTableError(open: open) }
        }
    }

    /// The error for what follows a value in an inline table when it is not `,` or `}`, or for
    /// a `}` right after a comma.
    @inline(never)
    private mutating func inlineTableError(open: Int) -> TOMLError {
        switch peek() {
        case .closeBrace:
            return error("trailing comma in inline table: TOML 1.0 does not allow one before '}'")
        case .lineFeed, .carriageReturn:
            return error("inline tables must be on a single line in TOML 1.0: expected ',' or '}' before the newline")
        case nil:
            return unterminated("inline table", closer: "}", opener: "{", at: open)
        default:
            return unexpected("',' or '}' after a value in an inline table")
        }
    }

    /// Requires `=` (whitespace around it allowed) after `key`.
    @inline(never)
    mutating func expectEquals(after key: [KeyPart]) throws(TOMLError) {
        skipWhitespace()
        // A line that is not `key = value` may be a secret alone on its line: its "key" is
        // quoted as an excerpt, never whole.
        guard peek() == .equals else { throw unexpected("'=' after key \(Redaction.excerpt(key.written))") }
        index += 1
        skipWhitespace()
    }
}
