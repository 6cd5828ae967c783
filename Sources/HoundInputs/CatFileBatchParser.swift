#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads `git cat-file --batch` output chunk by chunk: `<id> <type> <size>\n<content>\n` per
/// object, or `<name> missing\n`.
///
/// Content is sorted as it arrives, never buffered beyond need: a blob above `maximumSize` is
/// passed over unread, and one whose first `probeLength` bytes hold a NUL (binary) is dropped
/// from that point on. A kept blob is assembled into one array reserved to its announced size,
/// so a blob that spans many pipe reads is copied exactly once. UTF-16 text with a byte-order
/// mark is transcoded to UTF-8 (see ``UTF16Text``).
struct CatFileBatchParser {
    /// One object of the output.
    enum Object: Equatable {
        /// A text blob within the size limit, and its content.
        case found(id: ObjectID, content: [UInt8])
        /// A blob whose first bytes hold a NUL: skipped.
        case binary(id: ObjectID)
        /// A blob above the size limit: its content was passed over.
        case oversized(id: ObjectID, size: Int)
        /// A name the repository has no (readable) object for.
        case missing(name: [UInt8])
        /// An object that is not a blob: its content was passed over.
        case notBlob(id: ObjectID)
        /// A header line that could not be read: the rest of the output cannot be trusted.
        case malformed(header: [UInt8])
    }

    /// What happens to the content of the object being read.
    private enum Disposition {
        /// Not decided yet: the first `probeLength` bytes are being collected.
        case probing
        /// Collected in full.
        case keep
        /// Collected in full, then transcoded from UTF-16.
        case transcode
        /// Passed over; the object is reported as `outcome` once its bytes have gone by.
        case discard(Object)

        var isProbing: Bool {
            if case .probing = self { return true }
            return false
        }
    }

    /// Blobs above this many bytes are passed over.
    let maximumSize: Int
    /// How many leading bytes decide whether a blob is binary.
    let probeLength: Int

    private var header: [UInt8] = []
    private var content: [UInt8] = []
    private var remaining = 0
    private var current: ObjectID?
    private var disposition = Disposition.probing
    private var skipsNewline = false

    /// A parser that passes over blobs above `maximumSize` and probes `probeLength` bytes.
    init(maximumSize: Int = .max, probeLength: Int = 8000) {
        self.maximumSize = maximumSize
        self.probeLength = max(1, probeLength)
    }

    /// The object whose content was being read when the output stopped, if any: after a
    /// `cat-file` that died mid-object, the one it could not read.
    var unfinished: ObjectID? { current }

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
                consume(UnsafeBufferPointer(rebasing: chunk[index..<(index + take)]))
                remaining -= take
                index += take
                if disposition.isProbing, content.count >= probeLength { decide() }
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

    private mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch disposition {
        case .discard: break
        case .probing, .keep, .transcode: content.append(contentsOf: bytes)
        }
    }

    private mutating func startObject(_ body: (Object) -> Void) {
        defer { header.removeAll(keepingCapacity: true) }
        let fields = header.split(separator: 0x20)
        if fields.count == 2, fields[1].elementsEqual("missing".utf8) {
            body(.missing(name: Array(fields[0])))
            return
        }
        guard fields.count == 3, let id = ObjectID(hex: fields[0]), let size = Self.decimal(fields[2]) else {
            body(.malformed(header: header))
            return
        }
        current = id
        remaining = size
        content = []
        if !fields[1].elementsEqual("blob".utf8) {
            disposition = .discard(.notBlob(id: id))
        } else if size > maximumSize {
            disposition = .discard(.oversized(id: id, size: size))
        } else {
            disposition = .probing
            content.reserveCapacity(size)
        }
        if size == 0 { complete(body) }
    }

    /// Sorts a blob on its first bytes: UTF-16 with a byte-order mark, binary, or text.
    private mutating func decide() {
        guard let id = current else { return }
        let probed = content.prefix(probeLength)
        guard Self.holdsNUL(probed) else {
            disposition = .keep
            return
        }
        if probed.count >= 2, (probed[0] == 0xFF && probed[1] == 0xFE) || (probed[0] == 0xFE && probed[1] == 0xFF) {
            disposition = .transcode
        } else {
            disposition = .discard(.binary(id: id))
            content = []
        }
    }

    private mutating func complete(_ body: (Object) -> Void) {
        guard let id = current else { return }
        if disposition.isProbing { decide() }
        current = nil
        skipsNewline = true
        let finished = content
        content = []
        switch disposition {
        case .discard(let outcome):
            body(outcome)
        case .probing, .keep:
            body(.found(id: id, content: finished))
        case .transcode:
            let text = UTF16Text.utf8(fromBOM: finished, probe: probeLength) ?? finished
            body(Self.holdsNUL(text.prefix(probeLength)) ? .binary(id: id) : .found(id: id, content: text))
        }
        disposition = .probing
    }

    /// Whether `bytes` hold a NUL (`memchr`: this runs over the first bytes of every blob).
    private static func holdsNUL(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return false }
            return memchr(base, 0, raw.count) != nil
        }
    }

    /// A non-negative decimal, nil for anything else.
    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }
}
