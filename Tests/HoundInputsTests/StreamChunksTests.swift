import HoundInputs
import Testing

/// Standard input cut into overlapping chunks: the owned parts tile the stream exactly, and
/// positions map back to the stream's lines and columns.
@Suite struct StreamChunksTests {
    /// Every chunk of `stream` cut with the given sizes, read `step` bytes at a time.
    func chunks(_ stream: [UInt8], chunkSize: Int, overlap: Int, step: Int = 7) -> [StreamChunks.Chunk] {
        var cutter = StreamChunks(chunkSize: chunkSize, overlap: overlap)
        var offset = 0
        var out: [StreamChunks.Chunk] = []
        while let chunk = cutter.next({ buffer in
            let count = min(buffer.count, step, stream.count - offset)
            for index in 0..<count { buffer[index] = stream[offset + index] }
            offset += count
            return count
        }) {
            out.append(chunk)
        }
        return out
    }

    @Test(arguments: [0, 1, 5, 40])
    func ownedPartsTileTheStreamAndPositionsMapBack(_ lineLength: Int) {
        var stream: [UInt8] = []
        var positions: [(offset: Int, line: Int, column: Int)] = []
        var line = 1
        var column = 1
        for index in 0..<3000 {
            positions.append((stream.count, line, column))
            let byte: UInt8 = lineLength > 0 && index % (lineLength + 1) == lineLength ? 0x0A : UInt8(ascii: "a") + UInt8(index % 26)
            stream.append(byte)
            if byte == 0x0A { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        let pieces = chunks(stream, chunkSize: 256, overlap: 64)
        #expect(pieces.count > 10)
        var rebuilt: [UInt8] = []
        var start = 0
        for piece in pieces {
            #expect(piece.bytes.count <= 256)
            #expect(Array(stream[start..<(start + piece.bytes.count)]) == piece.bytes, "the chunk is the stream from its start")
            // Each byte the chunk owns maps back to its stream line and column.
            var chunkLine = 1
            var chunkColumn = 1
            for offset in 0..<piece.ownedEnd {
                let expected = positions[start + offset]
                let mapped = piece.streamPosition(line: chunkLine, column: chunkColumn)
                #expect(mapped.line == expected.line && mapped.column == expected.column, "offset \(start + offset)")
                if piece.bytes[offset] == 0x0A { (chunkLine, chunkColumn) = (chunkLine + 1, 1) } else { chunkColumn += 1 }
            }
            let end = piece.ownedEndPosition
            #expect(end.line == chunkLine && end.column == chunkColumn)
            rebuilt += piece.bytes[..<piece.ownedEnd]
            start += piece.ownedEnd
        }
        #expect(rebuilt == stream)
    }
}
