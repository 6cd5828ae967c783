#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Cuts a byte stream arriving in arbitrary chunks into `\n`-terminated lines (or records
/// ended by another separator, such as the NUL of `git … -z`).
///
/// A line that fits in one chunk is handed out in place, without copying; only a line that
/// straddles chunks is assembled in a carry buffer.
struct LineSplitter {
    private var carry: [UInt8] = []
    private let separator: Int32

    /// A splitter on `separator` (a newline unless told otherwise).
    init(separator: UInt8 = 0x0A) { self.separator = Int32(separator) }

    /// Calls `body` with each complete line of `chunk` (without its separator).
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        while start < chunk.count {
            guard let found = memchrIndex(base + start, chunk.count - start) else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: chunk.count - start))
                return
            }
            let end = start + found
            if carry.isEmpty {
                body(UnsafeBufferPointer(start: base + start, count: end - start))
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
                carry.withUnsafeBufferPointer(body)
                carry.removeAll(keepingCapacity: true)
            }
            start = end + 1
        }
    }

    /// Hands out a last line that had no separator.
    mutating func finish(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard !carry.isEmpty else { return }
        carry.withUnsafeBufferPointer(body)
        carry.removeAll()
    }

    private func memchrIndex(_ pointer: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        guard let hit = memchr(pointer, separator, count) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(pointer)
    }
}
