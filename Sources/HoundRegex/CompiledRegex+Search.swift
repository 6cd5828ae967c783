extension CompiledRegex {
    /// The leftmost-first match starting at or after `range.lowerBound` and ending at or before
    /// `range.upperBound`. Assertions (`^ $ \b \B \A \z`) see the real bytes outside `range`,
    /// so a window cut from a file behaves like the file.
    public func firstMatch(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> RegexMatch? {
        let range = clamped(range, count: text.count)
        return pool.withCache { cache in find(in: text, range: range, from: range.lowerBound, cache: cache) }
    }

    /// Every successive non-overlapping match in `range`, like Go's `FindAllSubmatchIndex`: after
    /// an empty match the search moves one rune on, and an empty match right after a previous
    /// match is skipped.
    public func allMatches(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [RegexMatch] {
        var matches: [RegexMatch] = []
        forEachMatch(in: text, ranges: [range]) { matches.append($0) }
        return matches
    }

    /// Calls `body` with every match of `allMatches(in:range:)` in each of `ranges`, in order,
    /// taking the search cache once for all of them (a keyword-gated rule searches many small
    /// windows of one file: taking it per window cost ~240 instructions each).
    /// (Not generic over the sequence of ranges: unspecialized, its iteration cost more than the
    /// cache it saves.)
    public func forEachMatch(in text: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], _ body: (RegexMatch) -> Void) {
        pool.withCache { cache in
            for range in ranges {
                let range = clamped(range, count: text.count)
                var position = range.lowerBound
                var previousEnd = -1
                while position <= range.upperBound {
                    guard let match = find(in: text, range: range, from: position, cache: cache) else { break }
                    var accept = true
                    if match.range.upperBound == position {
                        if match.range.lowerBound == previousEnd { accept = false }
                        if position < range.upperBound {
                            let width = ByteSets.sequenceLength(at: position, in: text)
                            position += width == 0 || position + width > range.upperBound ? 1 : width
                        } else {
                            position += 1
                        }
                    } else {
                        position = match.range.upperBound
                    }
                    previousEnd = match.range.upperBound
                    if accept { body(match) }
                }
            }
        }
    }

    /// Whether any match exists in `range`: DFA only, stopping at the first match seen.
    public func isMatch(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Bool {
        let range = clamped(range, count: text.count)
        return pool.withCache { cache in
            let outcome = cache.forward.forwardSearch(
                text, start: range.lowerBound, end: range.upperBound, anchored: false, earliest: true,
                accelerator: accelerator)
            switch outcome {
            case .match: return true
            case .noMatch: return false
            case .gaveUp:
                return cache.pike.search(
                    text, start: range.lowerBound, end: range.upperBound, anchored: false, earliest: true,
                    accelerator: accelerator)
            }
        }
    }

    /// The leftmost-first match at or after `start` within `range`.
    func find(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, from start: Int, cache: SearchCache)
        -> RegexMatch?
    {
        let forward = cache.forward.forwardSearch(
            text, start: start, end: range.upperBound, anchored: false, earliest: false, accelerator: accelerator)
        guard case .match(let end) = forward else {
            if forward == .noMatch { return nil }
            return pikeMatch(in: text, start: start, end: range.upperBound, anchored: false, cache: cache)
        }
        guard let matchStart = self.matchStart(in: text, from: start, end: end, cache: cache) else {
            return pikeMatch(in: text, start: start, end: range.upperBound, anchored: false, cache: cache)
        }
        if captureCount == 0 { return RegexMatch(groups: [matchStart..<end]) }
        return captures(in: text, start: matchStart, end: end, cache: cache)
            ?? pikeMatch(in: text, start: start, end: range.upperBound, anchored: false, cache: cache)
    }

    /// The groups of the match known to span `start..<end`: by bounded backtracking when the
    /// span is short enough, else by the Pike VM.
    func captures(in text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, cache: SearchCache) -> RegexMatch? {
        let backtracker = cache.backtracker
        guard backtracker.fits(start: start, end: end) else {
            return pikeMatch(in: text, start: start, end: end, anchored: true, cache: cache)
        }
        guard backtracker.search(text, start: start, end: end) else { return nil }
        return match(slots: backtracker.bestSlots)
    }

    /// Where the leftmost-first match that ends at `end` starts (at or after `start`): the
    /// reverse DFA's answer, or, once that DFA proved too costly, the first possible start from
    /// which an anchored forward search matches (no match starts before the leftmost one, so the
    /// first that matches is it). Nil sends the caller to the Pike VM.
    private func matchStart(in text: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, cache: SearchCache)
        -> Int?
    {
        guard let reverse = cache.reverse else { return nil }
        if !cache.skipsReverse {
            defer { cache.skipsReverse = reverse.buildsTooManyStates }
            guard case .match(let matchStart) = reverse.reverseSearch(text, end: end, floor: start) else { return nil }
            return matchStart
        }
        // The attempts may read a few times what the Pike VM would, never more: each one can
        // run far before it fails, and some patterns let every byte start one.
        var budget = Self.startSearchBudget * (end - start) + 4096
        var position = start
        while budget > 0 {
            guard let candidate = accelerator.nextCandidate(in: text, from: position, end: end) else { return nil }
            if ByteSets.isRuneBoundary(candidate, floor: start, in: text) {
                let outcome = cache.forward.forwardSearch(
                    text, start: candidate, end: end, anchored: true, earliest: true, accelerator: accelerator)
                switch outcome {
                case .match: return candidate
                case .noMatch: budget -= cache.forward.lastSearchEnd - candidate + 16
                case .gaveUp: return nil
                }
            }
            position = candidate + 1
        }
        return nil
    }

    /// How many times the span searched the anchored start attempts may read in all before the
    /// Pike VM takes over.
    static let startSearchBudget = 4

    /// Runs the Pike VM and converts its slots to a match.
    func pikeMatch(in text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, anchored: Bool, cache: SearchCache)
        -> RegexMatch?
    {
        let pike = cache.pike
        guard pike.search(text, start: start, end: end, anchored: anchored, accelerator: accelerator) else {
            return nil
        }
        return match(slots: pike.bestSlots)
    }

    /// A match from capture slots (two per group, `-1` unset); nil when group 0 is unset.
    private func match(slots: [Int]) -> RegexMatch? {
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount + 1)
        for group in 0...captureCount {
            let low = slots[2 * group]
            let high = slots[2 * group + 1]
            groups.append(low >= 0 && high >= low ? low..<high : nil)
        }
        return groups[0] == nil ? nil : RegexMatch(groups: groups)
    }

    private func clamped(_ range: Range<Int>, count: Int) -> Range<Int> {
        let low = min(max(range.lowerBound, 0), count)
        return low..<min(max(range.upperBound, low), count)
    }
}

extension CompiledRegex {
    /// The first match in `bytes` (offsets are byte offsets).
    public func firstMatch(in bytes: [UInt8]) -> RegexMatch? {
        bytes.withUnsafeBufferPointer { firstMatch(in: $0, range: 0..<$0.count) }
    }

    /// The first match in the UTF-8 of `string` (offsets are UTF-8 byte offsets).
    public func firstMatch(in string: String) -> RegexMatch? {
        firstMatch(in: Array(string.utf8))
    }

    /// Every match in `bytes`.
    public func allMatches(in bytes: [UInt8]) -> [RegexMatch] {
        bytes.withUnsafeBufferPointer { allMatches(in: $0, range: 0..<$0.count) }
    }

    /// Every match in the UTF-8 of `string`.
    public func allMatches(in string: String) -> [RegexMatch] {
        allMatches(in: Array(string.utf8))
    }

    /// Whether `bytes` contains a match.
    public func isMatch(in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isMatch(in: $0, range: 0..<$0.count) }
    }

    /// Whether the UTF-8 of `string` contains a match.
    public func isMatch(in string: String) -> Bool {
        isMatch(in: Array(string.utf8))
    }
}
