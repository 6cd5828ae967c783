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

    /// Flushes per search tolerated before giving up.
    static let maxFlushes = 4

    /// Runs left to right from `start`, never consuming at or past `end`; returns the end of the
    /// leftmost-first match (or of the first match seen, with `earliest`).
    func forwardSearch(
        _ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, anchored: Bool, earliest: Bool,
        accelerator: StartAccelerator
    ) -> Outcome {
        flushesThisSearch = 0
        let classOf = program.classes.classOf
        let accelerate = accelerator.isActive && !anchored
        var lastMatch = -1
        var position = start
        var state = startState(anchored: anchored, look: lookBefore(start, in: text))
        while position < end {
            if accelerate && flags[Int(state)] & LazyDFA.startLoopFlag != 0 {
                guard let candidate = accelerator.nextCandidate(in: text, from: position, end: end) else {
                    return lastMatch >= 0 ? .match(lastMatch) : .noMatch
                }
                if candidate != position {
                    position = candidate
                    state = startState(anchored: false, look: lookBefore(position, in: text))
                }
            }
            let symbolClass = Int(classOf[ByteSets.symbol(at: position, in: text)])
            var next = transitions[Int(state) * stride + symbolClass]
            if next == LazyDFA.unknown {
                next = computeTransition(state, symbolClass)
                if flushesThisSearch > LazyDFA.maxFlushes { return .gaveUp }
            }
            state = next
            position += 1
            let flag = flags[Int(state)]
            if flag != 0 {
                if flag & LazyDFA.matchFlag != 0 {
                    lastMatch = position - 1
                    if earliest { return .match(lastMatch) }
                }
                if flag & LazyDFA.deadFlag != 0 {
                    return lastMatch >= 0 ? .match(lastMatch) : .noMatch
                }
            }
        }
        // A match may end exactly at `end`: look at the real symbol there without consuming it.
        let symbolClass = Int(classOf[ByteSets.symbolOrEdge(at: end, in: text)])
        var final = transitions[Int(state) * stride + symbolClass]
        if final == LazyDFA.unknown { final = computeTransition(state, symbolClass) }
        if flags[Int(final)] & LazyDFA.matchFlag != 0 { lastMatch = end }
        return lastMatch >= 0 ? .match(lastMatch) : .noMatch
    }

    /// Runs right to left from `end` down to `floor` with the reverse program, anchored at `end`,
    /// and returns the leftmost rune-boundary position where a match can start.
    func reverseSearch(_ text: UnsafeBufferPointer<UInt8>, end: Int, floor: Int) -> Outcome {
        flushesThisSearch = 0
        let classOf = program.classes.classOf
        var best = -1
        var position = end
        var state = startState(anchored: true, look: end < text.count ? Look.byteLook(text[end]) : Look.edge)
        while position > floor {
            let symbolClass = Int(classOf[ByteSets.symbol(at: position - 1, in: text)])
            var next = transitions[Int(state) * stride + symbolClass]
            if next == LazyDFA.unknown {
                next = computeTransition(state, symbolClass)
                if flushesThisSearch > LazyDFA.maxFlushes { return .gaveUp }
            }
            state = next
            position -= 1
            let flag = flags[Int(state)]
            if flag & LazyDFA.matchFlag != 0 && ByteSets.isRuneBoundary(position + 1, floor: floor, in: text) {
                best = position + 1
            }
            if flag & LazyDFA.deadFlag != 0 { return best >= 0 ? .match(best) : .noMatch }
        }
        let symbolClass = Int(classOf[ByteSets.symbolOrEdge(at: floor - 1, in: text)])
        var final = transitions[Int(state) * stride + symbolClass]
        if final == LazyDFA.unknown { final = computeTransition(state, symbolClass) }
        if flags[Int(final)] & LazyDFA.matchFlag != 0 { best = floor }
        return best >= 0 ? .match(best) : .noMatch
    }

    /// The look of the byte before `position` (edge at 0).
    @inline(__always)
    private func lookBefore(_ position: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt8 {
        position > 0 ? Look.byteLook(text[position - 1]) : Look.edge
    }
}
