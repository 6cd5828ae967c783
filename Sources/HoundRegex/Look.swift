/// What assertions need to know about the symbol on one side of a position.
///
/// The DFA keeps the look of the last consumed symbol in each state; assertions between two
/// symbols depend only on the pair of looks, so `mask(before:after:)` is a 16-entry table.
enum Look {
    /// Outside the buffer.
    static let edge: UInt8 = 0
    /// `\n`.
    static let newline: UInt8 = 1
    /// ASCII word byte.
    static let word: UInt8 = 2
    /// Anything else.
    static let other: UInt8 = 3

    /// The look of a symbol.
    @inline(__always)
    static func of(_ symbol: Int) -> UInt8 {
        if symbol == ByteSets.edge { return edge }
        if symbol == 0x0A { return newline }
        return ByteSets.isWordSymbol(symbol) ? word : other
    }

    /// Assertion bits (`Assertion.bit`) that hold between a symbol with look `before` and one
    /// with look `after`.
    @inline(__always)
    static func mask(before: UInt8, after: UInt8) -> UInt8 {
        table[Int(before) << 2 | Int(after)]
    }

    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 16)
        for before in 0..<4 {
            for after in 0..<4 {
                var bits: UInt8 = 0
                if before == Int(edge) { bits |= Assertion.beginText.bit | Assertion.beginLine.bit }
                if before == Int(newline) { bits |= Assertion.beginLine.bit }
                if after == Int(edge) { bits |= Assertion.endText.bit | Assertion.endLine.bit }
                if after == Int(newline) { bits |= Assertion.endLine.bit }
                let isWordBoundary = (before == Int(word)) != (after == Int(word))
                bits |= isWordBoundary ? Assertion.wordBoundary.bit : Assertion.notWordBoundary.bit
                table[before << 2 | after] = bits
            }
        }
        return table
    }()

    /// Assertion bits that hold at `position` of `text` (the real neighbours, whatever the range).
    @inline(__always)
    static func mask(at position: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let before = position > 0 ? byteLook(text[position - 1]) : edge
        let after = position < text.count ? byteLook(text[position]) : edge
        return mask(before: before, after: after)
    }

    /// The look of a byte (bytes `>= 0x80` are neither word nor newline, as is `invalidLead`).
    @inline(__always)
    static func byteLook(_ byte: UInt8) -> UInt8 {
        if byte == 0x0A { return newline }
        return ByteSets.isWordByte(byte) ? word : other
    }
}
