/// One Aho-Corasick automaton over every rule's keywords, ASCII case-folded, compiled to a dense
/// DFA over byte classes so the scan loop is one table load per byte.
///
/// Each transition entry carries the next state in its low 31 bits and, in the top bit, whether
/// that state ends at least one keyword, so the loop branches only on a hit.
public struct KeywordAutomaton: Sendable {
    /// A keyword occurrence: which keyword, and the offset just past its last byte.
    public struct Hit: Sendable, Equatable {
        /// Index into the keyword list the automaton was built from.
        public var keyword: Int
        /// Offset just past the keyword's last byte.
        public var end: Int
    }

    /// The keywords, lowercased, in the order given.
    public let keywords: [[UInt8]]
    private let byteClass: [UInt8]
    /// log2 of the row width: rows are padded to a power of two so a row offset turns back into
    /// its state with a shift (on a hit), never a division.
    private let rowShift: Int
    private let table: [UInt32]
    private let outputs: [[Int32]]
    /// The longest keyword: how far back a stream started mid-buffer must begin to see every
    /// keyword that ends in its own part.
    private let longest: Int

    private static let hitBit: UInt32 = 0x8000_0000
    /// Buffers at least this long are scanned as four interleaved streams.
    static let interleaveThreshold = 4096
    /// Bytes per interleaved block: its hits are buffered, so this bounds that buffer.
    static let blockSize = 256 * 1024

