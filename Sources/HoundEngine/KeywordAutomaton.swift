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
    /// Transitions: entry `row + class` is the next state's row (its index shifted by
    /// `rowShift`).
    private let table: [UInt32]
    /// Keywords ending in each state, by state index.
    private let outputs: [[Int32]]
    /// The bit every row of a state with outputs has, and no other row: states are renumbered
    /// so those come after a power of two that exceeds every other state, and the scan loop
    /// tests four streams for a hit with one `or` and one `and`.
    private let hitMask: Int
    /// The longest keyword: how far back a stream started mid-buffer must begin to see every
    /// keyword that ends in its own part.
    private let longest: Int

    /// Buffers at least this long are scanned as four interleaved streams.
    static let interleaveThreshold = 512
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
        // (after folding, uppercase letters share their lowercase letter's class). Rows are
        // padded to a power of two.
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

        // Failure links and merged outputs, breadth first, by walking failure chains (no dense
        // table yet: it is built once, below, in its final numbering).
        let stateCount = goto.count
        var fail = [Int](repeating: 0, count: stateCount)
        var order: [Int] = []
        order.reserveCapacity(stateCount)
        for edge in goto[0] { order.append(Int(edge.child)) }
        var head = 0
        while head < order.count {
            let state = order[head]
            head += 1
            out[state] += out[fail[state]]
            for edge in goto[state] {
                var f = fail[state]
                var target: Int32? = nil
                while true {
                    if let t = child(f, edge.byte) {
                        target = t
                        break
                    }
                    if f == 0 { break }
                    f = fail[f]
                }
                let next = Int(edge.child)
                fail[next] = target.map(Int.init) ?? 0
                order.append(next)
            }
        }

        // Renumber: states without outputs keep their order from 0 (the root stays 0), states
        // with outputs start at a power of two above all of them, so the scan loop tests four
        // streams for a hit with one `or` and one `and`. Entries are rows (index << shift): the
        // loop needs no multiplication.
        var quiet = 0
        var loud = 0
        for state in 0..<stateCount { if out[state].isEmpty { quiet += 1 } else { loud += 1 } }
        var firstLoud = 1
        while firstLoud < max(quiet, loud) { firstLoud <<= 1 }
        var renumbered = [Int](repeating: 0, count: stateCount)
        quiet = 0
        loud = 0
        // Breadth first: the shallow states, where a scan spends nearly all its steps, get
        // neighbouring rows (in trie order they were spread over the whole table, a row per
        // cache line or more, and missed the L1 cache).
        for state in [0] + order {
            if out[state].isEmpty {
                renumbered[state] = quiet
                quiet += 1
            } else {
                renumbered[state] = firstLoud + loud
                loud += 1
            }
        }
        let slots = loud > 0 ? firstLoud + loud : quiet
        var table = [UInt32](repeating: 0, count: slots * classes)
        var outputs = [[Int32]](repeating: [], count: slots)
        // Each state's row is its failure state's row (complete already: that state is
        // shallower) with its own edges written over it.
        table.withUnsafeMutableBufferPointer { rows in
            let base = rows.baseAddress!
            for edge in goto[0] {
                base[Int(classOf[Int(edge.byte)])] = UInt32(renumbered[Int(edge.child)] << shift)
            }
            for state in order {
                let row = base + (renumbered[state] << shift)
                row.update(from: base + (renumbered[fail[state]] << shift), count: classes)
                for edge in goto[state] {
                    row[Int(classOf[Int(edge.byte)])] = UInt32(renumbered[Int(edge.child)] << shift)
                }
            }
        }
        for state in 0..<stateCount { outputs[renumbered[state]] = out[state] }

        self.byteClass = classOf
        self.rowShift = shift
        self.table = table
        self.outputs = outputs
        self.hitMask = firstLoud << shift
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
        var scratch = Scratch()
        scan(bytes, scratch: &scratch, body)
    }

    /// Hit buffers a caller keeps between scans, so their storage is allocated once rather than
    /// for every file (two arrays per file were 113,000 allocations on the benchmark corpus).
    public struct Scratch: Sendable {
        var pending: [(keyword: Int32, end: Int32)] = []
        var later: [(stream: Int32, keyword: Int32, end: Int32)] = []

        public init() {}
    }

    /// ``scan(_:_:)`` with the caller's hit buffers.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout Scratch, _ body: (Int, Int) -> Void) {
        guard !table.isEmpty, let base = bytes.baseAddress else { return }
        let count = bytes.count
        table.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                let tables = Tables(table: table.baseAddress!, classes: classes.baseAddress!)
                guard count >= Self.interleaveThreshold else {
                    var row = 0
                    walk(base, from: 0, to: count, row: &row, tables, floor: 0, body)
                    return
                }
                var blockStart = 0
                while blockStart < count {
                    let blockEnd = min(count, blockStart + Self.blockSize)
                    scratch.pending.removeAll(keepingCapacity: true)
                    scratch.later.removeAll(keepingCapacity: true)
                    interleave(base, blockStart..<blockEnd, tables, &scratch.pending, &scratch.later)
                    for hit in scratch.pending { body(Int(hit.keyword), blockStart + Int(hit.end)) }
                    blockStart = blockEnd
                }
            }
        }
    }

    /// The two tables' base addresses, valid during a scan.
    private struct Tables {
        let table: UnsafePointer<UInt32>
        let classes: UnsafePointer<UInt8>

        @inline(__always) func next(_ row: Int, _ byte: UInt8) -> Int {
            Int(table[row &+ Int(classes[Int(byte)])])
        }
    }

    /// One stream over `base[from..<to]` from `row`, reporting to `body` the hits that end
    /// after `floor`.
    @inline(__always)
    private func walk(
        _ base: UnsafePointer<UInt8>, from: Int, to end: Int, row: inout Int, _ tables: Tables, floor: Int,
        _ body: (Int, Int) -> Void
    ) {
        var i = from
        var state = row
        while i < end {
            state = tables.next(state, base[i])
            i &+= 1
            if state & hitMask != 0 && i > floor {
                for keyword in outputs[state &>> rowShift] { body(Int(keyword), i) }
            }
        }
        row = state
    }

    /// Four streams over `block`, hits appended to `pending` (empty) in order, ends relative to
    /// the block; `later` (empty) holds streams 1-3's hits meanwhile.
    ///
    /// Each stream starts `warm` bytes before its part, from the root (the first one too, in
    /// every block but the buffer's first: blocks are independent), and all four walk the same
    /// length in lock step: the first part is longer by the warm-up it does not need, and only
    /// the division's remainder is left to walk alone.
    private func interleave(
        _ base: UnsafePointer<UInt8>, _ block: Range<Int>, _ tables: Tables,
        _ pending: inout [(keyword: Int32, end: Int32)], _ later: inout [(stream: Int32, keyword: Int32, end: Int32)]
    ) {
        let origin = block.lowerBound
        let warm = max(0, longest - 1)
        let firstWarm = origin - max(0, origin - warm)
        let length = (block.count + firstWarm + 3 * warm) / 4
        guard length > 2 * warm else {
            var row = 0
            walk(base, from: origin - firstWarm, to: block.upperBound, row: &row, tables, floor: origin) {
                pending.append((Int32($0), Int32($1 - origin)))
            }
            return
        }
        // Part p covers [floor(p), floor(p + 1)), the last one up to the block's end; its stream
        // starts at floor(p) minus its warm-up.
        let floor1 = origin + length - firstWarm
        let floors = (origin, floor1, floor1 + length - warm, floor1 + 2 * (length - warm))
        let starts = (origin - firstWarm, floors.1 - warm, floors.2 - warm, floors.3 - warm)
        // Stream 0's hits go straight to `pending`; the others' wait in `later`, tagged with
        // their stream, and follow in stream order. (No local function shares these arrays: one
        // that captured them put a dynamic exclusivity check on every hit.)
        var state = Lockstep(
            p0: base + starts.0, p1: base + starts.1, p2: base + starts.2, p3: base + starts.3,
            end0: base + starts.0 + length, r0: 0, r1: 0, r2: 0, r3: 0)
        while state.p0 < state.end0 {
            Self.runUntilHit(&state, tables.table, tables.classes, hitMask)
            let j = base.distance(to: state.p0) - starts.0
            if state.r0 & hitMask != 0, starts.0 + j > floors.0 {
                for keyword in outputs[state.r0 &>> rowShift] {
                    pending.append((keyword, Int32(starts.0 + j - origin)))
                }
            }
            hold(1, row: state.r1, end: starts.1 + j, floor: floors.1, origin: origin, in: &later)
            hold(2, row: state.r2, end: starts.2 + j, floor: floors.2, origin: origin, in: &later)
            hold(3, row: state.r3, end: starts.3 + j, floor: floors.3, origin: origin, in: &later)
        }
        // The last stream walks the remainder alone.
        var row = state.r3
        walk(base, from: starts.3 + length, to: block.upperBound, row: &row, tables, floor: floors.3) {
            later.append((3, Int32($0), Int32($1 - origin)))
        }
        guard !later.isEmpty else { return }
        for stream in Int32(1)...3 {
            for hit in later where hit.stream == stream { pending.append((hit.keyword, hit.end)) }
        }
    }

    /// Adds to `later` the keywords of a stream that entered `row`, if it has outputs and
    /// `end` is inside the stream's own part (after `floor`).
    @inline(__always)
    private func hold(
        _ stream: Int32, row: Int, end: Int, floor: Int, origin: Int,
        in later: inout [(stream: Int32, keyword: Int32, end: Int32)]
    ) {
        guard row & hitMask != 0, end > floor else { return }
        for keyword in outputs[row &>> rowShift] { later.append((stream, keyword, Int32(end - origin))) }
    }

    /// The four streams' positions and rows.
    private struct Lockstep {
        var p0, p1, p2, p3: UnsafePointer<UInt8>
        let end0: UnsafePointer<UInt8>
        var r0, r1, r2, r3: Int
    }

    /// The hot loop, kept apart so its dozen values live in registers (inlined into the caller,
    /// the compiler spilled rows to the stack, which put a store and a load on every chain).
    /// Steps all four streams until one enters a state with outputs or stream 0 reaches `end0`.
    @inline(never)
    private static func runUntilHit(
        _ state: inout Lockstep, _ table: UnsafePointer<UInt32>, _ classes: UnsafePointer<UInt8>, _ mask: Int
    ) {
        let p0 = state.p0
        let p1 = state.p1
        let p2 = state.p2
        let p3 = state.p3
        let end0 = state.end0
        var r0 = state.r0
        var r1 = state.r1
        var r2 = state.r2
        var r3 = state.r3
        // One offset for the four streams: one increment per step, not four.
        let steps = p0.distance(to: end0)
        var j = 0
        while j < steps {
            r0 = Int(table[r0 &+ Int(classes[Int(p0[j])])])
            r1 = Int(table[r1 &+ Int(classes[Int(p1[j])])])
            r2 = Int(table[r2 &+ Int(classes[Int(p2[j])])])
            r3 = Int(table[r3 &+ Int(classes[Int(p3[j])])])
            j &+= 1
            if (r0 | r1 | r2 | r3) & mask != 0 { break }
        }
        state = Lockstep(
            p0: p0 + j, p1: p1 + j, p2: p2 + j, p3: p3 + j, end0: end0, r0: r0, r1: r1, r2: r2, r3: r3)
    }
}
