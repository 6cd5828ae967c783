@testable import HoundRegex

/// A deliberately naive, exponential backtracking matcher over `RegexNode` for small ASCII
/// inputs, following Go's priorities (leftmost start, then first alternative / greedy order).
/// Only valid where quantified bodies cannot match empty (the portable generator ensures it).
final class ReferenceBacktracker {
    let text: [UInt8]
    var captures: [Int]
    let root: RegexNode

    init(_ root: RegexNode, captureCount: Int, text: [UInt8]) {
        self.root = root
        self.text = text
        captures = [Int](repeating: -1, count: 2 * (captureCount + 1))
    }

    /// Go-style submatch spans of the first match, or nil.
    func firstMatch() -> [Int]? {
        for start in 0...text.count {
            for index in captures.indices { captures[index] = -1 }
            var end = -1
            if match(
                root, start,
                { position in
                    end = position
                    return true
                })
            {
                captures[0] = start
                captures[1] = end
                return captures
            }
        }
        return nil
    }

    private func match(_ node: RegexNode, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        switch node {
        case .empty:
            return next(position)
        case .literal(let rune, let foldCase):
            let set = foldCase ? RuneSet(rune: rune).caseFolded() : RuneSet(rune: rune)
            return matchSet(set, position, next)
        case .runeSet(let set):
            return matchSet(set, position, next)
        case .assertion(let assertion):
            let mask = text.withUnsafeBufferPointer { Look.mask(at: position, in: $0) }
            return mask & assertion.bit != 0 && next(position)
        case .capture(let index, _, let child):
            let saved = (captures[2 * index], captures[2 * index + 1])
            if match(
                child, position,
                { end in
                    let inner = self.captures[2 * index + 1]
                    let innerStart = self.captures[2 * index]
                    self.captures[2 * index] = position
                    self.captures[2 * index + 1] = end
                    if next(end) { return true }
                    self.captures[2 * index] = innerStart
                    self.captures[2 * index + 1] = inner
                    return false
                })
            {
                return true
            }
            captures[2 * index] = saved.0
            captures[2 * index + 1] = saved.1
            return false
        case .concat(let children):
            return matchSequence(children[...], position, next)
        case .alternation(let children):
            return children.contains { match($0, position, next) }
        case .repeating(let child, let min, let max, let greedy):
            return matchRepeat(child, min: min, max: max, greedy: greedy, count: 0, position, next)
        }
    }

    private func matchSet(_ set: RuneSet, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        position < text.count && text[position] < 0x80 && set.contains(UInt32(text[position])) && next(position + 1)
    }

    private func matchSequence(_ nodes: ArraySlice<RegexNode>, _ position: Int, _ next: (Int) -> Bool) -> Bool {
        guard let first = nodes.first else { return next(position) }
        return match(first, position) { self.matchSequence(nodes.dropFirst(), $0, next) }
    }

    private func matchRepeat(
        _ child: RegexNode, min: Int, max: Int?, greedy: Bool, count: Int, _ position: Int, _ next: (Int) -> Bool
    ) -> Bool {
        if count < min {
            return match(child, position) {
                self.matchRepeat(child, min: min, max: max, greedy: greedy, count: count + 1, $0, next)
            }
        }
        let canMore = max.map { count < $0 } ?? true
        func more() -> Bool {
            canMore
                && match(child, position) {
                    matchRepeat(child, min: min, max: max, greedy: greedy, count: count + 1, $0, next)
                }
        }
        return greedy ? (more() || next(position)) : (next(position) || more())
    }
}
