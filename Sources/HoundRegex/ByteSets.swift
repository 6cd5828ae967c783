/// The input alphabet of the automata and byte-level helpers.
///
/// Automata consume *symbols*: bytes `0...255`, plus `invalidLead` (256) for a UTF-8 lead byte
/// that does not start a valid sequence, so that Go's rule "an invalid byte is one U+FFFD" can be
/// expressed without lookahead. `edge` (257) is never consumed: it stands for "no byte" when an
/// assertion looks past either end of the buffer.
enum ByteSets {
    /// Symbol for a lead byte (`C2...F4`) whose sequence is invalid or truncated.
    static let invalidLead = 256
    /// Symbol for "no byte here" (before the buffer or after it).
    static let edge = 257
    /// Number of symbols, `edge` included.
    static let symbolCount = 258

    /// ASCII word byte `[0-9A-Za-z_]`, as RE2's `\w` and `\b`.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
    }

    /// Whether `symbol` is an ASCII word byte.
    @inline(__always)
    static func isWordSymbol(_ symbol: Int) -> Bool {
        symbol < 0x80 && isWordByte(UInt8(truncatingIfNeeded: symbol))
    }

    /// The symbol at `position` (which must be in bounds): the byte itself, or `invalidLead` for
    /// a lead byte that does not begin a valid UTF-8 sequence within the buffer.
    @inline(__always)
    static func symbol(at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        let byte = text[position]
        if byte < 0xC2 || byte > 0xF4 { return Int(byte) }
        return sequenceLength(at: position, in: text) > 0 ? Int(byte) : invalidLead
    }

    /// The symbol at `position`, or `edge` outside the buffer.
    @inline(__always)
    static func symbolOrEdge(at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        position >= 0 && position < text.count ? symbol(at: position, in: text) : edge
    }

    /// Length of the valid UTF-8 sequence starting at `position` (1 for ASCII), 0 if the bytes
    /// there do not form one.
    static func sequenceLength(at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        let byte = text[position]
        if byte < 0x80 { return 1 }
        var length = 0
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch byte {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return 0
        }
        guard position + length <= text.count else { return 0 }
        let second = text[position + 1]
        guard second >= low && second <= high else { return 0 }
        for offset in 2..<length where text[position + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// Whether `position` is where Go's rune-by-rune decoding from `floor` can stand, i.e. not
    /// inside a valid multi-byte sequence that starts at or after `floor`.
    static func isRuneBoundary(_ position: Int, floor: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard position > floor, position < text.count, text[position] & 0xC0 == 0x80 else { return true }
        var start = position - 1
        while start >= max(floor, position - 3) {
            let byte = text[start]
            if byte & 0xC0 != 0x80 {
                return !(byte >= 0xC2 && sequenceLength(at: start, in: text) > position - start)
            }
            start -= 1
        }
        return true
    }
}
