/// Cuts a stream of unknown length (standard input) into overlapping chunks, so that it is
/// scanned in bounded memory whatever its length.
///
/// Each chunk holds at most `chunkSize` bytes and ends at a line end when one falls in its
/// second half (else it is cut inside a line). The next chunk starts `overlap` bytes or less
/// before that end, at a line start when there is one: a secret that straddles the cut is
/// whole in the next chunk. A finding belongs to the chunk it starts in before ``Chunk/ownedEnd``
/// (the next chunk's start), so none is reported twice; a match longer than the overlap that
/// straddles a cut could be missed (the default overlap, 1 MiB, is far above any credential).
public struct StreamChunks {
    /// One piece of the stream and where it sits in it.
    public struct Chunk: Sendable {
        /// The bytes.
        public var bytes: [UInt8]
        /// 1-based line number, in the stream, of the chunk's first line.
        public var firstLine: Int
        /// Bytes of that line before the chunk's first byte (0 when the chunk starts a line).
        public var firstColumn: Int
        /// Findings starting at or after this offset are reported by the next chunk.
        public var ownedEnd: Int

        /// The 1-based line and column in the stream of the chunk's 1-based `line` and `column`.
        public func streamPosition(line: Int, column: Int) -> (line: Int, column: Int) {
            (firstLine + line - 1, line == 1 ? firstColumn + column : column)
        }

        /// The 1-based line and column, in the chunk, of ``ownedEnd``: a finding at or after it
        /// is the next chunk's.
        public var ownedEndPosition: (line: Int, column: Int) {
            let before = bytes[..<ownedEnd]
            guard let lastNewline = before.lastIndex(of: 0x0A) else { return (1, ownedEnd + 1) }
            return (before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }, ownedEnd - lastNewline)
        }
    }

    /// Most bytes in a chunk.
    public let chunkSize: Int
    /// Most bytes a chunk repeats of the one before.
    public let overlap: Int
    private var pending: [UInt8] = []
    private var line = 1
    private var column = 0
    private var ended = false
    private var finished = false

    /// A cutter of chunks of at most `chunkSize` bytes overlapping by at most `overlap`
    /// (`overlap` at most a quarter of `chunkSize`).
    public init(chunkSize: Int = 8 << 20, overlap: Int = 1 << 20) {
        self.chunkSize = max(chunkSize, 16)
        self.overlap = min(overlap, max(chunkSize, 16) / 4)
    }

    /// The next chunk, reading more with `read` (which fills the buffer it is given and returns
    /// how many bytes it wrote, 0 at the end of the stream); nil once the stream is done.
    public mutating func next(_ read: (UnsafeMutableBufferPointer<UInt8>) -> Int) -> Chunk? {
        guard !finished else { return nil }
        while !ended && pending.count < chunkSize {
            let wanted = min(chunkSize - pending.count, 1 << 16)
            let start = pending.count
            pending.append(contentsOf: repeatElement(0, count: wanted))
            let got = pending.withUnsafeMutableBufferPointer { read(UnsafeMutableBufferPointer(rebasing: $0[start...])) }
            pending.removeSubrange((start + max(got, 0))...)
            if got <= 0 { ended = true }
        }
        if ended {
            finished = true
            return Chunk(bytes: pending, firstLine: line, firstColumn: column, ownedEnd: pending.count)
        }
        // Cut after the last newline of the second half, else inside the line.
        var cut = pending.count
        if let newline = pending[(pending.count / 2)...].lastIndex(of: 0x0A) { cut = newline + 1 }
        // The next chunk starts at the first line start in the last `overlap` bytes.
        let floor = cut - overlap
        var nextStart = floor
        if let newline = pending[(floor - 1)..<(cut - 1)].firstIndex(of: 0x0A) { nextStart = newline + 1 }
        let chunk = Chunk(bytes: Array(pending[..<cut]), firstLine: line, firstColumn: column, ownedEnd: nextStart)
        let skipped = pending[..<nextStart]
        if let lastNewline = skipped.lastIndex(of: 0x0A) {
            line += skipped.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            column = nextStart - (lastNewline + 1)
        } else {
            column += nextStart
        }
        pending.removeSubrange(..<nextStart)
        return chunk
    }
}
