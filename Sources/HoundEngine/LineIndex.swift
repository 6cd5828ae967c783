#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundModel
import HoundRedaction

/// Offsets of line starts in a byte buffer, for turning offsets into 1-based line and column.
/// Built lazily by the scanner only when a fragment has candidates.
struct LineIndex {
    private let starts: [Int]
    private let count: Int

    /// The index of an empty buffer, for fragments that need none.
    static let empty = LineIndex([])

    init(_ bytes: [UInt8]) {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            // memchr finds each newline with vector instructions: cost per line, not per byte.
            guard let base = buffer.baseAddress else { return }
            var i = 0
            while i < buffer.count, let hit = memchr(base + i, 0x0a, buffer.count - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(i)
            }
        }
        self.starts = starts
        count = bytes.count
    }

    /// The 0-based line holding `offset`.
    func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// 1-based line and byte column of `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        let line = lineIndex(of: offset)
        return (line + 1, offset - starts[line] + 1)
    }

    /// The byte range of the line holding `offset`, without its `\n`.
    func lineRange(containing offset: Int) -> Range<Int> {
        let line = lineIndex(of: offset)
        let start = starts[line]
        let end = line + 1 < starts.count ? starts[line + 1] - 1 : count
        return start..<max(start, end)
    }
}

/// The short, redacted context line shown with a finding.
enum Context {
    /// At most this many bytes of context on each side of the secret.
    static let radius = 60

    /// The line holding `secret`, trimmed to a window around it, with every candidate span on
    /// it and every candidate token redacted (``Redaction/contextLine(_:line:focus:spans:radius:)``,
    /// the one function behind every report's context).
    static func redactedLine(_ bytes: [UInt8], lines: LineIndex, at secret: Range<Int>, spans: SortedSpans) -> String {
        let line = lines.lineRange(containing: secret.lowerBound)
        let window = max(line.lowerBound, secret.lowerBound - radius)..<min(line.upperBound, secret.upperBound + radius)
        let nearby = spans.overlapping(window.lowerBound..<max(window.lowerBound + 1, window.upperBound))
        return bytes.withUnsafeBufferPointer {
            Redaction.contextLine($0, line: line, focus: secret, spans: nearby, radius: radius)
        }
    }
}

/// Candidate spans sorted by start, for finding those near an offset without reading them all
/// (a fragment may hold tens of thousands).
struct SortedSpans {
    private let spans: [Range<Int>]
    private let longest: Int

    /// `spans` in any order.
    init(_ spans: [Range<Int>]) {
        self.spans = spans.sorted { $0.lowerBound < $1.lowerBound }
        longest = spans.map(\.count).max() ?? 0
    }

    /// The spans overlapping `range`, sorted by start.
    func overlapping(_ range: Range<Int>) -> [Range<Int>] {
        // A span that overlaps `range` starts at or after `range.lowerBound - longest`.
        let floor = range.lowerBound - longest
        var low = 0
        var high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].lowerBound < floor { low = mid + 1 } else { high = mid }
        }
        var out: [Range<Int>] = []
        var index = low
        while index < spans.count, spans[index].lowerBound < range.upperBound {
            if spans[index].overlaps(range) { out.append(spans[index]) }
            index += 1
        }
        return out
    }
}
