import HoundJSON

/// Where a report goes while it is written: a buffer flushed to a sink (a file descriptor, an
/// array) whenever it fills, so a report of any size is written in pieces and never held whole.
///
/// Writers append with `write`; the first error the sink throws is kept, later writes are
/// dropped, and `finish()` flushes and throws it: formatters need no `try` on every line, and a
/// failed write (a full disk, a closed pipe) still reaches the caller.
public struct ReportStream {
    /// Bytes written but not yet handed to the sink.
    private var buffer: [UInt8] = []
    /// How many buffered bytes trigger a flush.
    private let capacity: Int
    /// Receives the bytes, in order, in pieces of about `capacity`.
    private let sink: ([UInt8]) throws -> Void
    /// The first error the sink threw; nothing is written after it.
    private var failure: (any Error)?

    /// A stream handing its bytes to `sink` in pieces of about `capacity` bytes.
    public init(capacity: Int = 1 << 16, sink: @escaping ([UInt8]) throws -> Void) {
        self.capacity = max(1, capacity)
        self.sink = sink
        buffer.reserveCapacity(self.capacity + 4096)
    }

    /// Appends `bytes`.
    public mutating func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flushBuffer() }
    }

    /// Appends the UTF-8 bytes of `text`.
    public mutating func write(_ text: String) { write(text.utf8) }

    /// Appends one byte.
    public mutating func write(byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= capacity { flushBuffer() }
    }

    /// Hands what is buffered to the sink; throws the first error the sink threw.
    public mutating func finish() throws {
        flushBuffer()
        if let failure { throw failure }
    }

    private mutating func flushBuffer() {
        guard !buffer.isEmpty else { return }
        if failure == nil {
            do {
                try sink(buffer)
            } catch {
                failure = error
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Everything `body` writes, as one array (tests, and reports that are small by nature).
    public static func collect(_ body: (inout ReportStream) -> Void) -> [UInt8] {
        let collected = Collected()
        var stream = ReportStream(capacity: 1 << 16) { collected.bytes += $0 }
        body(&stream)
        try? stream.finish()  // the sink cannot fail
        return collected.bytes
    }
}

extension ReportStream: JSONByteSink {
    /// Appends one byte (for `JSONWriter`).
    public mutating func append(_ byte: UInt8) { write(byte: byte) }

    /// Appends bytes in order (for `JSONWriter`).
    public mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 { write(bytes) }

    /// Writes one JSON document (or, for JSON lines, several) through a `JSONWriter` over this
    /// stream, one value at a time as `body` hands them over.
    mutating func writeJSON(layout: JSONLayout, _ body: (inout JSONWriter<ReportStream>) -> Void) {
        var writer = JSONWriter(sink: self, layout: layout)
        body(&writer)
        self = writer.sink
    }
}

/// The array `ReportStream.collect` appends to.
private final class Collected {
    var bytes: [UInt8] = []
}
