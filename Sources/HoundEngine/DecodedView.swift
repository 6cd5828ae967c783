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
    /// The line's bytes before the encoded value (`NAME = "`, `"key": `), which lead ``bytes``
    /// so a rule that needs a keyword on the line sees it: per byte, its offset in the
    /// enclosing fragment (empty: no context).
    var contextSources: [Int] = []

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

    /// How many leading bytes of ``bytes`` are the line's context rather than decoded bytes.
    var contextCount: Int { contextSources.count }

    /// Whether `inner` (a range of ``bytes``) reaches into the decoded bytes: what lies in the
    /// context alone is the enclosing fragment's own text, which its scan already judged.
    func reachesDecoded(_ inner: Range<Int>) -> Bool { inner.upperBound > contextSources.count }

    /// Puts the bytes of `buffer` at `sources` (the line before the encoded value) in front of
    /// the decoded bytes.
    mutating func prependContext(_ buffer: UnsafeBufferPointer<UInt8>, sources: [Int]) {
        guard contextSources.isEmpty, !sources.isEmpty else { return }
        bytes = sources.map { buffer[$0] } + bytes
        contextSources = sources
    }

    /// The bytes of the enclosing fragment that produced `inner` (a range of ``bytes``): context
    /// bytes map to themselves, decoded ones as the decoder says.
    func outerRange(_ inner: Range<Int>) -> Range<Int> {
        let c = contextSources.count
        guard c > 0 else { return decodedOuterRange(inner) }
        let decoded = decodedOuterRange(max(0, inner.lowerBound - c)..<max(0, inner.upperBound - c))
        let lower = inner.lowerBound < c ? contextSources[inner.lowerBound] : decoded.lowerBound
        let upper =
            inner.upperBound > c ? decoded.upperBound : inner.upperBound > 0 ? contextSources[inner.upperBound - 1] + 1 : lower
        return lower..<max(lower, upper)
    }

    /// The bytes of the enclosing fragment that produced `inner`, a range of the decoded bytes.
    private func decodedOuterRange(_ inner: Range<Int>) -> Range<Int> {
        guard let starts = sourceStarts, let ends = sourceEnds, !inner.isEmpty, inner.upperBound <= starts.count else {
            return span
        }
        return starts[inner.lowerBound]..<ends[inner.upperBound - 1]
    }
}

/// The line context of an encoded value: the bytes of its line before it.
enum LineContext {
    /// Bytes of the line, before the value, a view carries at most (a keyword sits close to
    /// its value in every rule).
    static let reach = 256

    /// The offsets of the bytes before `valueStart` on its line (at most ``reach`` of them),
    /// without an encoding suffix of the key (`SENDBIRD_API_TOKEN_B64=`, `tokenBase64:`): the
    /// decoded value is what the key without it names.
    static func sources(_ bytes: UnsafeBufferPointer<UInt8>, valueStart: Int) -> [Int] {
        var start = valueStart
        while start > 0, valueStart - start < reach, bytes[start - 1] != 0x0A { start -= 1 }
        guard start < valueStart else { return [] }
        // The key: the last word before the separator and quotes.
        var keyEnd = valueStart
        while keyEnd > start, !isWord(bytes[keyEnd - 1]) { keyEnd -= 1 }
        var skip = keyEnd..<keyEnd
        for suffix in suffixes where keyEnd - start >= suffix.count {
            let from = keyEnd - suffix.count
            guard (0..<suffix.count).allSatisfy({ bytes[from + $0] | 0x20 == suffix[$0] }) else { continue }
            var lower = from
            if lower > start, [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ".")].contains(bytes[lower - 1]) { lower -= 1 }
            skip = lower..<keyEnd
            break
        }
        return (start..<valueStart).filter { !skip.contains($0) }
    }

    /// Key suffixes that say the value is encoded, lowercase, longest first.
    static let suffixes: [[UInt8]] = [Array("base64".utf8), Array("b64".utf8)]

    @inline(__always) static func isWord(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E
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
