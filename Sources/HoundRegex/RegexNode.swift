/// The parsed form of a pattern: what the parser produces and the compiler consumes.
///
/// Flags are already applied: case-insensitive literals carry `foldCase`, classes are already
/// folded, `.` is already the right rune set for `(?s)`, and `^`/`$` already chose text or line.
indirect enum RegexNode: Sendable, Equatable {
    /// Matches the empty string.
    case empty
    /// One rune; with `foldCase`, any rune of its case orbit.
    case literal(UInt32, foldCase: Bool)
    /// One rune from the set.
    case runeSet(RuneSet)
    /// A zero-width assertion.
    case assertion(Assertion)
    /// Capture group `index` (1-based), optionally named.
    case capture(index: Int, name: String?, RegexNode)
    /// `min...max` repetitions (`max == nil`: unbounded); `greedy` prefers more.
    case repeating(RegexNode, min: Int, max: Int?, greedy: Bool)
    /// Children in sequence.
    case concat([RegexNode])
    /// Alternatives, leftmost preferred.
    case alternation([RegexNode])
}

/// Zero-width assertions of RE2 syntax; word characters are ASCII `[0-9A-Za-z_]`.
enum Assertion: UInt8, Sendable, Equatable {
    /// `\A`, or `^` without `(?m)`: position 0 of the buffer.
    case beginText
    /// `\z`, or `$` without `(?m)`: end of the buffer.
    case endText
    /// `^` with `(?m)`: start of buffer or after `\n`.
    case beginLine
    /// `$` with `(?m)`: end of buffer or before `\n`.
    case endLine
    /// `\b`.
    case wordBoundary
    /// `\B`.
    case notWordBoundary

    /// Bit in an assertion mask (see `AssertionContext`).
    var bit: UInt8 { 1 << rawValue }
}

extension RegexNode {
    /// Whether the node can match the empty string.
    var isNullable: Bool {
        switch self {
        case .empty, .assertion: return true
        case .literal, .runeSet: return false
        case .capture(_, _, let child): return child.isNullable
        case .repeating(let child, let min, _, _): return min == 0 || child.isNullable
        case .concat(let children): return children.allSatisfy(\.isNullable)
        case .alternation(let children): return children.contains(where: \.isNullable)
        }
    }

    /// The node with concatenations reversed and captures dropped: matches the reversed text
    /// (used by the reverse DFA that finds where a match starts).
    var reversed: RegexNode {
        switch self {
        case .empty, .literal, .runeSet, .assertion: return self
        case .capture(_, _, let child): return child.reversed
        case .repeating(let child, let min, let max, let greedy):
            return .repeating(child.reversed, min: min, max: max, greedy: greedy)
        case .concat(let children): return .concat(children.reversed().map(\.reversed))
        case .alternation(let children): return .alternation(children.map(\.reversed))
        }
    }
}
