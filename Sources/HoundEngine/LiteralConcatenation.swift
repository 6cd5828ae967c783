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
    ///
    /// Each literal is first only measured (its closing quote found): most lines hold no chain,
    /// and building each literal's bytes and sources before knowing was 8 % of a scan.
    static func view(of bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> DecodedView? {
        let limit = min(bytes.count, line.lowerBound + maxBytes)
        var q = line.lowerBound
        while q < line.upperBound {
            guard isQuote(bytes[q]) else {
                q += 1
                continue
            }
            guard let close = closingQuote(bytes, at: q, limit: limit) else { return nil }
            var lines = 0
            if let next = continuation(bytes, after: close, limit: limit, lines: &lines), lines <= maxLines,
                closingQuote(bytes, at: next, limit: limit) != nil
            {
                var view = chain(bytes, from: q, limit: limit)
                // The line up to the first literal's contents (`sendbird_api_token = "`).
                view?.prependContext(bytes, sources: LineContext.sources(bytes, valueStart: q + 1))
                return view
            }
            q = close + 1
        }
        return nil
    }

    /// The joined contents of the chain of literals opening at `open` (two at least: the caller
    /// has measured them).
    static func chain(_ bytes: UnsafeBufferPointer<UInt8>, from open: Int, limit: Int) -> DecodedView? {
        var builder = DecodedViewBuilder()
        var lines = 0
        var open = open
        while let close = literal(bytes, at: open, limit: limit, into: &builder) {
            guard let next = continuation(bytes, after: close, limit: limit, lines: &lines), lines <= maxLines else { break }
            open = next
        }
        builder.changed = true
        return builder.view(note: "string literals joined")
    }

    /// The offset of the closing quote of the literal opening at `open` (escapes skipped as
    /// `literal` decodes them); nil when it does not close on its line.
    static func closingQuote(_ bytes: UnsafeBufferPointer<UInt8>, at open: Int, limit: Int) -> Int? {
        let quote = bytes[open]
        var i = open + 1
        while i < limit {
            let b = bytes[i]
            if b == quote { return i }
            if b == 0x0A { return nil }
            if b == UInt8(ascii: "\\"), i + 1 < limit, let (_, width) = StringEscapes.escape(bytes, at: i, limit: limit) {
                i += width
                continue
            }
            i += 1
        }
        return nil
    }

    /// Appends the contents of the literal opening at `open` (escapes decoded) and returns the
    /// offset of its closing quote; nil when it does not close on its line (then nothing is
    /// appended). Its closing quote is found first, so the runs between escapes are copied
    /// whole (three appends per byte made a long chain cost 170,000 instructions).
    static func literal(
        _ bytes: UnsafeBufferPointer<UInt8>, at open: Int, limit: Int, into builder: inout DecodedViewBuilder
    ) -> Int? {
        guard let base = bytes.baseAddress, let close = closingQuote(bytes, at: open, limit: limit) else { return nil }
        var i = open + 1
        while i < close {
            guard let hit = ByteSearch.first(UInt8(ascii: "\\"), from: base + i, count: close - i) else {
                builder.appendVerbatim(bytes, i..<close)
                break
            }
            let at = base.distance(to: hit)
            builder.appendVerbatim(bytes, i..<at)
            i = at
            // The same steps as `closingQuote`: it has found `close` past them.
            if i + 1 < limit, let (scalar, width) = StringEscapes.escape(bytes, at: i, limit: limit) {
                if scalar <= 0x7F {
                    builder.append(UInt8(scalar), from: i..<(i + width))
                } else {
                    builder.append(scalar: scalar, from: i..<(i + width))
                }
                i += width
            } else {
                builder.append(bytes[i], from: i..<(i + 1))
                i += 1
            }
        }
        return close
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
