/// One match: the overall span and the span of every capture group.
///
/// Offsets are absolute indices into the buffer that was searched, not relative to the range.
public struct RegexMatch: Sendable, Equatable, CustomStringConvertible {
    /// Spans by group number; index 0 is the whole match, a group that did not take part is nil.
    public var groups: [Range<Int>?]

    /// A match from its group spans; `groups[0]` must be non-nil.
    public init(groups: [Range<Int>?]) {
        self.groups = groups
    }

    /// The span of the whole match.
    public var range: Range<Int> { groups.first.flatMap { $0 } ?? 0..<0 }

    /// The span of capture group `group`, or nil if it did not participate or does not exist.
    public subscript(group: Int) -> Range<Int>? {
        group >= 0 && group < groups.count ? groups[group] : nil
    }

    /// `[start, end)` of every group, `-` for groups that did not participate.
    public var description: String {
        groups.map { $0.map { "\($0.lowerBound)..<\($0.upperBound)" } ?? "-" }.joined(separator: " ")
    }
}
