extension RegexParser {
    /// A bracketed class `[...]`, folded under `(?i)` and then negated for `[^...]`, like Go.
    /// Negated classes match `\n` (Go's Perl mode).
    mutating func parseClass(flags: Flags) throws(RegexSyntaxError) -> RuneSet {
        let start = position
        position += 1
        var negated = false
        if peek() == UInt8(ascii: "^") {
            negated = true
            position += 1
        }
        var pairs: [(UInt32, UInt32)] = []
        var extra = RuneSet()
        var first = true
        while true {
            guard let byte = peek() else {
                throw RegexSyntaxError(message: "missing closing ] for the class opened here", offset: start)
            }
            if byte == UInt8(ascii: "]") && !first {
                position += 1
                break
            }
            first = false
            if byte == UInt8(ascii: "["), peek(1) == UInt8(ascii: ":"), let posix = try parsePOSIXClass(flags: flags) {
                extra.formUnion(posix)
                continue
            }
            let itemStart = position
            switch try parseClassItem(flags: flags) {
            case .set(let set):
                extra.formUnion(set)
            case .rune(let low):
                var high = low
                if peek() == UInt8(ascii: "-"), let after = peek(1), after != UInt8(ascii: "]") {
                    position += 1
                    guard case .rune(let upper) = try parseClassItem(flags: flags) else {
                        throw RegexSyntaxError(
                            message: "invalid character class range \(text(itemStart..<position))", offset: itemStart)
                    }
                    guard upper >= low else {
                        throw RegexSyntaxError(
                            message: "invalid character class range \(text(itemStart..<position)): end before start",
                            offset: itemStart)
                    }
                    high = upper
                }
                pairs.append((low, high))
            case .assertion:
                throw RegexSyntaxError(message: "invalid escape in class", offset: itemStart)
            }
        }
        var set = RuneSet(pairs: pairs)
        if flags.foldCase { set = set.caseFolded() }
        set.formUnion(extra)
        return negated ? set.inverted() : set
    }

    /// One class member: an escape or a literal rune.
    mutating func parseClassItem(flags: Flags) throws(RegexSyntaxError) -> Escape {
        if peek() == UInt8(ascii: "\\") {
            // Perl and Unicode classes are folded on their own, before any negation, like Go.
            return try parseEscape(inClass: true, flags: flags)
        }
        return .rune(nextRune())
    }

    /// `[:alpha:]` / `[:^alpha:]` at the cursor; nil (cursor unchanged) if it is not one.
    mutating func parsePOSIXClass(flags: Flags) throws(RegexSyntaxError) -> RuneSet? {
        let start = position
        var index = position + 2
        while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: ":") && bytes[index + 1] == UInt8(ascii: "]")) {
            index += 1
        }
        guard index + 1 < bytes.count else { return nil }
        var name = text(start + 2..<index)
        var negated = false
        if name.hasPrefix("^") {
            negated = true
            name.removeFirst()
        }
        let ranges: [(UInt32, UInt32)]
        switch name {
        case "alnum": ranges = [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)]
        case "alpha": ranges = [(0x41, 0x5A), (0x61, 0x7A)]
        case "ascii": ranges = [(0x00, 0x7F)]
        case "blank": ranges = [(0x09, 0x09), (0x20, 0x20)]
        case "cntrl": ranges = [(0x00, 0x1F), (0x7F, 0x7F)]
        case "digit": ranges = [(0x30, 0x39)]
        case "graph": ranges = [(0x21, 0x7E)]
        case "lower": ranges = [(0x61, 0x7A)]
        case "print": ranges = [(0x20, 0x7E)]
        case "punct": ranges = [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)]
        case "space": ranges = [(0x09, 0x0D), (0x20, 0x20)]
        case "upper": ranges = [(0x41, 0x5A)]
        case "word": ranges = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
        case "xdigit": ranges = [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)]
        default:
            throw RegexSyntaxError(
                message: "invalid character class range: unknown POSIX class [:\(name):]", offset: start)
        }
        position = index + 2
        var set = RuneSet(pairs: ranges)
        if flags.foldCase { set = set.caseFolded() }
        return negated ? set.inverted() : set
    }
}
