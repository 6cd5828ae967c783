/// Git's `wildmatch` (the glob matcher behind `.gitignore`), on bytes.
///
/// `*` matches within one path component, `?` one byte other than `/`, `[...]` a class
/// (ranges, `!` or `^` negation, `[:alpha:]`-style names, `\` escapes), `\x` the byte `x`;
/// `**` between slashes (or at either end) matches any number of components. Follows git's
/// `dowild` closely, including its early-abort results that keep pathological patterns from
/// going exponential.
enum Wildmatch {
    private enum Outcome { case match, noMatch, abortAll, abortToStarStar }

    /// Whether `text` matches `pattern` with `/` treated as the path separator.
    static func matches(_ pattern: [UInt8], _ text: some Collection<UInt8>) -> Bool {
        let text = Array(text)
        return pattern.withUnsafeBufferPointer { p in
            text.withUnsafeBufferPointer { t in match(Cursor(p), 0, Cursor(t), 0) == .match }
        }
    }

    /// A buffer read as if NUL-terminated: past the end reads 0.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
        subscript(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
        func hasSlash(from index: Int) -> Bool {
            index < bytes.count && bytes[index...].contains(0x2F)
        }
        func firstSlash(from index: Int) -> Int? {
            guard index < bytes.count else { return nil }
            return bytes[index...].firstIndex(of: 0x2F)
        }
    }

    private static let slash = UInt8(ascii: "/")
    private static let backslash = UInt8(ascii: "\\")
    private static let star = UInt8(ascii: "*")

    private static func isGlobSpecial(_ byte: UInt8) -> Bool {
        byte == star || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") || byte == backslash
    }

    private static func match(_ p: Cursor, _ pStart: Int, _ t: Cursor, _ tStart: Int) -> Outcome {
        var pi = pStart
        var ti = tStart
        while p[pi] != 0 {
            let pc = p[pi]
            var tc = t[ti]
            if tc == 0 && pc != star { return .abortAll }
            switch pc {
            case backslash:
                pi += 1
                if tc != p[pi] { return .noMatch }
            case UInt8(ascii: "?"):
                if tc == slash { return .noMatch }
            case star:
                pi += 1
                let matchSlash: Bool
                if p[pi] == star {
                    let before = pi - 2
                    repeat { pi += 1 } while p[pi] == star
                    let atStart = before < pStart || p[before] == slash
                    let atEnd = p[pi] == 0 || p[pi] == slash || (p[pi] == backslash && p[pi + 1] == slash)
                    if atStart && atEnd {
                        if p[pi] == slash && match(p, pi + 1, t, ti) == .match { return .match }
                        matchSlash = true
                    } else {
                        matchSlash = false
                    }
                } else {
                    matchSlash = false
                }
                if p[pi] == 0 {
                    // Trailing "**" matches everything; trailing "*" only within this component.
                    if !matchSlash && t.hasSlash(from: ti) { return .noMatch }
                    return .match
                }
                if !matchSlash && p[pi] == slash {
                    // One "*" then "/": skip to the next slash, which the loop then consumes.
                    guard let next = t.firstSlash(from: ti) else { return .noMatch }
                    ti = next
                    break
                }
                while true {
                    if tc == 0 { break }
                    if !isGlobSpecial(p[pi]) {
                        // The literal after the star must appear: jump to it.
                        let literal = p[pi]
                        while true {
                            tc = t[ti]
                            if tc == 0 || (!matchSlash && tc == slash) || tc == literal { break }
                            ti += 1
                        }
                        if tc != literal { return .noMatch }
                    }
                    let outcome = match(p, pi, t, ti)
                    if outcome != .noMatch {
                        if !matchSlash || outcome != .abortToStarStar { return outcome }
                    } else if !matchSlash && tc == slash {
                        return .abortToStarStar
                    }
                    ti += 1
                    tc = t[ti]
                }
                return .abortAll
            case UInt8(ascii: "["):
                switch matchClass(p, &pi, tc) {
                case .match: break
                case let other: return other
                }
            default:
                if tc != pc { return .noMatch }
            }
            pi += 1
            ti += 1
        }
        return t[ti] == 0 ? .match : .noMatch
    }

    /// Matches `tc` against the class starting at `p[pi] == "["`; leaves `pi` on its `]`.
    private static func matchClass(_ p: Cursor, _ pi: inout Int, _ tc: UInt8) -> Outcome {
        pi += 1
        var pc = p[pi]
        if pc == UInt8(ascii: "^") { pc = UInt8(ascii: "!") }
        let negated = pc == UInt8(ascii: "!")
        if negated {
            pi += 1
            pc = p[pi]
        }
        var previous: UInt8 = 0
        var matched = false
        repeat {
            if pc == 0 { return .abortAll }
            if pc == backslash {
                pi += 1
                pc = p[pi]
                if pc == 0 { return .abortAll }
                if tc == pc { matched = true }
            } else if pc == UInt8(ascii: "-") && previous != 0 && p[pi + 1] != 0 && p[pi + 1] != UInt8(ascii: "]") {
                pi += 1
                pc = p[pi]
                if pc == backslash {
                    pi += 1
                    pc = p[pi]
                    if pc == 0 { return .abortAll }
                }
                if tc <= pc && tc >= previous { matched = true }
                pc = 0  // no range may continue from here
            } else if pc == UInt8(ascii: "[") && p[pi + 1] == UInt8(ascii: ":") {
                let nameStart = pi + 2
                var end = nameStart
                while p[end] != 0 && p[end] != UInt8(ascii: "]") { end += 1 }
                if p[end] == 0 { return .abortAll }
                if end - nameStart - 1 < 0 || p[end - 1] != UInt8(ascii: ":") {
                    // Not "[:name:]": a literal "[".
                    if tc == UInt8(ascii: "[") { matched = true }
                } else {
                    var name: [UInt8] = []
                    for index in nameStart..<(end - 1) { name.append(p[index]) }
                    guard let member = characterClass(name, tc) else { return .abortAll }
                    if member { matched = true }
                    pi = end
                    pc = 0
                }
            } else if tc == pc {
                matched = true
            }
            previous = pc
            pi += 1
            pc = p[pi]
        } while pc != UInt8(ascii: "]")
        if matched == negated || tc == slash { return .noMatch }
        return .match
    }

    /// Membership of `byte` in the POSIX class `name`; nil for an unknown name.
    private static func characterClass(_ name: [UInt8], _ byte: UInt8) -> Bool? {
        let isUpper = byte >= 0x41 && byte <= 0x5A
        let isLower = byte >= 0x61 && byte <= 0x7A
        let isDigit = byte >= 0x30 && byte <= 0x39
        let isAlpha = isUpper || isLower
        let isPrint = byte >= 0x20 && byte < 0x7F
        switch String(decoding: name, as: UTF8.self) {
        case "alnum": return isAlpha || isDigit
        case "alpha": return isAlpha
        case "blank": return byte == 0x20 || byte == 0x09
        case "cntrl": return byte < 0x20 || byte == 0x7F
        case "digit": return isDigit
        case "graph": return isPrint && byte != 0x20
        case "lower": return isLower
        case "print": return isPrint
        case "punct": return isPrint && byte != 0x20 && !isAlpha && !isDigit
        case "space": return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
        case "upper": return isUpper
        case "xdigit": return isDigit || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
        default: return nil
        }
    }
}
