/// A DFA built on demand from a `Program`, one state per (ordered NFA thread list, look of the
/// previous symbol, "a match ended just before the previous symbol").
///
/// Thread lists stay in priority order and, in leftmost-first mode, everything after a `match`
/// is cut, so the DFA reports exactly the end of Go's leftmost-first match. In longest mode (the
/// reverse DFA that finds where a match starts) nothing is cut. States and transitions are cached
/// up to a memory budget; past it the cache is flushed, and a search that keeps flushing gives up
/// so the caller can fall back to the Pike VM.
///
/// Transition entries are *tagged row offsets*: `state * stride | tag`, where `stride` is a
/// multiple of 4 and the two tag bits say "a match ended before this symbol" (`matchTag`) and
/// "look at the state's flags" (`specialTag`: dead, or the start loop the accelerator can skip).
/// The search loop thus needs one load per byte and no multiplication. `unknown` (-1) has both
/// tag bits set, so it falls into the same slow path.
///
/// One `LazyDFA` is used by one search at a time (see `SearchCachePool`); its tables are raw
/// memory so the hot loops read them without exclusivity checks, and for the same reason its
/// other mutable properties skip the runtime's checks.
final class LazyDFA {
    /// Whether the DFA runs right to left (assertion looks swap sides).
    let reverse: Bool
    /// Cut lower-priority threads at a match (forward) or keep them (reverse, longest).
    let leftmostFirst: Bool
    /// Whether start-loop states are tagged so the search can skip ahead.
    let tagsStartLoop: Bool
    /// Program and its symbol classes.
    let program: Program
    /// Entries per state row: the class count rounded up to a multiple of 4.
    let stride: Int
    /// Whether the program has assertions (otherwise looks are not tracked, for fewer states).
    let usesLook: Bool

    /// Tagged transitions, `stateCapacity * stride` entries; moves when it grows, so re-read it
    /// after `computeTransition` or `startState`.
    private(set) var transitions: UnsafeMutablePointer<Int32>
    /// Per state: `matchFlag` | `deadFlag` | `startLoopFlag`.
    private(set) var flags: UnsafeMutablePointer<UInt8>
    /// Number of states.
    @exclusivity(unchecked) private(set) var stateCount = 0
    @exclusivity(unchecked) private var stateCapacity = 16
    @exclusivity(unchecked) private var kernels: [[Int32]] = []
    @exclusivity(unchecked) private var looks: [UInt8] = []
    @exclusivity(unchecked) private var index: [StateKey: Int32] = [:]
    @exclusivity(unchecked) private var starts: [Int32] = []
    @exclusivity(unchecked) private var memory = 0
    /// Number of times the cache was flushed during the current search.
    var flushesThisSearch = 0
    /// Transitions computed, and bytes read by reverse searches, over the cache's life: how a
    /// reverse DFA that keeps building states is told apart (see `buildsTooManyStates`).
    @exclusivity(unchecked) private(set) var computedTransitions = 0
    var reverseBytesRead = 0
    /// Where the last forward search stopped reading.
    var lastSearchEnd = 0

    private let visited: UnsafeMutablePointer<UInt32>
    private let stack: UnsafeMutablePointer<Int32>
    private let closure: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var generation: UInt32 = 0

    /// Transition not computed yet.
    static let unknown: Int32 = -1
    /// Tag: a match ended right before the symbol of this transition.
    static let matchTag: Int32 = 1
    /// Tag: the target is dead or the start loop; consult `flags`.
    static let specialTag: Int32 = 2
    /// Both tags.
    static let tagMask: Int32 = 3
    /// A match ended right before the symbol that led to this state.
    static let matchFlag: UInt8 = 1
    /// No thread is alive: nothing more can match.
    static let deadFlag: UInt8 = 2
    /// Only the unanchored any-rune loop is alive (acceleration may skip ahead).
    static let startLoopFlag: UInt8 = 4
    /// Cache budget in bytes before a flush.
    static let memoryBudget = 2 << 20

    private struct StateKey: Hashable {
        var kernel: [Int32]
        var look: UInt8
        var matched: Bool
    }

    /// An empty cache for `program`.
    init(program: Program, reverse: Bool, leftmostFirst: Bool, tagsStartLoop: Bool) {
        self.program = program
        self.reverse = reverse
        self.leftmostFirst = leftmostFirst
        self.tagsStartLoop = tagsStartLoop
        self.stride = (program.classes.count + 3) & ~3
        self.usesLook = program.assertionBits != 0
        let size = program.insts.count
        visited = .allocate(capacity: size)
        visited.initialize(repeating: 0, count: size)
        stack = .allocate(capacity: 2 * size + 2)
        closure = .allocate(capacity: size + 1)
        transitions = .allocate(capacity: stateCapacity * stride)
        flags = .allocate(capacity: stateCapacity)
        reset()
    }

    deinit {
        transitions.deallocate()
        flags.deallocate()
        visited.deallocate()
        stack.deallocate()
        closure.deallocate()
    }

    /// The untagged row offset of state `id`.
    @inline(__always)
    func row(_ id: Int32) -> Int { Int(id) &* stride }

    /// The state whose row starts at `row`.
    @inline(__always)
    func state(atRow row: Int) -> Int32 { Int32(row / stride) }

    /// Drops every state and transition.
    private func reset() {
        stateCount = 0
        kernels.removeAll(keepingCapacity: true)
        looks.removeAll(keepingCapacity: true)
        index.removeAll(keepingCapacity: true)
        starts = [Int32](repeating: LazyDFA.unknown, count: 8)
        memory = 0
        _ = addState(StateKey(kernel: [], look: Look.edge, matched: false))  // state 0: dead
    }

