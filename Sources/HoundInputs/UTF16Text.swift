/// UTF-16 text files (Windows editors and PowerShell write them, BOM first): every other byte is
/// a NUL, so the binary probe would skip them and their secrets. With a byte-order mark and a
/// NUL among the first bytes (what made them look binary) they are transcoded to UTF-8 and
/// scanned; line numbers are kept, columns count UTF-8 bytes of the transcoded text. Without a
/// BOM, UTF-16 is not guessed at and stays binary; bytes that merely start like a BOM but hold
/// no NUL are scanned as they are, as before.
public enum UTF16Text {
    /// The UTF-8 transcoding of `bytes` when they start with a UTF-16 byte-order mark (`FF FE`
    /// little-endian, `FE FF` big-endian) and hold a NUL within their first `probe` bytes,
    /// without the mark; nil otherwise. Unpaired surrogates and a dangling odd byte become U+FFFD.
    public static func utf8(fromBOM bytes: UnsafeBufferPointer<UInt8>, probe: Int = 8000) -> [UInt8]? {
        guard bytes.count >= 2 else { return nil }
        let littleEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0xFF, 0xFE): littleEndian = true
        case (0xFE, 0xFF): littleEndian = false
        default: return nil
        }
        // The mark is checked first: the NUL probe below is a walk over up to `probe` bytes.
        guard bytes.prefix(probe).contains(0) else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count + units.count / 2)
        _ = transcode(
            units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false
        ) { out.append($0) }
        if index < bytes.count { out += [0xEF, 0xBF, 0xBD] }
        return out
    }

    /// `utf8(fromBOM:)` for an array.
    public static func utf8(fromBOM bytes: [UInt8], probe: Int = 8000) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { utf8(fromBOM: $0, probe: probe) }
    }
}
