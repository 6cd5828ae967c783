#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds where a match could begin when no attempt is under way, so the forward DFA can skip
/// over text that cannot start a match: `memmem` for a literal prefix, `memchr` for a single
/// possible first byte, a byte table for a few.
struct StartAccelerator: Sendable {
    /// How candidates are found.
    enum Kind: Sendable {
        /// No acceleration.
        case none
        /// Every match starts with this byte.
        case byte(UInt8)
        /// Every match starts with one of the bytes marked true.
        case byteSet([Bool])
        /// Every match has one of the bytes marked true `offset` bytes after its start (a rarer
        /// byte than the first, e.g. the `k` of `(?i)akia`).
        case byteSetAt([Bool], offset: Int)
        /// Every match starts with these bytes; `rare` indexes the byte searched with `memchr`.
        case literal([UInt8], rare: Int)
    }

    /// The strategy.
    let kind: Kind

    /// Most distinct first bytes worth a table scan.
    static let maxTableBytes = 24

    /// A strategy from a literal prefix (case-sensitive, at least 2 bytes) or the set of
    /// possible first symbols; only bytes that can never sit inside a UTF-8 sequence are used,
    /// so a candidate is always a rune boundary.
    init(literalPrefix: [UInt8], prefixByteSets: [[Bool]] = [], firstSymbols: [Bool]?) {
        if literalPrefix.count >= 2, literalPrefix[0] & 0xC0 != 0x80 {
            kind = .literal(literalPrefix, rare: ByteCommonness.rarestIndex(in: literalPrefix))
            return
        }
        let scored = prefixByteSets.enumerated().map { offset, set in
            (
                offset: offset, set: set,
                score: (0..<256).reduce(0) { $0 + (set[$1] ? ByteCommonness.of(UInt8($1)) : 0) }
            )
        }
        if let best = scored.min(by: { $0.score < $1.score }), best.offset > 0,
            best.score < scored[0].score, !(0x80..<0xC0).contains(where: { best.set[$0] })
        {
            kind = .byteSetAt(best.set, offset: best.offset)
            return
        }
        guard let firstSymbols, !firstSymbols[ByteSets.invalidLead] else {
            kind = .none
            return
        }
        let bytes = (0..<256).filter { firstSymbols[$0] }
        if bytes.isEmpty || bytes.count > StartAccelerator.maxTableBytes || bytes.contains(where: { $0 & 0xC0 == 0x80 })
        {
            kind = .none
        } else if bytes.count == 1 {
            kind = .byte(UInt8(bytes[0]))
        } else {
            kind = .byteSet(Array(firstSymbols[0..<256]))
        }
    }

    /// Whether there is a strategy at all.
    var isActive: Bool {
        if case .none = kind { return false }
        return true
    }

    /// The first candidate position in `from..<end`, or nil if none.
    func nextCandidate(in text: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        guard from < end, let base = text.baseAddress else { return nil }
        switch kind {
        case .none:
            return from
        case .byte(let byte):
            guard let found = memchr(base + from, Int32(byte), end - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        case .byteSet(let table):
            return table.withUnsafeBufferPointer { table in
                var position = from
                while position < end {
                    if table[Int(base[position])] { return position }
                    position += 1
                }
                return nil
            }
        case .byteSetAt(let table, let offset):
            return table.withUnsafeBufferPointer { table in
                var position = from + offset
                while position < end {
                    if table[Int(base[position])] { return position - offset }
                    position += 1
                }
                return nil
            }
        case .literal(let literal, let rare):
            let needle = literal[rare]
            var position = from + rare
            let last = end - literal.count + rare  // last position of the rare byte that still fits
            while position <= last {
                guard let found = memchr(base + position, Int32(needle), last + 1 - position) else { return nil }
                let hit = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let candidate = hit - rare
                if memcmp(base + candidate, literal, literal.count) == 0 { return candidate }
                position = hit + 1
            }
            return nil
        }
    }
}
