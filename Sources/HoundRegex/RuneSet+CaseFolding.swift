extension RuneSet {
    /// This set closed under simple case folding: `[a-c]` becomes `[a-cA-C]`, `k` gains `K` and
    /// the Kelvin sign, as Go's `(?i)` does.
    func caseFolded() -> RuneSet {
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
}
