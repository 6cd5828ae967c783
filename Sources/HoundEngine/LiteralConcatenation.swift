/// String literals split across lines and joined again, by an operator (`"…" +`, PHP's `.`,
/// VB's `&`) or by adjacency (Python, C and Go implicit concatenation, a `\` line continuation):
/// a PEM key written as `"-----BEGIN …-----\n" +` then `"MIIE…\n" +` … reads as one key once
/// the literals' contents are joined and their escapes decoded.
enum LiteralConcatenation {
    /// How many lines a chain may span.
    static let maxLines = 400
    /// How many bytes of source a chain may span.
    static let maxBytes = 64 * 1024

    /// Whether `line` may start or continue a chain: its last non-blank byte is a quote or an
    /// operator that joins strings (`+ . & \`). A cheap test for lines with keyword hits.
    static func mayContinue(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> Bool {
        var end = line.upperBound
        while end > line.lowerBound, isBlank(bytes[end - 1]) { end -= 1 }
        guard end > line.lowerBound else { return false }
        switch bytes[end - 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "&"),
            UInt8(ascii: "\\"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// The joined contents of the first chain of two or more literals that starts on `line`,
    /// each byte mapped to its source, after the line's context up to the first literal's
    /// contents; nil when there is none.
    static func view(of bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> DecodedView? {
        let limit = min(bytes.count, line.lowerBound + maxBytes)
        var q = line.lowerBound
        while q < line.upperBound {
            guard isQuote(bytes[q]) else {
                q += 1
                continue
            }
            var builder = DecodedViewBuilder()
            var literals = 0
            var lines = 0
            var open = q
            var nextOnLine = line.upperBound
            while let close = literal(bytes, at: open, limit: limit, into: &builder) {
                literals += 1
                if literals == 1 { nextOnLine = close + 1 }
                guard let next = continuation(bytes, after: close, limit: limit, lines: &lines), lines <= maxLines else { break }
                open = next
            }
            if literals >= 2 {
                builder.changed = true
                var view = builder.view(note: "string literals joined")
                // The line up to the first literal's contents (`sendbird_api_token = "`).
                view?.prependContext(bytes, sources: LineContext.sources(bytes, valueStart: q + 1))
                return view
            }
            q = max(q + 1, nextOnLine)
        }
        return nil
    }

    /// Appends the contents of the literal opening at `open` (escapes decoded) and returns the
    /// offset of its closing quote; nil when it does not close on its line.
    static func literal(
        _ bytes: UnsafeBufferPointer<UInt8>, at open: Int, limit: Int, into builder: inout DecodedViewBuilder
    ) -> Int? {
        let quote = bytes[open]
        var staged = DecodedViewBuilder()
        var i = open + 1
        while i < limit {
            let b = bytes[i]
            if b == quote { break }
            if b == 0x0A { return nil }
            if b == UInt8(ascii: "\\"), i + 1 < limit, let (scalar, width) = StringEscapes.escape(bytes, at: i, limit: limit) {
                if scalar <= 0x7F {
                    staged.append(UInt8(scalar), from: i..<(i + width))
                } else {
                    staged.append(scalar: scalar, from: i..<(i + width))
                }
                i += width
                continue
            }
            staged.append(b, from: i..<(i + 1))
            i += 1
        }
        guard i < limit else { return nil }
        builder.bytes += staged.bytes
        builder.starts += staged.starts
        builder.ends += staged.ends
        return i
    }

    /// Where the next literal of the chain opens after the closing quote at `close`: past blanks,
    /// an optional joining operator, line breaks and indentation; nil when the chain ends.
    static func continuation(_ bytes: UnsafeBufferPointer<UInt8>, after close: Int, limit: Int, lines: inout Int) -> Int? {
        var i = close + 1
        var sawOperator = false
        var sawBreak = false
        func skipBlanks() { while i < limit, isBlank(bytes[i]) { i += 1 } }
        func skipOperator() -> Bool {
            guard i < limit else { return false }
            switch bytes[i] {
            case UInt8(ascii: "+"), UInt8(ascii: "&"):
                i += 1
                if i < limit, bytes[i] == UInt8(ascii: "_") { i += 1 }  // VB: & _
                return true
            case UInt8(ascii: "."):
                i += 1
                if i < limit, bytes[i] == UInt8(ascii: ".") { i += 1 }  // Lua: ..
                return true
            case UInt8(ascii: "\\"):
                // A line continuation: only when the line ends there.
                var j = i + 1
                while j < limit, isBlank(bytes[j]) { j += 1 }
                guard j < limit, bytes[j] == 0x0A else { return false }
                i += 1
                return true
            default:
                return false
            }
        }
        skipBlanks()
        if skipOperator() {
            sawOperator = true
            skipBlanks()
        }
        while i < limit, bytes[i] == 0x0A {
            sawBreak = true
            lines += 1
            i += 1
            skipBlanks()
        }
        if sawBreak, !sawOperator, skipOperator() {
            sawOperator = true
            skipBlanks()
        }
        guard i < limit, isQuote(bytes[i]), bytes[i] == bytes[close] else { return nil }
        // Two literals side by side on one line with nothing between them are one token in no
        // language we read ("a""b" is an escaped quote in SQL and CSV): require a gap.
        guard sawOperator || sawBreak || i > close + 1 else { return nil }
        return i
    }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
    @inline(__always) static func isQuote(_ b: UInt8) -> Bool { b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") }
}
