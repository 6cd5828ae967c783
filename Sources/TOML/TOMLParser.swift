/// TOML: a TOML 1.0 reader that keeps positions, for configuration and rule files.
///
/// `TOMLParser.parse` turns a document into a `TOMLTable` of `TOMLValue`s. Every table knows
/// where it starts and where each of its keys was written, so callers can report
/// `file:line:column: unknown field "x"`; every rejection is a `TOMLError` with a line:column
/// and a plain-words reason. The reader works on UTF-8 bytes, never `Character`s, checks the
/// encoding first, caps nesting at 128 levels so no input can exhaust the stack, and imports
/// nothing, not even Foundation.
public enum TOMLParser {
    /// Parses a TOML document from text.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(TOMLError) in try parseValidated(buffer) }
        }
        return try result.get()
    }

    /// Parses a TOML document from UTF-8 bytes; invalid UTF-8 is rejected with its position.
    public static func parse(bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        try bytes.withUnsafeBufferPointer { buffer throws(TOMLError) in
            try validate(buffer)
            return try parseValidated(buffer)
        }
    }

    /// Rejects invalid UTF-8 with its position.
    static func validate(_ buffer: UnsafeBufferPointer<UInt8>) throws(TOMLError) {
        if let offset = UTF8Validation.firstInvalidOffset(in: buffer) {
            let start = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
            throw TOMLError(
                message:
                    "invalid UTF-8: byte 0x\(TOMLScanner.hex(UInt32(buffer[offset]), width: 2)) does not form a valid character",
                position: TOMLScanner.position(at: offset, in: buffer, from: min(start, offset)))
        }
    }

    /// Parses bytes known to be valid UTF-8.
    private static func parseValidated(_ buffer: UnsafeBufferPointer<UInt8>) throws(TOMLError) -> TOMLTable {
        var scanner = TOMLScanner(bytes: buffer)
        return try scanner.parseDocument()
    }
}
