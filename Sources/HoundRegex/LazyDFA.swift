/// A DFA built on demand from a `Program`, one state per (ordered NFA thread list, look of the
/// previous symbol, "a match ended just before the previous symbol").
///
/// Thread lists stay in priority order and, in leftmost-first mode, everything after a `match`
/// is cut, so the DFA reports exactly the end of Go's leftmost-first match. In longest mode (the
/// reverse DFA that finds where a match starts) nothing is cut. States and transitions are cached
/// up to a memory budget; past it the cache is flushed, and a search that keeps flushing gives up
/// so the caller can fall back to the Pike VM.
///
/// One `LazyDFA` is used by one search at a time (see `SearchCachePool`).
final class LazyDFA {
    /// Whether the DFA runs right to left (assertion looks swap sides).
    let reverse: Bool
    /// Cut lower-priority threads at a match (forward) or keep them (reverse, longest).
    let leftmostFirst: Bool
    /// Program and its symbol classes.
    let program: Program
    /// Transitions per state row (one per class).
    let stride: Int
    /// Whether the program has assertions (otherwise looks are not tracked, for fewer states).
    let usesLook: Bool

    /// `transitions[state * stride + class]`: target state, or `unknown`.
    private(set) var transitions: [Int32] = []
    /// Per state: `matchFlag` | `deadFlag` | `startLoopFlag`.
    private(set) var flags: [UInt8] = []
    private var kernels: [[Int32]] = []
    private var looks: [UInt8] = []
    private var index: [StateKey: Int32] = [:]
    private var starts: [Int32] = []
    private var memory = 0
    /// Number of times the cache was flushed during the current search.
    var flushesThisSearch = 0

    private var visited: [UInt32]
    private var generation: UInt32 = 0
    private var stack: [Int32] = []
    private var closure: [Int32] = []
    private var nextKernel: [Int32] = []

    /// Cached transition not computed yet.
    static let unknown: Int32 = -1
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
    init(program: Program, reverse: Bool, leftmostFirst: Bool) {
        self.program = program
        self.reverse = reverse
        self.leftmostFirst = leftmostFirst
        self.stride = program.classes.count
        self.usesLook = program.assertionBits != 0
        visited = [UInt32](repeating: 0, count: program.insts.count)
        reset()
    }

    /// Drops every state and transition.
    private func reset() {
        transitions.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
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

    /// The state after `state` reads a symbol of class `symbolClass`, computing and caching it.
    func computeTransition(_ state: Int32, _ symbolClass: Int) -> Int32 {
        let symbol = program.classes.representative[symbolClass]
        let look = looks[Int(state)]
        let symbolLook = usesLook ? Look.of(symbol) : Look.edge
        let mask = reverse ? Look.mask(before: symbolLook, after: look) : Look.mask(before: look, after: symbolLook)
        let matched = followEmpty(from: kernels[Int(state)], mask: mask)
        nextKernel.removeAll(keepingCapacity: true)
        if symbol != ByteSets.edge {
            generation &+= 1
            for pc in closure where program.insts[Int(pc)].op == .consume {
                let target = program.step(Int(pc), symbol)
                if target >= 0 && visited[Int(target)] != generation {
                    visited[Int(target)] = generation
                    nextKernel.append(target)
                }
            }
        }
        var source = state
        if memory > LazyDFA.memoryBudget {
            // Flush, keeping the source state so its row can still be filled in.
            let key = StateKey(kernel: kernels[Int(state)], look: look, matched: flags[Int(state)] & LazyDFA.matchFlag != 0)
            reset()
            flushesThisSearch += 1
            source = addState(key)
        }
        let target = addState(StateKey(kernel: nextKernel, look: symbolLook, matched: matched))
        transitions[Int(source) * stride + symbolClass] = target
        return target
    }

    /// Computes, into `closure`, the consuming instructions reachable from `kernel` without
    /// consuming, in priority order; returns whether a `match` was reached (in leftmost-first
    /// mode everything after it is cut).
    private func followEmpty(from kernel: [Int32], mask: UInt8) -> Bool {
        generation &+= 1
        closure.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        for pc in kernel.reversed() { stack.append(pc) }
        var matched = false
        while var pc = stack.popLast() {
            while visited[Int(pc)] != generation {
                visited[Int(pc)] = generation
                let inst = program.insts[Int(pc)]
                switch inst.op {
                case .split:
                    stack.append(inst.b)
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
                    closure.append(pc)
                case .match:
                    matched = true
                    if leftmostFirst {
                        stack.removeAll(keepingCapacity: true)
                        return true
                    }
                case .fail:
                    break
                }
                break
            }
        }
        return matched
    }

    /// Interns a state, returning its id.
    private func addState(_ key: StateKey) -> Int32 {
        if let existing = index[key] { return existing }
        let id = Int32(kernels.count)
        var flag: UInt8 = key.matched ? LazyDFA.matchFlag : 0
        if key.kernel.isEmpty { flag |= LazyDFA.deadFlag }
        if key.kernel == [program.unanchoredStart] && !key.matched && !reverse && program.unanchoredStart != program.anchoredStart {
            flag |= LazyDFA.startLoopFlag
        }
        kernels.append(key.kernel)
        looks.append(key.look)
        flags.append(flag)
        let fill = key.kernel.isEmpty ? 0 : LazyDFA.unknown  // a dead row leads back to the dead state
        transitions.append(contentsOf: repeatElement(fill, count: stride))
        index[key] = id
        memory += stride * 4 + key.kernel.count * 8 + 64
        return id
    }
}
