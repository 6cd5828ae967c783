/// Bytes decoded from part of a fragment (a base64 value, a percent-encoded URL, an escaped JSON
/// string, string literals joined across lines), with the way back: what the scanner finds in
/// them is reported at the encoded bytes, and says how they were decoded.
struct DecodedView {
    /// The decoded bytes, scanned as a fragment of their own.
    var bytes: [UInt8]
    /// The encoded bytes in the enclosing fragment.
    var span: Range<Int>
    /// For exact decoders, per decoded byte, where its source starts and ends in the enclosing
    /// fragment (an escape, a percent triplet, one character of a literal); nil when any part of
    /// the decoded bytes maps to the whole `span` (base64: a secret inside it is somewhere there).
    var sourceStarts: [Int]?
    var sourceEnds: [Int]?
    /// How the bytes were decoded, for a finding's notes (`decoded from base64`).
    var note: String

    /// A view whose every decoded byte maps to the whole `span`.
    init(bytes: [UInt8], span: Range<Int>, note: String) {
        self.bytes = bytes
        self.span = span
        self.note = note
    }

    /// A view that maps each decoded byte to its source.
    init(bytes: [UInt8], sourceStarts: [Int], sourceEnds: [Int], note: String) {
        self.bytes = bytes
        self.sourceStarts = sourceStarts
        self.sourceEnds = sourceEnds
        span = (sourceStarts.first ?? 0)..<(sourceEnds.last ?? 0)
        self.note = note
    }

    /// Whether decoded ranges map back byte for byte.
    var isExact: Bool { sourceStarts != nil }

    /// The bytes of the enclosing fragment that produced `inner` (a range of ``bytes``).
    func outerRange(_ inner: Range<Int>) -> Range<Int> {
        guard let starts = sourceStarts, let ends = sourceEnds, !inner.isEmpty, inner.upperBound <= starts.count else {
            return span
        }
        return starts[inner.lowerBound]..<ends[inner.upperBound - 1]
    }
}

/// Accumulates a decoded view byte by byte with each byte's source.
struct DecodedViewBuilder {
    var bytes: [UInt8] = []
    var starts: [Int] = []
    var ends: [Int] = []
    /// Whether any byte differs from its source (an escape or a join was decoded).
    var changed = false

    /// An empty builder.
    init() {}

    /// An empty builder with room for `capacity` bytes (a decoder that knows its input's size
    /// grows its three arrays once, not a dozen times).
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        starts.reserveCapacity(capacity)
        ends.reserveCapacity(capacity)
    }

    /// Appends `byte`, produced by `source` in the enclosing fragment.
    mutating func append(_ byte: UInt8, from source: Range<Int>) {
        bytes.append(byte)
        starts.append(source.lowerBound)
        ends.append(source.upperBound)
        if source.count != 1 { changed = true }
    }

    /// Appends `range` of `buffer` as it is, each byte its own source: one copy per run between
    /// escapes rather than three appends per byte.
    mutating func appendVerbatim(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
        starts.append(contentsOf: range)
        ends.append(contentsOf: (range.lowerBound + 1)..<(range.upperBound + 1))
    }

    /// Appends the UTF-8 encoding of `scalar`, every byte produced by `source`.
    mutating func append(scalar: UInt32, from source: Range<Int>) {
        guard let s = Unicode.Scalar(scalar) else { return }
        for b in String(Character(s)).utf8 { append(b, from: source) }
        changed = true
    }

    /// The view, when something was decoded.
    func view(note: String) -> DecodedView? {
        guard changed, !bytes.isEmpty else { return nil }
        return DecodedView(bytes: bytes, sourceStarts: starts, sourceEnds: ends, note: note)
    }
}
