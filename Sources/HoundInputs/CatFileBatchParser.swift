/// Reads `git cat-file --batch` output chunk by chunk: `<id> <type> <size>\n<content>\n` per
/// object, or `<id> missing\n`.
///
/// Content is assembled into one array per object (reserved to its announced size), so a blob
/// that spans many pipe reads is copied exactly once.
struct CatFileBatchParser {
    /// One object of the output.
    enum Object {
        /// An object and its content.
        case found(id: ObjectID, type: ArraySlice<UInt8>, content: [UInt8])
        /// An object the repository does not have.
        case missing(id: [UInt8])
        /// A header line that could not be read.
        case malformed([UInt8])
    }

    private var header: [UInt8] = []
    private var content: [UInt8] = []
    private var remaining = 0
    private var current: (id: ObjectID, type: ArraySlice<UInt8>)?
    private var skipsNewline = false

    /// Feeds a chunk; `body` receives each completed object.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Object) -> Void) {
        var index = 0
        while index < chunk.count {
            if skipsNewline {
                skipsNewline = false
                if chunk[index] == 0x0A {
                    index += 1
                    continue
                }
            }
            if current != nil {
                let take = min(remaining, chunk.count - index)
                content.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<(index + take)]))
                remaining -= take
                index += take
                if remaining == 0 { complete(body) }
                continue
            }
            // Header: up to the newline.
            guard let newline = chunk[index...].firstIndex(of: 0x0A) else {
                header.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index...]))
                return
            }
            header.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<newline]))
            index = newline + 1
            startObject(body)
        }
    }

    private mutating func startObject(_ body: (Object) -> Void) {
        defer { header.removeAll(keepingCapacity: true) }
        let fields = header.split(separator: 0x20)
        if fields.count == 2, fields[1].elementsEqual("missing".utf8) {
            body(.missing(id: Array(fields[0])))
            return
        }
        guard fields.count == 3, let id = ObjectID(hex: fields[0]),
            let size = Int(String(decoding: fields[2], as: UTF8.self)),
            size >= 0
        else {
            body(.malformed(header))
            return
        }
        current = (id, Array(fields[1])[...])
        remaining = size
        content = []
        content.reserveCapacity(size)
        if size == 0 { complete(body) }
    }

    private mutating func complete(_ body: (Object) -> Void) {
        guard let (id, type) = current else { return }
        current = nil
        skipsNewline = true
        let finished = content
        content = []
        body(.found(id: id, type: type, content: finished))
    }
}
