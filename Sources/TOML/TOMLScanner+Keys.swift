/// Keys: bare, quoted and dotted.
extension TOMLScanner {
    /// Reads a key such as `name`, `"quoted key"` or `a.b."c"`, and the whitespace after it.
    @inline(never)
    mutating func parseKey() throws(TOMLError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            parts.append(try parseSimpleKey())
            skipWhitespace()
            guard peek() == .dot else { return parts }
            index += 1
            skipWhitespace()
        }
    }

    /// Reads one key component.
    private mutating func parseSimpleKey() throws(TOMLError) -> KeyPart {
        let position = position()
        guard let byte = peek() else { throw error("expected a key, found end of file") }
        switch byte {
        case .quote:
            if peek(1) == .quote && peek(2) == .quote {
                throw error("a multi-line string cannot be used as a key")
            }
            return KeyPart(name: try parseBasicString(), position: position)
        case .apostrophe:
            if peek(1) == .apostrophe && peek(2) == .apostrophe {
                throw error("a multi-line string cannot be used as a key")
            }
            return KeyPart(name: try parseLiteralString(), position: position)
        default:
            let start = index
            while index < bytes.count, bytes[index].isBareKeyByte { index += 1 }
            guard index > start else {
                let hint =
                    byte >= 0x80 || (byte > 0x20 && byte < 0x7F && !Self.structuralBytes.contains(byte))
                    ? " (bare keys may hold only A-Z, a-z, 0-9, '_' and '-'; quote others)" : ""
                throw error("expected a key, found \(describeByte(at: index))\(hint)")
            }
            return KeyPart(name: text(from: start, to: index), position: position)
        }
    }

    /// Punctuation with a meaning of its own, which a reader would not take for a key.
    private static let structuralBytes: [UInt8] = Array("[]{}.=,#\"'".utf8)

    /// The bytes `start..<end` as a string.
    func text(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
