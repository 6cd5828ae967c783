/// Thompson-NFA simulation with capture slots (the "Pike VM"): linear in text × program size,
/// leftmost-first like Go because threads are kept in priority order and everything below a
/// matching thread is dropped.
///
/// One `PikeVM` owns raw scratch buffers sized for one program and serves one search at a time.
final class PikeVM {
    /// The program it runs.
    let program: Program
    private let slotCount: Int
    private let listA: ThreadList
    private let listB: ThreadList
    private let stack: UnsafeMutablePointer<Frame>
    private let captures: UnsafeMutablePointer<Int>
    /// Slots of the best match of the last successful `search` (`-1` for unset).
    private(set) var bestSlots: [Int]

    fileprivate struct Frame {
        var pc: Int32
        var slot: Int32  // -1: explore `pc`; otherwise restore `slot` to `value`
        var value: Int
    }

    /// Scratch for `program`.
    init(program: Program) {
        self.program = program
        slotCount = program.slotCount
        let size = program.insts.count
        listA = ThreadList(capacity: size, slotCount: slotCount)
        listB = ThreadList(capacity: size, slotCount: slotCount)
        stack = .allocate(capacity: 2 * size + 2)
        captures = .allocate(capacity: max(slotCount, 1))
        bestSlots = [Int](repeating: -1, count: slotCount)
    }

    deinit {
        listA.deallocate()
        listB.deallocate()
        stack.deallocate()
        captures.deallocate()
    }

    /// Runs from `start`, consuming no byte at or past `end`; anchored searches only try
    /// `start`, unanchored ones start a new attempt at every rune boundary (with lower priority
    /// than attempts under way), skipping with `accelerator` while nothing is under way. Returns
    /// whether a match was found; its slots are in `bestSlots`.
    func search(
        _ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, anchored: Bool, earliest: Bool = false,
        accelerator: StartAccelerator? = nil
    ) -> Bool {
        program.insts.withUnsafeBufferPointer { insts in
            program.ranges.withUnsafeBufferPointer { ranges in
                run(
                    text, start: start, end: end, anchored: anchored, earliest: earliest,
                    accelerator: accelerator?.isActive == true ? accelerator : nil, insts: insts, ranges: ranges)
            }
        }
    }

    private func run(
        _ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, anchored: Bool, earliest: Bool,
        accelerator: StartAccelerator?, insts: UnsafeBufferPointer<Program.Inst>,
        ranges: UnsafeBufferPointer<Program.SymbolRange>
    ) -> Bool {
        let slotCount = self.slotCount
        let checksAssertions = program.assertionBits != 0
        var current = listA
        var next = listB
        current.count = 0
        var matched = false
        var position = start
        var nextStart = start
        while true {
            if !matched && position == nextStart && (!anchored || position == start) {
                if current.count == 0, !anchored, let accelerator {
                    guard let candidate = accelerator.nextCandidate(in: text, from: position, end: end) else { break }
                    position = candidate
                }
                for slot in 0..<slotCount { captures[slot] = -1 }
                let mask = checksAssertions ? Look.mask(at: position, in: text) : 0
                addThread(to: &current, pc: program.anchoredStart, position: position, mask: mask, insts: insts)
                let width = position < end ? ByteSets.sequenceLength(at: position, in: text) : 1
                nextStart = position + max(width, 1)
            }
            if current.count == 0 {
                if anchored || matched || nextStart > end { break }
                position = nextStart
                continue
            }
            let symbol = position < end ? ByteSets.symbol(at: position, in: text) : -1
            next.count = 0
            let nextMask = checksAssertions && position < end ? Look.mask(at: position + 1, in: text) : 0
            var index = 0
            threads: while index < current.count {
                let pc = Int(current.dense[index])
                index += 1
                let inst = insts[pc]
                if inst.op == .match {
                    let row = current.slots + pc * slotCount
                    for slot in 0..<slotCount { bestSlots[slot] = row[slot] }
                    matched = true
                    if earliest { return true }
                    break threads  // lower-priority threads lose to this match
                }
                guard inst.op == .consume, symbol >= 0 else { continue }
                let target = Program.successor(of: inst, on: symbol, ranges: ranges)
                guard target >= 0, !next.contains(target) else { continue }
                let row = current.slots + pc * slotCount
                for slot in 0..<slotCount { captures[slot] = row[slot] }
                addThread(to: &next, pc: target, position: position + 1, mask: nextMask, insts: insts)
            }
            if position >= end { break }
            swap(&current, &next)
            position += 1
        }
        return matched
    }

    /// Follows empty transitions from `pc` at `position`, adding consuming and matching
    /// instructions to `list` in priority order with the captures in `captures`.
    @inline(__always)
    private func addThread(
        to list: inout ThreadList, pc start: Int32, position: Int, mask: UInt8,
        insts: UnsafeBufferPointer<Program.Inst>
    ) {
        let slotCount = self.slotCount
        var depth = 0
        stack[0] = Frame(pc: start, slot: -1, value: 0)
        depth = 1
        while depth > 0 {
            depth -= 1
            let frame = stack[depth]
            if frame.slot >= 0 {
                captures[Int(frame.slot)] = frame.value
                continue
            }
            var pc = frame.pc
            while !list.contains(pc) {
                list.insert(pc)
                let inst = insts[Int(pc)]
                switch inst.op {
                case .split:
                    stack[depth] = Frame(pc: inst.b, slot: -1, value: 0)
                    depth += 1
                    pc = inst.a
                    continue
                case .save:
                    let slot = Int(inst.b)
                    if slot < slotCount {
                        stack[depth] = Frame(pc: 0, slot: inst.b, value: captures[slot])
                        depth += 1
                        captures[slot] = position
                    }
                    pc = inst.a
                    continue
                case .assert:
                    guard mask & (1 << UInt8(inst.b)) != 0 else { break }
                    pc = inst.a
                    continue
                case .consume, .match:
                    let row = list.slots + Int(pc) * slotCount
                    for slot in 0..<slotCount { row[slot] = captures[slot] }
                case .fail:
                    break
                }
                break
            }
        }
    }
}

/// A sparse set of program counters in insertion (priority) order, with a slot row per pc, in
/// raw memory owned by a `PikeVM`.
struct ThreadList {
    /// Members in insertion order.
    let dense: UnsafeMutablePointer<Int32>
    /// `sparse[pc]` is the index of `pc` in `dense` when it is a member.
    let sparse: UnsafeMutablePointer<Int32>
    /// Capture slots, `slotCount` per pc.
    let slots: UnsafeMutablePointer<Int>
    /// Number of members.
    var count = 0

    /// An empty list for programs of `capacity` instructions.
    init(capacity: Int, slotCount: Int) {
        dense = .allocate(capacity: capacity)
        sparse = .allocate(capacity: capacity)
        sparse.initialize(repeating: 0, count: capacity)
        slots = .allocate(capacity: max(1, capacity * slotCount))
        slots.initialize(repeating: -1, count: max(1, capacity * slotCount))
    }

    /// Frees the memory.
    func deallocate() {
        dense.deallocate()
        sparse.deallocate()
        slots.deallocate()
    }

    /// Whether `pc` is a member.
    @inline(__always)
    func contains(_ pc: Int32) -> Bool {
        let index = Int(sparse[Int(pc)])
        return index < count && dense[index] == pc
    }

    /// Adds `pc` (not already a member).
    @inline(__always)
    mutating func insert(_ pc: Int32) {
        dense[count] = pc
        sparse[Int(pc)] = Int32(count)
        count += 1
    }
}
