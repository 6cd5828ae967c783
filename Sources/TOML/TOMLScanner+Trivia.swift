/// Whitespace, newlines and comments.
extension TOMLScanner {
    /// Skips spaces and tabs.
    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index].isWhitespace { index += 1 }
    }

    /// Consumes an LF or CRLF at the cursor and moves to the next line; returns false when the
    /// cursor is not at a newline. Throws at a carriage return not followed by a line feed.
    @discardableResult
    mutating func consumeNewline() throws(TOMLError) -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case .lineFeed:
            index += 1
        case .carriageReturn:
            guard peek(1) == .lineFeed else {
                throw error("carriage return must be followed by a line feed")
            }
            index += 2
        default:
            return false
        }
        line += 1
        lineStart = index
        return true
    }

    /// Skips a comment from its `#` to the end of the line (the newline is left unread).
    /// Throws at control characters other than tab, which comments may not hold.
    mutating func skipComment() throws(TOMLError) {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte.isForbiddenControl {
                if byte == .lineFeed { return }
                if byte == .carriageReturn && peek(1) == .lineFeed { return }
                throw error("\(describeByte(at: index)) is not allowed in a comment")
            }
            index += 1
        }
    }

    /// Skips whitespace, comments and newlines: the gaps between top-level expressions and
    /// between array elements.
    @inline(never)
    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLError) {
        while index < bytes.count {
            switch bytes[index] {
            case .space, .tab: index += 1
            case .hash: try skipComment()
            case .lineFeed, .carriageReturn: try consumeNewline()
            default: return
            }
        }
    }

    /// After a key–value pair or table header: allows whitespace and a comment, then requires a
    /// newline or the end of the file (left unread). `what` names the thing just read.
    mutating func expectLineEnd(after what: @autoclosure () -> String) throws(TOMLError) {
        skipWhitespace()
        if peek() == .hash { try skipComment() }
        guard let byte = peek() else { return }
        if byte == .lineFeed || byte == .carriageReturn { return }
        throw unexpected("a newline after \(what())")
    }
}
