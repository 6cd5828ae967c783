extension RegexParser {
    /// Parses one atom. Returns nil for constructs that only change state (`(?i)`, empty `\Q\E`);
    /// `\Q...\E` appends all but its last rune to `items` and returns the last, so a following
    /// quantifier applies to one rune as in Go.
    mutating func parseAtom(flags: inout Flags, into items: inout [RegexNode]) throws(RegexSyntaxError)
        -> RegexNode?
    {
        switch bytes[position] {
        case UInt8(ascii: "("):
            return try parseGroup(flags: &flags)
        case UInt8(ascii: "["):
            return .runeSet(try parseClass(flags: flags))
        case UInt8(ascii: "."):
            position += 1
            return .runeSet(RegexParser.anyRune(flags: flags))
        case UInt8(ascii: "^"):
            position += 1
            return .assertion(flags.multiLine ? .beginLine : .beginText)
        case UInt8(ascii: "$"):
            position += 1
            return .assertion(flags.multiLine ? .endLine : .endText)
        case UInt8(ascii: "\\"):
            if lookingAt("\\Q") {
                position += 2
                var runes: [UInt32] = []
                while position < bytes.count, !lookingAt("\\E") {
                    // Go lets `\\` stand for a backslash inside \Q...\E.
                    if lookingAt("\\\\") { position += 1 }
                    runes.append(nextRune())
                }
                if lookingAt("\\E") { position += 2 }
                guard let last = runes.popLast() else { return nil }
                items.append(contentsOf: runes.map { RegexParser.literal($0, flags: flags) })
                return RegexParser.literal(last, flags: flags)
            }
            switch try parseEscape(inClass: false, flags: flags) {
            case .rune(let rune): return RegexParser.literal(rune, flags: flags)
            case .set(let set): return .runeSet(set)
            case .assertion(let assertion): return .assertion(assertion)
            }
        default:
            return RegexParser.literal(nextRune(), flags: flags)
        }
    }

    /// `.`: any rune, or any rune but `\n` unless `(?s)`.
    static func anyRune(flags: Flags) -> RuneSet {
        flags.dotMatchesNewline
            ? RuneSet(pairs: [(0, RuneSet.maxRune)])
            : RuneSet(pairs: [(0, 0x09), (0x0B, RuneSet.maxRune)])
    }

    /// A group starting at `(`: capturing, named, non-capturing, or a flag setting.
    mutating func parseGroup(flags: inout Flags) throws(RegexSyntaxError) -> RegexNode? {
        let start = position
        position += 1
        var name: String?
        var capturing = true
        var inner = flags
        if peek() == UInt8(ascii: "?") {
            if let rejection = unsupportedGroup() {
                throw RegexSyntaxError(message: rejection, offset: start)
            }
            if lookingAt("?P<") || lookingAt("?<") {
                position += lookingAt("?P<") ? 3 : 2
                name = try parseGroupName(groupStart: start)
            } else {
                position += 1
                let (updated, hasBody) = try parseFlags(flags, groupStart: start)
                if !hasBody {
                    flags = updated
                    return nil
                }
                inner = updated
                capturing = false
            }
        }
        depth += 1
        if depth > RegexParser.maxDepth {
            throw RegexSyntaxError(message: "groups nest more than \(RegexParser.maxDepth) deep", offset: start)
        }
        var index = 0
        if capturing {
            captureCount += 1
            index = captureCount
            captureNames.append(name)
        }
        let body = try parseAlternation(flags: &inner)
        guard peek() == UInt8(ascii: ")") else {
            throw RegexSyntaxError(message: "missing closing ) for the group opened here", offset: start)
        }
        position += 1
        depth -= 1
        return capturing ? .capture(index: index, name: name, body) : body
    }

    /// A message for `(?...` constructs outside RE2 syntax, or nil if the group is supported.
    func unsupportedGroup() -> String? {
        for (prefix, message) in RegexParser.rejectedGroups where lookingAt(prefix) { return message }
        if let digit = peek(1), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") {
            return "recursion (?N) is not supported: \(RegexParser.linearTimeReason)"
        }
        return nil
    }

    /// The name of `(?P<name>` / `(?<name>` up to `>`: word characters, unique.
    mutating func parseGroupName(groupStart: Int) throws(RegexSyntaxError) -> String {
        let nameStart = position
        while let byte = peek(), byte != UInt8(ascii: ">") {
            guard ByteSets.isWordByte(byte) else {
                throw RegexSyntaxError(
                    message: "invalid character in group name: names are letters, digits and _", offset: position)
            }
            position += 1
        }
        guard peek() == UInt8(ascii: ">") else {
            throw RegexSyntaxError(message: "missing > after group name", offset: groupStart)
        }
        let name = text(nameStart..<position)
        position += 1
        guard !name.isEmpty else {
            throw RegexSyntaxError(message: "empty group name", offset: groupStart)
        }
        guard !captureNames.contains(name) else {
            throw RegexSyntaxError(message: "duplicate group name \(name)", offset: groupStart)
        }
        return name
    }

    /// Flags after `(?` up to `)` (returns `hasBody == false`) or `:` (`hasBody == true`).
    mutating func parseFlags(_ flags: Flags, groupStart: Int) throws(RegexSyntaxError) -> (Flags, hasBody: Bool) {
        var result = flags
        var negated = false
        var sawFlag = false
        while let byte = peek() {
            position += 1
            switch byte {
            case UInt8(ascii: "i"): result.foldCase = !negated
            case UInt8(ascii: "m"): result.multiLine = !negated
            case UInt8(ascii: "s"): result.dotMatchesNewline = !negated
            case UInt8(ascii: "U"): result.ungreedy = !negated
            case UInt8(ascii: "-"):
                if negated {
                    throw RegexSyntaxError(message: "invalid flags: more than one -", offset: position - 1)
                }
                negated = true
                sawFlag = false
                continue
            case UInt8(ascii: ":"), UInt8(ascii: ")"):
                if negated && !sawFlag {
                    throw RegexSyntaxError(message: "invalid flags: - must be followed by a flag", offset: groupStart)
                }
                if byte == UInt8(ascii: ")") && !sawFlag && !negated {
                    throw RegexSyntaxError(message: "empty flag group (?)", offset: groupStart)
                }
                return (result, byte == UInt8(ascii: ":"))
            default:
                position -= 1
                let flag = text(position..<position + 1)
                throw RegexSyntaxError(
                    message: "flag \(flag) is not supported: RE2 syntax has only i, m, s and U", offset: position)
            }
            sawFlag = true
        }
        throw RegexSyntaxError(message: "missing closing ) for the flag group", offset: groupStart)
    }

    /// `(?...` openings outside RE2 syntax (matched after the `(`), with their messages.
    static let rejectedGroups: [(prefix: String, message: String)] = {
        let reason = linearTimeReason
        return [
            ("?=", "lookahead (?=...) is not supported: \(reason)"),
            ("?!", "negative lookahead (?!...) is not supported: \(reason)"),
            ("?<=", "lookbehind (?<=...) is not supported: \(reason)"),
            ("?<!", "negative lookbehind (?<!...) is not supported: \(reason)"),
            ("?>", "atomic group (?>...) is not supported: \(reason)"),
            ("?P=", "backreference (?P=name) is not supported: \(reason)"),
            ("?P>", "recursion (?P>name) is not supported: \(reason)"),
            ("?R", "recursion (?R) is not supported: \(reason)"),
            ("?&", "recursion (?&name) is not supported: \(reason)"),
            ("?|", "branch reset (?|...) is not supported (RE2 syntax)"),
            ("?#", "comments (?#...) are not supported (RE2 syntax)"),
        ]
    }()
}