    /// Builds the automaton. Keywords are ASCII-lowercased; empty keywords are ignored.
    public init(keywords: [String]) {
        let lowered = keywords.map { Array($0.utf8).map(KeywordAutomaton.fold) }
        self.keywords = lowered

        // Trie. Children are kept in small arrays (most nodes have one child): no hashing, which
        // dominated start-up with a dictionary per node.
        var goto: [[(byte: UInt8, child: Int32)]] = [[]]
        var out: [[Int32]] = [[]]
        func child(_ state: Int, _ byte: UInt8) -> Int32? {
            for edge in goto[state] where edge.byte == byte { return edge.child }
            return nil
        }
        for (index, word) in lowered.enumerated() where !word.isEmpty {
            var state = 0
            for byte in word {
                if let next = child(state, byte) {
                    state = Int(next)
                } else {
                    goto.append([])
                    out.append([])
                    goto[state].append((byte, Int32(goto.count - 1)))
                    state = goto.count - 1
                }
            }
            out[state].append(Int32(index))
        }

        // Byte classes: bytes that appear in no keyword share class 0; others get their own
        // (after folding, uppercase letters share their lowercase letter's class).
        var used = [Bool](repeating: false, count: 256)
        for word in lowered { for b in word { used[Int(b)] = true } }
        var classOf = [UInt8](repeating: 0, count: 256)
        var classTotal = 1
        for b in 0..<256 where used[b] {
            classOf[b] = UInt8(classTotal)
            classTotal += 1
        }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(b)] = classOf[Int(b | 0x20)] }
        var shift = 0
        while 1 << shift < classTotal { shift += 1 }
        let classes = 1 << shift

        // Breadth-first failure links, folded into a dense table.
        let stateCount = goto.count
        var table = [UInt32](repeating: 0, count: stateCount * classes)
        var fail = [Int](repeating: 0, count: stateCount)
        var queue: [Int] = []
        var representative = [UInt8](repeating: 0, count: classes)
        for b in 0..<256 where used[b] { representative[Int(classOf[b])] = UInt8(b) }
        for c in 1..<classTotal {
            if let next = child(0, representative[c]) {
                table[c] = UInt32(next)
                queue.append(Int(next))
            }
        }
        // Each state's row starts as a copy of its failure state's row (complete already: that
        // state is shallower), then its own edges override it.
        var head = 0
        table.withUnsafeMutableBufferPointer { rows in
            while head < queue.count {
                let state = queue[head]
                head += 1
                out[state] += out[fail[state]]
                let row = state * classes
                let failRow = fail[state] * classes
                for c in 0..<classes { rows[row + c] = rows[failRow + c] }
                for edge in goto[state] {
                    let c = Int(classOf[Int(edge.byte)])
                    let next = Int(edge.child)
                    fail[next] = Int(rows[failRow + c])
                    rows[row + c] = UInt32(next)
                    queue.append(next)
                }
            }
        }
        // Mark transitions into states with outputs, and store each target premultiplied by the
        // row width so the scan loop needs no multiplication.
        for i in 0..<table.count {
            let target = Int(table[i])
            table[i] = UInt32(target * classes) | (out[target].isEmpty ? 0 : Self.hitBit)
        }

        self.byteClass = classOf
        self.rowShift = shift
        self.table = table
        self.outputs = out
        self.longest = lowered.map(\.count).max() ?? 0
    }

    @inline(__always) static func fold(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    /// Every keyword occurrence in `bytes`, in order of end offset.
    public func hits(in bytes: UnsafeBufferPointer<UInt8>) -> [Hit] {
        var result: [Hit] = []
        scan(bytes) { keyword, end in result.append(Hit(keyword: keyword, end: end)) }
        return result
    }

    /// Calls `body(keyword, end)` for every keyword occurrence in `bytes`, in order of end offset.
    ///
    /// One automaton walk is a chain of dependent table loads; long buffers are cut into four
    /// parts walked in one loop, so the processor overlaps four chains (DESIGN.md §13: 0.4 →
    /// 1.0 GB/s). Each part after the first starts `longest - 1` bytes early, from the root, and
    /// reports only keywords ending inside it: the same hits, each once, in order.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        guard !table.isEmpty, let base = bytes.baseAddress else { return }
        let count = bytes.count
        table.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                guard count >= Self.interleaveThreshold else {
                    var row = 0
                    walk(base, from: 0, to: count, row: &row, table, classes, body)
                    return
                }
                var pending: [[(keyword: Int32, end: Int32)]] = [[], [], [], []]
                var blockStart = 0
                while blockStart < count {
                    let blockEnd = min(count, blockStart + Self.blockSize)
                    interleave(base, blockStart..<blockEnd, table, classes, &pending)
                    for part in 0..<4 {
                        for hit in pending[part] { body(Int(hit.keyword), blockStart + Int(hit.end)) }
                        pending[part].removeAll(keepingCapacity: true)
                    }
                    blockStart = blockEnd
                }
            }
        }
    }

    /// One stream over `base[from..<to]` from state `row`, reporting hits to `body`.
    @inline(__always)
    private func walk(
        _ base: UnsafePointer<UInt8>, from: Int, to end: Int, row: inout Int,
        _ table: UnsafeBufferPointer<UInt32>, _ classes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void
    ) {
        var i = from
        var state = row
        while i < end {
            let entry = table[state &+ Int(classes[Int(base[i])])]
            state = Int(entry & ~Self.hitBit)
            i &+= 1
            if entry & Self.hitBit != 0 {
                for keyword in outputs[state &>> rowShift] { body(Int(keyword), i) }
            }
        }
        row = state
    }

    /// Four streams over `block`, hits buffered per part with ends relative to the block.
    private func interleave(
        _ base: UnsafePointer<UInt8>, _ block: Range<Int>, _ table: UnsafeBufferPointer<UInt32>,
        _ classes: UnsafeBufferPointer<UInt8>, _ pending: inout [[(keyword: Int32, end: Int32)]]
    ) {
        let size = block.count
        let part = size / 4
        let warm = max(0, longest - 1)
        guard part > warm else {
            var row = 0
            walk(base, from: block.lowerBound, to: block.upperBound, row: &row, table, classes) { k, e in
                pending[0].append((Int32(k), Int32(e - block.lowerBound)))
            }
            return
        }
        // Part p covers [bounds[p], bounds[p + 1]); its stream starts `warm` bytes before (except
        // at the block's start, where the block is scanned from the root like any buffer start:
        // the caller's blocks restart too, so every block gets the same warm-up from its
        // predecessor's bytes).
        let origin = block.lowerBound
        let bounds = [origin, origin + part, origin + 2 * part, origin + 3 * part, block.upperBound]
        var starts = [0, 0, 0, 0]
        for p in 0..<4 { starts[p] = p == 0 ? max(0, origin - warm) : bounds[p] - warm }
        var rows = (0, 0, 0, 0)
        var i0 = starts[0]
        var i1 = starts[1]
        var i2 = starts[2]
        var i3 = starts[3]
        let floor0 = bounds[0]
        let floor1 = bounds[1]
        let floor2 = bounds[2]
        let floor3 = bounds[3]
        let shift = rowShift
        @inline(__always) func record(_ p: Int, _ entry: UInt32, _ row: Int, _ end: Int, _ floor: Int) {
            if entry & Self.hitBit != 0 && end > floor {
                for keyword in outputs[row &>> shift] { pending[p].append((keyword, Int32(end - origin))) }
            }
        }
        // The lock-step loop runs while every stream has bytes left in its part (the last part
        // may be longer by up to three bytes).
        let lockstep = min(bounds[1] - i0, bounds[2] - i1, bounds[3] - i2, bounds[4] - i3)
        for _ in 0..<lockstep {
            let e0 = table[rows.0 &+ Int(classes[Int(base[i0])])]
            let e1 = table[rows.1 &+ Int(classes[Int(base[i1])])]
            let e2 = table[rows.2 &+ Int(classes[Int(base[i2])])]
            let e3 = table[rows.3 &+ Int(classes[Int(base[i3])])]
            rows.0 = Int(e0 & ~Self.hitBit)
            rows.1 = Int(e1 & ~Self.hitBit)
            rows.2 = Int(e2 & ~Self.hitBit)
            rows.3 = Int(e3 & ~Self.hitBit)
            i0 &+= 1
            i1 &+= 1
            i2 &+= 1
            i3 &+= 1
            if (e0 | e1 | e2 | e3) & Self.hitBit != 0 {
                record(0, e0, rows.0, i0, floor0)
                record(1, e1, rows.1, i1, floor1)
                record(2, e2, rows.2, i2, floor2)
                record(3, e3, rows.3, i3, floor3)
            }
        }
        // Each stream finishes its own part alone.
        let ends = [bounds[1], bounds[2], bounds[3], bounds[4]]
        let positions = [i0, i1, i2, i3]
        var finalRows = [rows.0, rows.1, rows.2, rows.3]
        let floors = [floor0, floor1, floor2, floor3]
        for p in 0..<4 {
            walk(base, from: positions[p], to: ends[p], row: &finalRows[p], table, classes) { k, e in
                if e > floors[p] { pending[p].append((Int32(k), Int32(e - origin))) }
            }
        }
    }
}
