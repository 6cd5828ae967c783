/// The four kinds of string: basic `"…"`, literal `'…'` and their multi-line forms.
extension TOMLScanner {
    /// Reads a basic string; the cursor is at its opening `"`.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let open = index
        index += 1
        var runStart = index
        var buffer: [UInt8] = []
        var hasEscapes = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == .quote {
                let result: String
                if hasEscapes {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    result = String(decoding: buffer, as: UTF8.self)
                } else {
                    result = text(from: runStart, to: index)
                }
                index += 1
                return result
            }
            if byte == .backslash {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                try parseEscape(into: &buffer)
                hasEscapes = true
                runStart = index
                continue
            }
            if byte.isForbiddenControl {
                if byte == .lineFeed || byte == .carriageReturn {
                    throw error(
                        "unterminated string: a basic string must end on the line it starts"
                            + " (use \"\"\" for a multi-line string)", at: open)
                }
                throw error("\(describeByte(at: index)) must be escaped in a string")
            }
            index += 1
        }
        throw error("unterminated string: missing closing '\"'", at: open)
    }

    /// Reads a literal string; the cursor is at its opening `'`.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let open = index
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == .apostrophe {
                index += 1
                return text(from: start, to: index - 1)
            }
            if byte.isForbiddenControl {
                if byte == .lineFeed || byte == .carriageReturn {
                    throw error(
                        "unterminated string: a literal string must end on the line it starts"
                            + " (use ''' for a multi-line string)", at: open)
                }
                throw error("\(describeByte(at: index)) is not allowed in a literal string")
            }
            index += 1
        }
        throw error("unterminated string: missing closing \"'\"", at: open)
    }

    /// Reads a multi-line basic string; the cursor is at its opening `"""`. A newline right
    /// after the opening is dropped, CRLF becomes LF, and a backslash at the end of a line
    /// removes the line break and the whitespace that follows.
    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let open = index
        index += 3
        try consumeNewline()
        var buffer: [UInt8] = []
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case .quote:
                let count = quoteRun(of: .quote)
                if count < 3 {
                    index += count
                    continue
                }
                guard count <= 5 else {
                    throw error(
                        "too many quotes: at most two '\"' may come before the closing '\"\"\"'",
                        at: index + 5)
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index + count - 3]))
                index += count
                return String(decoding: buffer, as: UTF8.self)
            case .backslash:
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                var look = index + 1
                while look < bytes.count, bytes[look].isWhitespace { look += 1 }
                if look < bytes.count, bytes[look] == .lineFeed || bytes[look] == .carriageReturn {
                    index = look
                    while index < bytes.count {
                        if try consumeNewline() { continue }
                        guard bytes[index].isWhitespace else { break }
                        index += 1
                    }
                } else {
                    try parseEscape(into: &buffer)
                }
                runStart = index
            case .lineFeed:
                index += 1
                line += 1
                lineStart = index
            case .carriageReturn:
                guard peek(1) == .lineFeed else {
                    throw error("carriage return must be followed by a line feed")
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                runStart = index
            default:
                if byte.isForbiddenControl {
                    throw error("\(describeByte(at: index)) must be escaped in a string")
                }
                index += 1
            }
        }
        throw error("unterminated multi-line string: missing closing '\"\"\"'", at: open)
    }

    /// Reads a multi-line literal string; the cursor is at its opening `'''`. A newline right
    /// after the opening is dropped and CRLF becomes LF; nothing else is interpreted.
    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let open = index
        index += 3
        try consumeNewline()
        var buffer: [UInt8] = []
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case .apostrophe:
                let count = quoteRun(of: .apostrophe)
                if count < 3 {
                    index += count
                    continue
                }
                guard count <= 5 else {
                    throw error(
                        "too many quotes: at most two \"'\" may come before the closing \"'''\"",
                        at: index + 5)
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index + count - 3]))
                index += count
                return String(decoding: buffer, as: UTF8.self)
            case .lineFeed:
                index += 1
                line += 1
                lineStart = index
            case .carriageReturn:
                guard peek(1) == .lineFeed else {
                    throw error("carriage return must be followed by a line feed")
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                runStart = index
            default:
                if byte.isForbiddenControl {
                    throw error("\(describeByte(at: index)) is not allowed in a literal string")
                }
                index += 1
            }
        }
        throw error("unterminated multi-line string: missing closing \"'''\"", at: open)
    }

    /// How many `quote` bytes start at the cursor.
    private func quoteRun(of quote: UInt8) -> Int {
        var count = 0
        while index + count < bytes.count, bytes[index + count] == quote { count += 1 }
        return count
    }

    /// Reads an escape sequence at the cursor's `\` and appends its UTF-8 to `buffer`.
    private mutating func parseEscape(into buffer: inout [UInt8]) throws(TOMLError) {
        let start = index
        guard let code = peek(1) else { throw error("unterminated string: missing closing '\"'") }
        index += 2
        switch code {
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case .quote: buffer.append(.quote)
        case .backslash: buffer.append(.backslash)
        case UInt8(ascii: "u"): try appendUnicodeEscape(digits: 4, start: start, into: &buffer)
        case UInt8(ascii: "U"): try appendUnicodeEscape(digits: 8, start: start, into: &buffer)
        default:
            let shown =
                (0x21..<0x7F).contains(code)
                ? "'\\\(Character(Unicode.Scalar(code)))'" : "'\\' followed by \(describeByte(at: start + 1))"
            throw error(
                "invalid escape sequence \(shown); TOML knows \\b \\t \\n \\f \\r \\\" \\\\"
                    + " \\uXXXX and \\UXXXXXXXX", at: start)
        }
    }

    /// Reads the hexadecimal digits of a `\u` or `\U` escape and appends the scalar's UTF-8.
    private mutating func appendUnicodeEscape(
        digits: Int, start: Int, into buffer: inout [UInt8]
    ) throws(TOMLError) {
        let letter = digits == 4 ? "u" : "U"
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let byte = peek(), byte.isHexDigit else {
                throw error("the \\\(letter) escape needs exactly \(digits) hexadecimal digits", at: start)
            }
            value = value << 4 | UInt32(byte.isDigit ? byte - 0x30 : (byte | 0x20) - 0x61 + 10)
            index += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error(
                "\\\(letter)\(Self.hex(value, width: digits)) is not a Unicode scalar value"
                    + " (surrogates D800-DFFF and values above 10FFFF are not allowed)", at: start)
        }
        UTF8.encode(scalar) { buffer.append($0) }
    }
}
