import HoundEngine
import HoundInputs
import HoundModel

/// Standard input, scanned in overlapping chunks (`StreamChunks`, 8 MiB each): memory stays
/// bounded whatever its length, and no size limit applies to it. Each chunk's findings are
/// placed at their line and column in the whole stream; a finding in the overlap belongs to the
/// next chunk, so none is reported twice.
package struct StdinSource: FragmentSource {
    /// Fills a buffer from standard input; 0 at its end.
    package var read: (UnsafeMutableBufferPointer<UInt8>) -> Int

    /// Standard input read with `read`.
    package init(read: @escaping (UnsafeMutableBufferPointer<UInt8>) -> Int) { self.read = read }

    /// Where a chunk lies in the stream (its bytes are not kept once scanned).
    private struct Placement: Sendable {
        /// The chunk, its bytes dropped.
        var chunk: StreamChunks.Chunk
        /// Where, in the chunk, the next chunk's findings start.
        var end: (line: Int, column: Int)

        /// `chunk`'s placement (computed while its bytes are there, and only when `found`
        /// something: it counts the chunk's lines).
        init(_ chunk: StreamChunks.Chunk, found: Bool) {
            end = found ? chunk.ownedEndPosition : (0, 0)
            self.chunk = chunk
            self.chunk.bytes = []
        }

        /// `finding` moved to its place in the stream; nil when it lies in the overlap.
        func place(_ finding: Finding) -> Finding? {
            guard (finding.location.line, finding.location.column) < end else { return nil }
            var moved = finding
            (moved.location.line, moved.location.column) = chunk.streamPosition(
                line: finding.location.line, column: finding.location.column)
            (moved.location.endLine, moved.location.endColumn) = chunk.streamPosition(
                line: finding.location.endLine, column: finding.location.endColumn)
            return moved
        }
    }

    package func feed(_ pipeline: inout ScanPipeline) throws {
        var chunks = StreamChunks()
        var owned = 0
        let read = read
        pipeline.filesScanned += 1
        // One worker and one chunk queued: three chunks live at most (read, queued, scanned).
        let output = ParallelScan.scan(
            workers: 1, rules: pipeline.compiled, capacity: 1, batch: 1,
            makeLoader: {},
            scanItem: { (scanner: inout Scanner, _: Void, chunk: StreamChunks.Chunk) in
                let result = scanner.scan(Fragment(path: "-", bytes: chunk.bytes, provenance: .stdin))
                return ParallelScan.Scanned(result, bytes: chunk.ownedEnd, tag: Placement(chunk, found: !result.findings.isEmpty || !result.suppressed.isEmpty))
            },
            produce: { push in
                while let chunk = chunks.next(read) {
                    owned += chunk.ownedEnd
                    push(chunk)
                }
            })
        pipeline.bytesScanned += owned
        for (placement, result) in output.results {
            var kept = FragmentResult()
            kept.findings = result.findings.compactMap(placement.place)
            kept.suppressed = result.suppressed.compactMap { entry in
                placement.place(entry.finding).map { ($0, entry.reason) }
            }
            pipeline.collect([kept])
        }
    }
}
