extension RuneSet {
    /// This set closed under simple case folding: `[a-c]` becomes `[a-cA-C]`, `k` gains `K` and
    /// the Kelvin sign, as Go's `(?i)` does.
    func caseFolded() -> RuneSet {
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
    /// `s`/`S` the long s, the only non-ASCII members of ASCII case orbits.
    private func asciiCaseFolded() -> RuneSet {
        var extra: [(UInt32, UInt32)] = []
        for range in ranges {
            for (low, high, delta) in [(UInt32(0x41), UInt32(0x5A), Int64(0x20)), (0x61, 0x7A, -0x20)] {
                let lo = Swift.max(range.lowerBound, low)
                let hi = Swift.min(range.upperBound, high)
                if lo <= hi { extra.append((UInt32(Int64(lo) + delta), UInt32(Int64(hi) + delta))) }
            }
        }
        guard !extra.isEmpty else { return self }
        var result = RuneSet(pairs: extra + ranges.map { ($0.lowerBound, $0.upperBound) })
        if result.contains(0x6B) { result.insert(0x212A, 0x212A) }
        if result.contains(0x73) { result.insert(0x17F, 0x17F) }
        return result
    }
}
