/// Capture groups of an anchored match by depth-first search in priority order, with a bit per
/// (instruction, position) pair so no pair is explored twice (RE2's "bit state"): linear in
/// program size × span like the Pike VM, without copying slot rows between thread lists, which
/// made the Pike VM cost ~1,000 instructions per byte on the 800-instruction generic rules.
///
/// The first `match` the search reaches is the leftmost-first one, as the Pike VM would report:
/// alternatives are tried in priority order, and a pair seen before cannot lead anywhere new
/// (captures do not change what matches). Only for spans whose bit set stays small
/// (``maxBits``); one backtracker serves one search at a time.
final class BoundedBacktracker {
    /// The program it runs.
    let program: Program
    /// Slots of the last successful `search` (`-1` for unset).
    private(set) var bestSlots: [Int]
    private var visited: [UInt64] = []
    private var stack: [Frame] = []
    private var captures: [Int]

    /// Largest instructions × (span + 1) searched (64 KB of bits).
    static let maxBits = 512 * 1024

    private struct Frame {
        /// Instruction to explore, or -1: restore `slot` to `value`.
        var pc: Int32
        var slot: Int32
        /// Position to explore at, or the value to restore.
        var value: Int
    }

    /// Scratch for `program`.
    init(program: Program) {
        self.program = program
        bestSlots = [Int](repeating: -1, count: program.slotCount)
        captures = [Int](repeating: -1, count: program.slotCount)
    }

    /// Whether a search from `start` to `end` fits the bit budget.
    func fits(start: Int, end: Int) -> Bool {
        program.insts.count * (end - start + 1) <= Self.maxBits
    }

    /// Searches for a match starting exactly at `start` that consumes no byte at or past `end`;
    /// its slots are in `bestSlots`. The span must `fit`.
    func search(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
        let width = end - start + 1
        let words = (program.insts.count * width + 63) / 64
        if visited.count < words { visited = [UInt64](repeating: 0, count: words) }
        for i in 0..<words { visited[i] = 0 }
        for slot in captures.indices { captures[slot] = -1 }
        stack.append(Frame(pc: program.anchoredStart, slot: 0, value: start))
        return program.insts.withUnsafeBufferPointer { insts in
            program.ranges.withUnsafeBufferPointer { ranges in
                visited.withUnsafeMutableBufferPointer { visited in
                    run(text, start: start, end: end, width: width, insts: insts, ranges: ranges, visited: visited)
                }
            }
        }
    }

    private func run(
        _ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, width: Int,
        insts: UnsafeBufferPointer<Program.Inst>, ranges: UnsafeBufferPointer<Program.SymbolRange>,
        visited: UnsafeMutableBufferPointer<UInt64>
    ) -> Bool {
        // Moved into locals (the class's own arrays would be checked for exclusive access on
        // every push and pop), leaving empty ones behind so the buffers are not shared and
        // copied on the first write.
        var stack = self.stack
        var captures = self.captures
        self.stack = []
        self.captures = []
        defer {
            stack.removeAll(keepingCapacity: true)
            self.stack = stack
            self.captures = captures
        }
        let slotCount = captures.count
        while let frame = stack.popLast() {
            if frame.pc < 0 {
                captures[Int(frame.slot)] = frame.value
                continue
            }
            var pc = Int(frame.pc)
            var position = frame.value
            explore: while true {
                let bit = pc * width + (position - start)
                let mask = UInt64(1) << UInt64(bit & 63)
                if visited[bit >> 6] & mask != 0 { break }
                visited[bit >> 6] |= mask
                let inst = insts[pc]
                switch inst.op {
                case .split:
                    stack.append(Frame(pc: inst.b, slot: 0, value: position))
                    pc = Int(inst.a)
                case .save:
                    let slot = Int(inst.b)
                    if slot < slotCount {
                        stack.append(Frame(pc: -1, slot: inst.b, value: captures[slot]))
                        captures[slot] = position
                    }
                    pc = Int(inst.a)
                case .assert:
                    guard Look.mask(at: position, in: text) & (1 << UInt8(inst.b)) != 0 else { break explore }
                    pc = Int(inst.a)
                case .consume:
                    guard position < end else { break explore }
                    let target = Program.successor(
                        of: inst, on: ByteSets.symbol(at: position, in: text), ranges: ranges)
                    guard target >= 0 else { break explore }
                    pc = Int(target)
                    position += 1
                case .match:
                    for slot in 0..<slotCount { bestSlots[slot] = captures[slot] }
                    return true
                case .fail:
                    break explore
                }
            }
        }
        return false
    }
}
