import HoundRedaction

/// Plain-words descriptions of input for error messages.
extension TOMLScanner {
    /// What sits at byte `offset`: `'x'`, `a newline`, `end of file`, `control character
    /// U+0001`, `'é' (U+00E9)`.
    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        switch byte {
        case .lineFeed: return "a newline"
        case .carriageReturn: return "a carriage return"
        case .tab: return "a tab"
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
        case 0..<0x20, .delete: return "control character \(Self.codePoint(UInt32(byte)))"
        default:
            guard let scalar = decodeScalar(at: offset) else { return "byte 0x\(Self.hex(UInt32(byte), width: 2))" }
            return "'\(Character(scalar))' (\(Self.codePoint(scalar.value)))"
        }
    }

    /// The scalar whose encoding starts at `offset`, in valid UTF-8.
    func decodeScalar(at offset: Int) -> Unicode.Scalar? {
        let end = min(offset + 4, bytes.count)
        var iterator = UnsafeBufferPointer(rebasing: bytes[offset..<end]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// The text of bytes `start..<end` for an error message: quoted whole when it has at most 4
    /// characters, else a redacted excerpt (`"sk_l…" (32 characters)`): the document may be any
    /// file (a configuration that is a symbolic link to a secrets file), so no message quotes it.
    func quotedText(from start: Int, to end: Int) -> String {
        Redaction.excerpt(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// `U+XXXX` notation.
    static func codePoint(_ value: UInt32) -> String { "U+" + hex(value, width: 4) }

    /// Upper-case hexadecimal, zero-padded to `width` digits.
    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
