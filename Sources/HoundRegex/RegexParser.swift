/// Recursive-descent parser for RE2 / Go `regexp` syntax, producing a `RegexNode`.
///
/// Works on the pattern's UTF-8 bytes so that every error carries a byte offset. Constructs
/// that need backtracking (backreferences, lookaround, atomic groups, possessive quantifiers)
/// are rejected with a message saying why.
struct RegexParser {
    /// The flags in force at a point of the pattern.
    struct Flags: Sendable, Equatable {
        /// `(?i)`: case-insensitive.
        var foldCase = false
        /// `(?m)`: `^` and `$` match at line boundaries.
        var multiLine = false
        /// `(?s)`: `.` matches `\n`.
        var dotMatchesNewline = false
        /// `(?U)`: quantifiers are lazy by default.
        var ungreedy = false
    }

    /// Largest count allowed in `{m,n}`, as in RE2.
    static let maxRepeat = 1000
    /// Deepest group nesting accepted, as in Go.
    static let maxDepth = 1000
    /// Why lookaround and friends are refused.
    static let linearTimeReason = "keyhound's regex engine is linear-time (RE2 syntax)"

    /// The pattern's UTF-8.
    let bytes: [UInt8]
    /// Current byte offset.
    var position = 0
    /// Number of capture groups seen so far.
    var captureCount = 0
    /// Names by group number (0 is the whole match, unnamed).
    var captureNames: [String?] = [nil]
    /// Current group nesting.
    var depth = 0

    /// A parser over `pattern`.
    init(_ pattern: String) {
        bytes = Array(pattern.utf8)
    }

    /// Parses the whole pattern.
    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        var flags = Flags()
        let node = try parseAlternation(flags: &flags)
        if position < bytes.count {
            // Only an unmatched `)` stops an alternation before the end.
            throw RegexSyntaxError(message: "unexpected ): no group is open", offset: position)
        }
        return node
    }

    /// The byte `offset` bytes ahead, or nil past the end.
    func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    /// Whether the pattern continues with `text` at the current position.
    func lookingAt(_ text: String) -> Bool {
        var index = position
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// The pattern text in `range`, for messages.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[max(0, range.lowerBound)..<min(bytes.count, range.upperBound)], as: UTF8.self)
    }

    /// `alternative ('|' alternative)*`, stopping before `)` or at the end.
    mutating func parseAlternation(flags: inout Flags) throws(RegexSyntaxError) -> RegexNode {
        var alternatives = [try parseConcat(flags: &flags)]
        while peek() == UInt8(ascii: "|") {
            position += 1
            alternatives.append(try parseConcat(flags: &flags))
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    /// A sequence of quantified atoms, stopping before `|`, `)` or at the end.
    mutating func parseConcat(flags: inout Flags) throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let byte = peek(), byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            let start = position
            if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "?")
                || (byte == UInt8(ascii: "{") && repeatBraces(at: position) != nil)
            {
                throw RegexSyntaxError(
                    message: "missing argument to repetition operator \(text(start..<start + 1))", offset: start)
            }
            guard let atom = try parseAtom(flags: &flags, into: &items) else { continue }
            items.append(try parseQuantifiers(atom, flags: flags, atomStart: start))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    /// Applies a quantifier following an atom, if any, and rejects stacked quantifiers.
    mutating func parseQuantifiers(_ atom: RegexNode, flags: Flags, atomStart: Int) throws(RegexSyntaxError)
        -> RegexNode
    {
        let opStart = position
        var bounds: (min: Int, max: Int?)
        switch peek() {
        case UInt8(ascii: "*"):
            bounds = (0, nil)
            position += 1
        case UInt8(ascii: "+"):
            bounds = (1, nil)
            position += 1
        case UInt8(ascii: "?"):
            bounds = (0, 1)
            position += 1
        case UInt8(ascii: "{"):
            guard let parsed = repeatBraces(at: position) else { return atom }
            if parsed.min > RegexParser.maxRepeat || (parsed.max ?? 0) > RegexParser.maxRepeat {
                throw RegexSyntaxError(
                    message:
                        "invalid repeat count \(text(opStart..<parsed.end)): at most \(RegexParser.maxRepeat) repetitions",
                    offset: opStart)
            }
            if let max = parsed.max, max < parsed.min {
                throw RegexSyntaxError(
                    message: "invalid repeat count \(text(opStart..<parsed.end)): maximum is below minimum",
                    offset: opStart)
            }
            bounds = (parsed.min, parsed.max)
            position = parsed.end
        default:
            return atom
        }
        var greedy = !flags.ungreedy
        if peek() == UInt8(ascii: "?") {
            greedy.toggle()
            position += 1
        }
        if peek() == UInt8(ascii: "+") {
            throw RegexSyntaxError(
                message:
                    "possessive quantifier \(text(opStart..<position + 1)) is not supported: \(RegexParser.linearTimeReason)",
                offset: opStart)
        }
        if let next = peek(),
            next == UInt8(ascii: "*") || next == UInt8(ascii: "?")
                || (next == UInt8(ascii: "{") && repeatBraces(at: position) != nil)
        {
            throw RegexSyntaxError(
                message: "invalid nested repetition operator \(text(opStart..<position + 1))", offset: opStart)
        }
        return .repeating(atom, min: bounds.min, max: bounds.max, greedy: greedy)
    }

    /// Parses `{m}`, `{m,}` or `{m,n}` at `start`; nil if the text there is not a repeat
    /// (then `{` is a literal, as in Go).
    func repeatBraces(at start: Int) -> (min: Int, max: Int?, end: Int)? {
        var index = start + 1
        func number() -> Int? {
            let first = index
            var value = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value = min(value * 10 + Int(bytes[index] - UInt8(ascii: "0")), 100_000)
                index += 1
            }
            return index > first ? value : nil
        }
        guard let low = number(), index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "}") { return (low, low, index + 1) }
        guard bytes[index] == UInt8(ascii: ","), index + 1 < bytes.count else { return nil }
        index += 1
        if bytes[index] == UInt8(ascii: "}") { return (low, nil, index + 1) }
        guard let high = number(), index < bytes.count, bytes[index] == UInt8(ascii: "}") else { return nil }
        return (low, high, index + 1)
    }

    /// Decodes the UTF-8 rune at the current position and advances past it.
    mutating func nextRune() -> UInt32 {
        let first = bytes[position]
        var length = 1
        var rune = UInt32(first)
        if first >= 0xF0 {
            length = 4
            rune = UInt32(first & 0x07)
        } else if first >= 0xE0 {
            length = 3
            rune = UInt32(first & 0x0F)
        } else if first >= 0xC0 {
            length = 2
            rune = UInt32(first & 0x1F)
        }
        if length > 1 {
            for offset in 1..<length {
                guard position + offset < bytes.count else { break }
                rune = rune << 6 | UInt32(bytes[position + offset] & 0x3F)
            }
        }
        position = min(bytes.count, position + length)
        return rune
    }

    /// A literal rune under `flags`.
    static func literal(_ rune: UInt32, flags: Flags) -> RegexNode {
        let folds = flags.foldCase && !UnicodeTables.foldPartners(of: rune).isEmpty
        return .literal(rune, foldCase: folds)
    }
}
