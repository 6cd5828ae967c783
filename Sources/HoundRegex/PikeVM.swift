/// Thompson-NFA simulation with capture slots (the "Pike VM"): linear in text × program size,
/// leftmost-first like Go because threads are kept in priority order and everything below a
/// matching thread is dropped.
///
/// One `PikeVM` holds scratch buffers sized for one program and is used by one search at a time.
final class PikeVM {
    /// The program it runs.
    let program: Program
    private var current: ThreadList
    private var next: ThreadList
    private var stack: [Frame] = []
    private var captures: [Int]
    /// Slots of the best match of the last successful `search` (`-1` for unset).
    private(set) var bestSlots: [Int]

    private struct Frame {
        var pc: Int32
        var slot: Int32  // -1: explore `pc`; otherwise restore `slot` to `value`
        var value: Int
    }

    /// Scratch for `program`.
    init(program: Program) {
        self.program = program
        let size = program.insts.count
        current = ThreadList(capacity: size, slotCount: program.slotCount)
        next = ThreadList(capacity: size, slotCount: program.slotCount)
        captures = [Int](repeating: -1, count: program.slotCount)
        bestSlots = captures
    }

    /// Runs from `start` up to `end` (exclusive bound on consumed bytes); anchored searches only
    /// try `start`. Returns whether a match was found; its slots are in `bestSlots`.
    func search(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, anchored: Bool, earliest: Bool = false)
        -> Bool
    {
        let slotCount = program.slotCount
        let checksAssertions = program.assertionBits != 0
        current.clear()
        for index in 0..<slotCount { captures[index] = -1 }
        var matched = false
        var position = start
        let entry = anchored ? program.anchoredStart : program.unanchoredStart
        addThread(to: &current, pc: entry, position: position, text: text, checksAssertions: checksAssertions)
        while current.count > 0 {
            let symbol = position < end ? ByteSets.symbol(at: position, in: text) : -1
            next.clear()
            var nextMask: UInt8 = 0
            if checksAssertions && position < end { nextMask = Look.mask(at: position + 1, in: text) }
            var index = 0
            threads: while index < current.count {
                let pc = Int(current.dense[index])
                index += 1
                let inst = program.insts[pc]
                switch inst.op {
                case .match:
                    let row = pc * slotCount
                    for slot in 0..<slotCount { bestSlots[slot] = current.slots[row + slot] }
                    matched = true
                    if earliest { return true }
                    break threads  // lower-priority threads lose to this match
                case .consume:
                    guard symbol >= 0 else { continue }
                    let target = program.step(pc, symbol)
                    guard target >= 0 else { continue }
                    let row = pc * slotCount
                    for slot in 0..<slotCount { captures[slot] = current.slots[row + slot] }
                    addThread(
                        to: &next, pc: target, position: position + 1, text: text,
                        checksAssertions: checksAssertions, mask: nextMask)
                default:
                    continue
                }
            }
            if position >= end { break }
            swap(&current, &next)
            position += 1
        }
        return matched
    }

    /// Follows empty transitions from `pc` at `position`, adding consuming and matching
    /// instructions to `list` in priority order with the captures in `captures`.
    private func addThread(
        to list: inout ThreadList, pc start: Int32, position: Int, text: UnsafeBufferPointer<UInt8>,
        checksAssertions: Bool, mask givenMask: UInt8? = nil
    ) {
        let slotCount = program.slotCount
        let mask = checksAssertions ? (givenMask ?? Look.mask(at: position, in: text)) : 0
        stack.append(Frame(pc: start, slot: -1, value: 0))
        while let frame = stack.popLast() {
            if frame.slot >= 0 {
                captures[Int(frame.slot)] = frame.value
                continue
            }
            var pc = frame.pc
            while true {
                if list.contains(pc) { break }
                list.insert(pc)
                let inst = program.insts[Int(pc)]
                switch inst.op {
                case .split:
                    stack.append(Frame(pc: inst.b, slot: -1, value: 0))
                    pc = inst.a
                    continue
                case .save:
                    let slot = Int(inst.b)
                    if slot < slotCount {
                        stack.append(Frame(pc: 0, slot: inst.b, value: captures[slot]))
                        captures[slot] = position
                    }
                    pc = inst.a
                    continue
                case .assert:
                    guard mask & (1 << UInt8(inst.b)) != 0 else { break }
                    pc = inst.a
                    continue
                case .consume, .match:
                    let row = Int(pc) * slotCount
                    for slot in 0..<slotCount { list.slots[row + slot] = captures[slot] }
                case .fail:
                    break
                }
                break
            }
        }
    }
}

/// A sparse set of program counters in insertion (priority) order, with a slot row per pc.
struct ThreadList {
    /// Members in insertion order.
    var dense: [Int32]
    /// `sparse[pc]` is the index of `pc` in `dense` when it is a member.
    var sparse: [Int32]
    /// Number of members.
    var count = 0
    /// Capture slots, `slotCount` per pc.
    var slots: [Int]

    /// An empty list for programs of `capacity` instructions.
    init(capacity: Int, slotCount: Int) {
        dense = [Int32](repeating: 0, count: capacity)
        sparse = [Int32](repeating: 0, count: capacity)
        slots = [Int](repeating: -1, count: capacity * slotCount)
    }

    /// Removes every member in O(1).
    mutating func clear() { count = 0 }

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
