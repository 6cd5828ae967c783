extension LazyDFA {
    /// Result of a DFA search.
    enum Outcome: Equatable {
        /// No match in the searched span.
        case noMatch
        /// The match ends (forward) or starts (reverse) at this position.
        case match(Int)
        /// The cache thrashed; use the Pike VM instead.
        case gaveUp
    }

    /// Flushes per search tolerated before the search may give up.
    static let maxFlushes = 4
    /// Bytes a search must scan per flush, on average, to keep going past `maxFlushes`.
    static let minBytesPerFlush = 64 << 10

    /// Whether the cache is thrashing: many flushes for few bytes scanned.
    @inline(__always)
    func isThrashing(scanned: Int) -> Bool {
        flushesThisSearch > LazyDFA.maxFlushes && scanned < flushesThisSearch * LazyDFA.minBytesPerFlush
    }

    /// Runs left to right from `start`, never consuming at or past `end`; returns the end of the
    /// leftmost-first match (or of the first match seen, with `earliest`).
    func forwardSearch(
        _ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, anchored: Bool, earliest: Bool,
        accelerator: StartAccelerator
    ) -> Outcome {
        flushesThisSearch = 0
        return program.classes.classOf.withUnsafeBufferPointer { classOf in
            forwardLoop(
                text, start: start, end: end, anchored: anchored, earliest: earliest, accelerator: accelerator,
                classOf: classOf)
        }
    }

    private func forwardLoop(
        _ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, anchored: Bool, earliest: Bool,
        accelerator: StartAccelerator, classOf: UnsafeBufferPointer<UInt16>
    ) -> Outcome {
        let accelerate = tagsStartLoop && !anchored
        var lastMatch = -1
        var position = start
        defer { lastSearchEnd = position }
        var current = row(startState(anchored: anchored, look: lookBefore(start, in: text)))
        if accelerate && flags[Int(state(atRow: current))] & LazyDFA.startLoopFlag != 0 {
            guard let candidate = accelerator.nextCandidate(in: text, from: position, end: end) else { return .noMatch }
            if candidate != position {
                position = candidate
                current = row(startState(anchored: false, look: lookBefore(position, in: text)))
            }
        }
        var table = transitions
        while position < end {
            let symbolClass = Int(classOf[ByteSets.symbol(at: position, in: text)])
            var entry = table[current &+ symbolClass]
            position &+= 1
            if entry & LazyDFA.tagMask != 0 {
                if entry < 0 {
                    entry = computeTransition(state(atRow: current), symbolClass)
                    if isThrashing(scanned: position - start) { return .gaveUp }
                    table = transitions
                }
                current = Int(entry & ~LazyDFA.tagMask)
                if entry & LazyDFA.matchTag != 0 {
                    lastMatch = position &- 1
                    if earliest { return .match(lastMatch) }
                }
                if entry & LazyDFA.specialTag != 0 {
                    let flag = flags[Int(state(atRow: current))]
                    if flag & LazyDFA.deadFlag != 0 { return lastMatch >= 0 ? .match(lastMatch) : .noMatch }
                    if flag & LazyDFA.startLoopFlag != 0 && accelerate {
                        guard let candidate = accelerator.nextCandidate(in: text, from: position, end: end) else {
                            return lastMatch >= 0 ? .match(lastMatch) : .noMatch
                        }
                        if candidate != position {
                            position = candidate
                            current = row(startState(anchored: false, look: lookBefore(position, in: text)))
                            table = transitions
                        }
                    }
                }
            } else {
                current = Int(entry)
            }
        }
        // A match may end exactly at `end`: look at the real symbol there without consuming it.
        let symbolClass = Int(classOf[ByteSets.symbolOrEdge(at: end, in: text)])
        var final = table[current + symbolClass]
        if final < 0 { final = computeTransition(state(atRow: current), symbolClass) }
        if final >= 0 && final & LazyDFA.matchTag != 0 { lastMatch = end }
        return lastMatch >= 0 ? .match(lastMatch) : .noMatch
    }

    /// Transitions computed before `buildsTooManyStates` may say yes.
    static let warmTransitions = 1024
    /// Bytes read per computed transition below which a DFA is not worth its cache.
    static let minBytesPerTransition = 16

    /// Whether this (reverse) DFA computes a new transition every few bytes it reads: counted
    /// repetitions reversed (`[\w ]{1,40}?` next to `[0-9a-z]{15,}`) can make nearly every
    /// search build states no other search reuses, each costing thousands of instructions.
    var buildsTooManyStates: Bool {
        computedTransitions >= LazyDFA.warmTransitions
            && computedTransitions * LazyDFA.minBytesPerTransition > reverseBytesRead
    }

    /// Runs right to left from `end` down to `floor` with the reverse program, anchored at `end`,
    /// and returns the leftmost rune-boundary position where a match can start.
    func reverseSearch(_ text: UnsafeBufferPointer<UInt8>, end: Int, floor: Int) -> Outcome {
        flushesThisSearch = 0
        return program.classes.classOf.withUnsafeBufferPointer { classOf in
            reverseLoop(text, end: end, floor: floor, classOf: classOf)
        }
    }

    private func reverseLoop(
        _ text: UnsafeBufferPointer<UInt8>, end: Int, floor: Int, classOf: UnsafeBufferPointer<UInt16>
    )
        -> Outcome
    {
        var best = -1
        var position = end
        defer { reverseBytesRead &+= end - position }
        var current = row(startState(anchored: true, look: end < text.count ? Look.byteLook(text[end]) : Look.edge))
        var table = transitions
        while position > floor {
            let symbolClass = Int(classOf[ByteSets.symbol(at: position &- 1, in: text)])
            var entry = table[current &+ symbolClass]
            position &-= 1
            if entry & LazyDFA.tagMask != 0 {
                if entry < 0 {
                    entry = computeTransition(state(atRow: current), symbolClass)
                    if isThrashing(scanned: end - position) { return .gaveUp }
                    table = transitions
                }
                current = Int(entry & ~LazyDFA.tagMask)
                if entry & LazyDFA.matchTag != 0 && ByteSets.isRuneBoundary(position + 1, floor: floor, in: text) {
                    best = position + 1
                }
                if entry & LazyDFA.specialTag != 0 && flags[Int(state(atRow: current))] & LazyDFA.deadFlag != 0 {
                    return best >= 0 ? .match(best) : .noMatch
                }
            } else {
                current = Int(entry)
            }
        }
        let symbolClass = Int(classOf[ByteSets.symbolOrEdge(at: floor - 1, in: text)])
        var final = table[current + symbolClass]
        if final < 0 { final = computeTransition(state(atRow: current), symbolClass) }
        if final >= 0 && final & LazyDFA.matchTag != 0 { best = floor }
        return best >= 0 ? .match(best) : .noMatch
    }

    /// The look of the byte before `position` (edge at 0).
    @inline(__always)
    private func lookBefore(_ position: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt8 {
        position > 0 ? Look.byteLook(text[position - 1]) : Look.edge
    }
}
