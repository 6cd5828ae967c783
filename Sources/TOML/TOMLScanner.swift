/// A cursor over a document's UTF-8 bytes that knows the current line, so it can turn byte
/// offsets into line:column positions and build errors that cite them.
///
/// The bytes must already be valid UTF-8; columns count the bytes that start a scalar.
struct TOMLScanner {
    /// The deepest nesting of tables and arrays accepted; deeper input is rejected rather than
    /// risking the stack.
    static let maximumDepth = 128

    /// The whole document.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    var index: Int
    /// The 1-based line of `index`.
    var line = 1
    /// The offset where the current line starts.
    var lineStart: Int
    /// Where the document starts: after the byte-order mark, if any.
    let documentStart: Int
    /// A known column on the current line, so positions along a long line cost linear time.
    private var cachedOffset: Int
    /// The column of `cachedOffset`.
    private var cachedColumn = 1
    /// How many tables and arrays enclose the value being read (the root table is 0).
    var depth = 0
    /// When set, every header and key–value line read, in order (see `TOMLSourceMap`).
    var statements: [Statement]?
    /// The element count and the end of the last element of the array read last (the outermost
    /// one, once a value is read), so an element can be appended to it.
    var lastArray: ArrayShape?

    /// A scanner at the start of `bytes`, past a UTF-8 byte-order mark if there is one.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        index = hasBOM ? 3 : 0
        documentStart = index
        lineStart = index
        cachedOffset = index
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { index >= bytes.count }

    /// The byte `offset` bytes ahead of the cursor, or nil past the end.
    @inline(__always)
    func peek(_ offset: Int = 0) -> UInt8? {
        let target = index + offset
        return target < bytes.count ? bytes[target] : nil
    }

    /// The position of the cursor.
    mutating func position() -> TOMLPosition { position(at: index) }

    /// The position of byte `offset`: quick on the current line, a rescan from the start
    /// otherwise (only errors need that).
    mutating func position(at offset: Int) -> TOMLPosition {
        let offset = min(offset, bytes.count)
        guard offset >= lineStart else { return Self.position(at: offset, in: bytes, from: documentStart) }
        var from = lineStart
        var column = 1
        if cachedOffset >= lineStart && cachedOffset <= offset {
            from = cachedOffset
            column = cachedColumn
        }
        column += Self.scalarCount(bytes, from: from, to: offset)
        cachedOffset = offset
        cachedColumn = column
        return TOMLPosition(line: line, column: column)
    }

    /// The position of byte `offset`, counting lines from `start`.
    static func position(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> TOMLPosition {
        var line = 1
        var lineStart = start
        var cursor = start
        while cursor < offset {
            if bytes[cursor] == .lineFeed {
                line += 1
                lineStart = cursor + 1
            }
            cursor += 1
        }
        return TOMLPosition(line: line, column: 1 + scalarCount(bytes, from: lineStart, to: offset))
    }

    /// How many scalars start in `from..<to` (bytes that are not UTF-8 continuation bytes).
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var count = 0
        var cursor = from
        while cursor < to {
            if bytes[cursor] & 0xC0 != 0x80 { count += 1 }
            cursor += 1
        }
        return count
    }

    /// An error at byte `offset` (the cursor by default).
    mutating func error(_ message: String, at offset: Int? = nil) -> TOMLError {
        TOMLError(message: message, position: position(at: offset ?? index))
    }

    /// An error at a position already known.
    func error(_ message: String, at position: TOMLPosition) -> TOMLError {
        TOMLError(message: message, position: position)
    }
}
