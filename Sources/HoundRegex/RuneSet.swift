/// A set of Unicode code points as sorted, disjoint, non-adjacent closed ranges.
///
/// Character classes, Perl/POSIX/Unicode groups and case-folded literals all become rune sets
/// before compilation to UTF-8 byte automata.
struct RuneSet: Sendable, Hashable {
    /// Largest Unicode code point.
    static let maxRune: UInt32 = 0x10FFFF
    /// Replacement character: Go decodes each invalid UTF-8 byte as this rune.
    static let replacement: UInt32 = 0xFFFD

    /// Flattened `[lo0, hi0, lo1, hi1, ...]`, normalized (sorted, merged) after every mutation.
    private(set) var bounds: [UInt32] = []

    /// The empty set.
    init() {}

    /// A set from unsorted, possibly overlapping pairs.
    init(pairs: [(UInt32, UInt32)]) {
        var raw: [UInt32] = []
        raw.reserveCapacity(pairs.count * 2)
        for (lo, hi) in pairs {
            raw.append(lo)
            raw.append(hi)
        }
        self.bounds = RuneSet.normalized(raw)
    }

    /// A set holding exactly `rune`.
    init(rune: UInt32) { bounds = [rune, rune] }

    /// Whether the set holds nothing.
    var isEmpty: Bool { bounds.isEmpty }

    /// Number of ranges.
    var rangeCount: Int { bounds.count / 2 }

    /// The ranges in ascending order.
    var ranges: [ClosedRange<UInt32>] {
        stride(from: 0, to: bounds.count, by: 2).map { bounds[$0]...bounds[$0 + 1] }
    }

    /// The set's only rune, or nil when it holds none or several (in constant time: counting
    /// the runes of a Unicode class walks hundreds of ranges).
    var singleRune: UInt32? { bounds.count == 2 && bounds[0] == bounds[1] ? bounds[0] : nil }

    /// Number of code points in the set.
    var runeCount: Int {
        stride(from: 0, to: bounds.count, by: 2).reduce(0) { $0 + Int(bounds[$1 + 1] - bounds[$1]) + 1 }
    }

    /// Whether `rune` is in the set.
    func contains(_ rune: UInt32) -> Bool {
        var low = 0
        var high = bounds.count / 2
        while low < high {
            let mid = (low + high) / 2
            if rune < bounds[mid * 2] {
                high = mid
            } else if rune > bounds[mid * 2 + 1] {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Adds `lo...hi`.
    mutating func insert(_ lo: UInt32, _ hi: UInt32) {
        bounds = RuneSet.normalized(bounds + [lo, hi])
    }

    /// Adds every rune of `other`.
    mutating func formUnion(_ other: RuneSet) {
        guard !other.isEmpty else { return }
        bounds = isEmpty ? other.bounds : RuneSet.normalized(bounds + other.bounds)
    }

    /// The union of two sets.
    func union(_ other: RuneSet) -> RuneSet {
        var copy = self
        copy.formUnion(other)
        return copy
    }

    /// Every code point in `0...maxRune` not in this set.
    func inverted() -> RuneSet {
        var result: [UInt32] = []
        var next: UInt32 = 0
        var index = 0
        while index < bounds.count {
            let lo = bounds[index]
            let hi = bounds[index + 1]
            if lo > next {
                result.append(next)
                result.append(lo - 1)
            }
            if hi == RuneSet.maxRune { return RuneSet(normalizedBounds: result) }
            next = hi + 1
            index += 2
        }
        result.append(next)
        result.append(RuneSet.maxRune)
        return RuneSet(normalizedBounds: result)
    }

    /// The runes of this set that are ASCII (`< 0x80`).
    var isASCIIOnly: Bool { bounds.last.map { $0 < 0x80 } ?? true }

    private init(normalizedBounds: [UInt32]) { bounds = normalizedBounds }

    /// Sorts pairs by lower bound and merges overlapping or adjacent ones.
    private static func normalized(_ raw: [UInt32]) -> [UInt32] {
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity(raw.count / 2)
        var index = 0
        while index + 1 < raw.count {
            let lo = min(raw[index], raw[index + 1])
            let hi = max(raw[index], raw[index + 1])
            pairs.append((lo, min(hi, maxRune)))
            index += 2
        }
        pairs.sort { $0.0 < $1.0 }
        var result: [UInt32] = []
        result.reserveCapacity(pairs.count * 2)
        for (lo, hi) in pairs where lo <= maxRune {
            if let last = result.last, lo <= last &+ 1, last != UInt32.max {
                if hi > last { result[result.count - 1] = hi }
            } else {
                result.append(lo)
                result.append(hi)
            }
        }
        return result
    }
}
