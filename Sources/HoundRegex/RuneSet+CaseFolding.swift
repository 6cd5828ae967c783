extension RuneSet {
    /// Each ASCII rune's set closed under case folding, by rune.
    private static let asciiRuneFolds: [RuneSet] = (0..<0x80).map { RuneSet(rune: $0).asciiCaseFolded() }

    /// This set closed under simple case folding: `[a-c]` becomes `[a-cA-C]`, `k` gains `K` and
    /// the Kelvin sign, as Go's `(?i)` does.
    func caseFolded() -> RuneSet {
        // A case-insensitive literal is one ASCII rune far more often than anything else: its
        // folding is looked up, not worked out (and allocated) again for every literal.
        if let rune = singleRune, rune < 0x80 { return Self.asciiRuneFolds[Int(rune)] }
        if isASCIIOnly { return asciiCaseFolded() }
        let table = UnicodeTables.foldNext
        var extra: [(UInt32, UInt32)] = []
        for range in ranges {
            var index = UnicodeTables.foldLowerBound(range.lowerBound)
            while index < table.count, table[index].rune <= range.upperBound {
                extra.append((table[index].next, table[index].next))
                index += 1
            }
        }
        guard !extra.isEmpty else { return self }
        // One step along each orbit is enough only for orbits of two; close the rest.
        var result = union(RuneSet(pairs: extra))
        var frontier = extra.map(\.0)
        while !frontier.isEmpty {
            var added: [UInt32] = []
            for rune in frontier {
                for partner in UnicodeTables.foldPartners(of: rune) where !result.contains(partner) {
                    added.append(partner)
                }
            }
            if added.isEmpty { break }
            result.formUnion(RuneSet(pairs: added.map { ($0, $0) }))
            frontier = added
        }
        return result
    }

    /// Fast path for ASCII sets: swap the case of letters; `k`/`K` add the Kelvin sign and
    /// `s`/`S` the long s, the only non-ASCII members of ASCII case orbits. Reads the bounds in
    /// place (a rule set's `(?i)` literals fold ten thousand sets: building `ranges` and a table
    /// per range was a third of compiling its regexes).
    private func asciiCaseFolded() -> RuneSet {
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity(bounds.count + 2)
        var changed = false
        var i = 0
        while i + 1 < bounds.count {
            let (lo, hi) = (bounds[i], bounds[i + 1])
            pairs.append((lo, hi))
            // Upper-case letters gain their lower case, and the other way round.
            let (upperLo, upperHi) = (Swift.max(lo, 0x41), Swift.min(hi, 0x5A))
            if upperLo <= upperHi {
                pairs.append((upperLo + 0x20, upperHi + 0x20))
                changed = true
            }
            let (lowerLo, lowerHi) = (Swift.max(lo, 0x61), Swift.min(hi, 0x7A))
            if lowerLo <= lowerHi {
                pairs.append((lowerLo - 0x20, lowerHi - 0x20))
                changed = true
            }
            i += 2
        }
        guard changed else { return self }
        // One normalization: the Kelvin sign and the long s join before it.
        if pairs.contains(where: { $0.0 <= 0x6B && 0x6B <= $0.1 }) { pairs.append((0x212A, 0x212A)) }
        if pairs.contains(where: { $0.0 <= 0x73 && 0x73 <= $0.1 }) { pairs.append((0x17F, 0x17F)) }
        return RuneSet(pairs: pairs)
    }
}