    /// The start state for a search whose entry is anchored or not, given the look of the
    /// symbol on the already-seen side (before the start going forward, after it in reverse).
    func startState(anchored: Bool, look: UInt8) -> Int32 {
        let look = usesLook ? look : Look.edge
        let slot = (anchored ? 4 : 0) + Int(look)
        if starts[slot] >= 0 { return starts[slot] }
        let entry = anchored ? program.anchoredStart : program.unanchoredStart
        let state = addState(StateKey(kernel: [entry], look: look, matched: false))
        starts[slot] = state
        return state
    }

    /// The tagged entry of the transition from `state` on class `symbolClass`, computed and
    /// cached.
    func computeTransition(_ state: Int32, _ symbolClass: Int) -> Int32 {
        computedTransitions &+= 1
        let symbol = program.classes.representative[symbolClass]
        let look = looks[Int(state)]
        let symbolLook = usesLook ? Look.of(symbol) : Look.edge
        let mask = reverse ? Look.mask(before: symbolLook, after: look) : Look.mask(before: look, after: symbolLook)
        let kernel = kernels[Int(state)]
        let (closureCount, matched) = program.insts.withUnsafeBufferPointer { insts in
            followEmpty(from: kernel, mask: mask, insts: insts)
        }
        var nextKernel: [Int32] = []
        if symbol != ByteSets.edge {
            generation &+= 1
            for index in 0..<closureCount {
                let target = program.step(Int(closure[index]), symbol)
                if target >= 0 && visited[Int(target)] != generation {
                    visited[Int(target)] = generation
                    nextKernel.append(target)
                }
            }
        }
        var source = state
        if memory > LazyDFA.memoryBudget {
            // Flush, keeping the source state so its row can still be filled in.
            let key = StateKey(kernel: kernel, look: look, matched: flags[Int(state)] & LazyDFA.matchFlag != 0)
            reset()
            flushesThisSearch += 1
            source = addState(key)
        }
        let target = addState(StateKey(kernel: nextKernel, look: symbolLook, matched: matched))
        let entry = taggedEntry(target)
        transitions[row(source) + symbolClass] = entry
        return entry
    }

    /// `row(id)` with the tags of state `id`.
    private func taggedEntry(_ id: Int32) -> Int32 {
        let flag = flags[Int(id)]
        var tags: Int32 = flag & LazyDFA.matchFlag != 0 ? LazyDFA.matchTag : 0
        if flag & LazyDFA.deadFlag != 0 || (tagsStartLoop && flag & LazyDFA.startLoopFlag != 0) {
            tags |= LazyDFA.specialTag
        }
        return Int32(row(id)) | tags
    }

    /// Computes, into `closure`, the consuming instructions reachable from `kernel` without
    /// consuming, in priority order; returns their number and whether a `match` was reached (in
    /// leftmost-first mode everything after it is cut).
    private func followEmpty(from kernel: [Int32], mask: UInt8, insts: UnsafeBufferPointer<Program.Inst>)
        -> (count: Int, matched: Bool)
    {
        generation &+= 1
        let generation = self.generation
        var count = 0
        var depth = 0
        for pc in kernel.reversed() {
            stack[depth] = pc
            depth += 1
        }
        var matched = false
        while depth > 0 {
            depth -= 1
            var pc = stack[depth]
            while visited[Int(pc)] != generation {
                visited[Int(pc)] = generation
                let inst = insts[Int(pc)]
                switch inst.op {
                case .split:
                    stack[depth] = inst.b
                    depth += 1
                    pc = inst.a
                    continue
                case .save:
                    pc = inst.a
                    continue
                case .assert:
                    guard mask & (1 << UInt8(inst.b)) != 0 else { break }
                    pc = inst.a
                    continue
                case .consume:
                    closure[count] = pc
                    count += 1
                case .match:
                    matched = true
                    if leftmostFirst { return (count, true) }
                case .fail:
                    break
                }
                break
            }
        }
        return (count, matched)
    }

    /// Interns a state, returning its id.
    private func addState(_ key: StateKey) -> Int32 {
        if let existing = index[key] { return existing }
        if stateCount == stateCapacity { grow() }
        let id = Int32(stateCount)
        var flag: UInt8 = key.matched ? LazyDFA.matchFlag : 0
        if key.kernel.isEmpty { flag |= LazyDFA.deadFlag }
        if !reverse && !key.matched && key.kernel.count == 1 && key.kernel[0] == program.unanchoredStart
            && program.unanchoredStart != program.anchoredStart
        {
            flag |= LazyDFA.startLoopFlag
        }
        kernels.append(key.kernel)
        looks.append(key.look)
        flags[stateCount] = flag
        // A dead row leads back to the dead state (row 0, tagged special).
        let fill = key.kernel.isEmpty ? LazyDFA.specialTag : LazyDFA.unknown
        (transitions + stateCount * stride).initialize(repeating: fill, count: stride)
        stateCount += 1
        index[key] = id
        memory += stride * 4 + key.kernel.count * 12 + 96
        return id
    }

    /// Doubles the state capacity.
    private func grow() {
        let capacity = stateCapacity * 2
        let newTransitions = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * stride)
        newTransitions.moveInitialize(from: transitions, count: stateCount * stride)
        transitions.deallocate()
        transitions = newTransitions
        let newFlags = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        newFlags.moveInitialize(from: flags, count: stateCount)
        flags.deallocate()
        flags = newFlags
        stateCapacity = capacity
    }
}
