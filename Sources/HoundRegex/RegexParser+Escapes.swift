extension RegexParser {
    /// What a backslash escape stands for.
    enum Escape {
        /// A single rune (`\n`, `\x41`, `\.`).
        case rune(UInt32)
        /// A class (`\d`, `\pL`).
        case set(RuneSet)
        /// A zero-width assertion (`\b`, `\A`); only outside classes.
        case assertion(Assertion)
    }

    /// Parses the escape starting at the backslash under the cursor.
    mutating func parseEscape(inClass: Bool, flags: Flags) throws(RegexSyntaxError) -> Escape {
        let start = position
        position += 1
        guard let byte = peek() else {
            throw RegexSyntaxError(message: "trailing backslash at end of pattern", offset: start)
        }
        position += 1
        let reason = RegexParser.linearTimeReason
        switch byte {
        case UInt8(ascii: "a"): return .rune(0x07)
        case UInt8(ascii: "f"): return .rune(0x0C)
        case UInt8(ascii: "t"): return .rune(0x09)
        case UInt8(ascii: "n"): return .rune(0x0A)
        case UInt8(ascii: "r"): return .rune(0x0D)
        case UInt8(ascii: "v"): return .rune(0x0B)
        case UInt8(ascii: "x"): return .rune(try parseHexEscape(start: start))
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            let isOctal =
                byte == UInt8(ascii: "0")
                || (peek().map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") } ?? false)
            guard isOctal else {
                throw RegexSyntaxError(
                    message: "backreference \(text(start..<position)) is not supported: \(reason)", offset: start)
            }
            var value = UInt32(byte - UInt8(ascii: "0"))
            for _ in 0..<2 {
                guard let digit = peek(), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { break }
                value = value * 8 + UInt32(digit - UInt8(ascii: "0"))
                position += 1
            }
            return .rune(value)
        case UInt8(ascii: "8"), UInt8(ascii: "9"):
            throw RegexSyntaxError(
                message: "backreference \(text(start..<position)) is not supported: \(reason)", offset: start)
        case UInt8(ascii: "d"), UInt8(ascii: "s"), UInt8(ascii: "w"),
            UInt8(ascii: "D"), UInt8(ascii: "S"), UInt8(ascii: "W"):
            return .set(RegexParser.perlClass(byte, flags: flags))
        case UInt8(ascii: "p"), UInt8(ascii: "P"):
            return .set(try parseUnicodeClass(negated: byte == UInt8(ascii: "P"), start: start, flags: flags))
        case UInt8(ascii: "b") where !inClass: return .assertion(.wordBoundary)
        case UInt8(ascii: "B") where !inClass: return .assertion(.notWordBoundary)
        case UInt8(ascii: "A") where !inClass: return .assertion(.beginText)
        case UInt8(ascii: "z") where !inClass: return .assertion(.endText)
        case UInt8(ascii: "Z"):
            throw RegexSyntaxError(message: "\\Z is not supported (RE2 syntax): use \\z or $", offset: start)
        case UInt8(ascii: "k"), UInt8(ascii: "g"):
            throw RegexSyntaxError(
                message: "backreference \(text(start..<position)) is not supported: \(reason)", offset: start)
        case UInt8(ascii: "C"):
            throw RegexSyntaxError(message: "\\C (any byte) is not supported", offset: start)
        default:
            if byte < 0x80 && !ByteSets.isWordByte(byte) {
                return .rune(UInt32(byte))  // escaped punctuation stands for itself
            }
            position = start + 1
            let shown = text(start..<start + 1) + text(position..<position + 1)
            throw RegexSyntaxError(message: "invalid escape sequence \(shown)", offset: start)
        }
    }

    /// `\xHH` or `\x{H...}` (cursor after the `x`).
    mutating func parseHexEscape(start: Int) throws(RegexSyntaxError) -> UInt32 {
        func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        if peek() == UInt8(ascii: "{") {
            position += 1
            var value: UInt32 = 0
            var digits = 0
            while let byte = peek(), let digit = hexValue(byte) {
                value = min(value * 16 + digit, 0x11_0000)
                digits += 1
                position += 1
            }
            guard digits > 0, peek() == UInt8(ascii: "}") else {
                throw RegexSyntaxError(message: "invalid escape sequence: \\x{ needs hex digits and }", offset: start)
            }
            position += 1
            guard value <= RuneSet.maxRune else {
                throw RegexSyntaxError(
                    message: "invalid escape sequence \(text(start..<position)): beyond U+10FFFF", offset: start)
            }
            return value
        }
        guard let high = peek().flatMap(hexValue), let low = peek(1).flatMap(hexValue) else {
            throw RegexSyntaxError(message: "invalid escape sequence: \\x needs two hex digits", offset: start)
        }
        position += 2
        return high * 16 + low
    }

    /// `\d \s \w` (ASCII, as RE2) and their negations, folded first under `(?i)` like Go.
    static func perlClass(_ letter: UInt8, flags: Flags) -> RuneSet {
        var set: RuneSet
        switch letter | 0x20 {
        case UInt8(ascii: "d"): set = RuneSet(pairs: [(0x30, 0x39)])
        case UInt8(ascii: "s"): set = RuneSet(pairs: [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)])
        default: set = RuneSet(pairs: [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
        }
        if flags.foldCase { set = set.caseFolded() }
        return letter < UInt8(ascii: "a") ? set.inverted() : set
    }

    /// `\pL`, `\p{Greek}`, `\p{^Greek}`, `\PL` (cursor after the `p`/`P`).
    mutating func parseUnicodeClass(negated: Bool, start: Int, flags: Flags) throws(RegexSyntaxError) -> RuneSet {
        var negate = negated
        var name: String
        guard let byte = peek() else {
            throw RegexSyntaxError(message: "invalid character class range: \\p needs a name", offset: start)
        }
        if byte == UInt8(ascii: "{") {
            let nameStart = position + 1
            guard let close = bytes[nameStart...].firstIndex(of: UInt8(ascii: "}")) else {
                throw RegexSyntaxError(message: "missing } after \\p{", offset: start)
            }
            name = text(nameStart..<close)
            position = close + 1
            if name.hasPrefix("^") {
                negate.toggle()
                name.removeFirst()
            }
        } else {
            name = text(position..<position + 1)
            _ = nextRune()
        }
        guard var set = UnicodeTables.classes[name] else {
            let known = UnicodeTables.classNames.joined(separator: " ")
            throw RegexSyntaxError(
                message: "unknown or unsupported Unicode class \(text(start..<position)); supported: \(known)",
                offset: start)
        }
        if flags.foldCase { set = set.caseFolded() }
        return negate ? set.inverted() : set
    }
}
