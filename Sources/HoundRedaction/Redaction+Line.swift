/// Context lines: the line around a finding, with every secret on it redacted.
extension Redaction {
    /// Tokens shorter than this many bytes are never candidates.
    public static let candidateTokenLength = 16

    /// How far past the edges of a context window a token is followed to its ends; a token that
    /// is longer still is treated as a candidate.
    static let tokenReach = 4096

    /// Whether `byte` belongs to a token: ASCII letters and digits and `+ / _ - . ~` (base64,
    /// base64url, hex, JWTs and the usual token alphabets; `=` padding is left out so that
    /// `NAME=value` stays two words).
    @inline(__always)
    public static func isTokenByte(_ byte: UInt8) -> Bool { tokenBytes[Int(byte)] }

    private static let tokenBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = true }
        for byte in "+/_-.~".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Whether a token could be a secret nobody has a rule for: at least
    /// ``candidateTokenLength`` bytes, a Shannon entropy of at least 3 bits per byte, and either
    /// digits among its letters or both lower- and upper-case letters. Random keys pass
    /// (hex, base64, base62 of 16 characters or more); words, paths, dates and
    /// `snake_case_names` do not; long camel-case identifiers sometimes do (shown redacted: the
    /// safe side).
    public static func isCandidateToken(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.count >= candidateTokenLength else { return false }
        var digits = false
        var lower = false
        var upper = false
        for byte in token {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            default: break
            }
        }
        guard (digits && (lower || upper)) || (lower && upper) else { return false }
        return Entropy.shannon(token) >= 3.0
    }

    /// The candidate tokens (``isCandidateToken(_:)``) that overlap `bytes[range]`, whole: a
    /// token crossing an edge of `range` is followed up to ``tokenReach`` bytes beyond it (and
    /// counted as a candidate when longer).
    public static func candidateTokens(in bytes: UnsafeBufferPointer<UInt8>, within range: Range<Int>) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        // A token crossing the lower edge starts before it.
        var index = range.lowerBound
        while index > 0, range.lowerBound - index < tokenReach, isTokenByte(bytes[index - 1]) { index -= 1 }
        let first = index
        let cutBelow = index > 0 && isTokenByte(bytes[index - 1])
        let limit = min(bytes.count, range.upperBound + tokenReach)
        while index < range.upperBound {
            guard isTokenByte(bytes[index]) else {
                index += 1
                continue
            }
            let begin = index
            while index < limit, isTokenByte(bytes[index]) { index += 1 }
            // Followed as far as allowed and still going: longer than anything worth showing.
            let cut = (begin == first && cutBelow) || (index == limit && index < bytes.count && isTokenByte(bytes[index]))
            if cut || isCandidateToken(UnsafeBufferPointer(rebasing: bytes[begin..<index])) { tokens.append(begin..<index) }
        }
        return tokens
    }

    /// The context line shown with a finding: the part of `line` within `radius` bytes of
    /// `focus` (`…` where it is cut), with every range of `spans` (the candidates found on it)
    /// and every candidate token replaced by its redacted form (``redact(_:)``; overlapping
    /// ranges are redacted as one), control bytes turned into spaces, invalid UTF-8 into U+FFFD,
    /// and surrounding blanks trimmed. This is the only context any report prints.
    public static func contextLine(
        _ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>, focus: Range<Int>, spans: [Range<Int>], radius: Int
    ) -> String {
        let lower = max(line.lowerBound, focus.lowerBound - radius)
        let upper = min(line.upperBound, max(focus.lowerBound, min(focus.upperBound, line.upperBound)) + radius)
        let window = lower..<max(lower, upper)
        let lineBytes = UnsafeBufferPointer(rebasing: bytes[line])
        let shift = line.lowerBound
        let local = (window.lowerBound - shift)..<(window.upperBound - shift)
        let tokens = candidateTokens(in: lineBytes, within: local).map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
        let hidden = merged((spans + tokens).filter { $0.overlaps(window) })
        var out: [UInt8] = []
        if window.lowerBound > line.lowerBound { out += Array("…".utf8) }
        var index = window.lowerBound
        var next = 0
        while index < window.upperBound {
            while next < hidden.count, hidden[next].upperBound <= index { next += 1 }
            if next < hidden.count, hidden[next].lowerBound <= index {
                out += Array(redact(UnsafeBufferPointer(rebasing: bytes[hidden[next]])).utf8)
                index = hidden[next].upperBound
                continue
            }
            let byte = bytes[index]
            out.append(byte < 0x20 || byte == 0x7F ? UInt8(ascii: " ") : byte)
            index += 1
        }
        if index < line.upperBound { out += Array("…".utf8) }
        return trimmed(String(decoding: out, as: UTF8.self))
    }

    /// `ranges` sorted, overlapping ones joined.
    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = out.last, range.lowerBound < last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                out.append(range)
            }
        }
        return out
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
