import Synchronization

/// Mutable per-search state (DFA caches, Pike VM buffers) for one regex, handed to one search at
/// a time by `SearchCachePool`.
///
/// `@unchecked Sendable` because it is mutable: the pool guarantees exclusive use, which is also
/// why its mutable properties skip the runtime's exclusivity checks (each search paid for them).
final class SearchCache: @unchecked Sendable {
    /// Forward DFA, leftmost-first.
    let forward: LazyDFA
    /// Reverse DFA, longest (finds match starts), built when the first match needs its start
    /// (most searches of a rule's windows find nothing); nil if the reverse program could not be
    /// built.
    var reverse: LazyDFA? {
        if let built = builtReverse { return built }
        let built = pool.reverseProgram().map {
            LazyDFA(program: $0, reverse: true, leftmostFirst: false, tagsStartLoop: false)
        }
        builtReverse = .some(built)
        return built
    }
    /// The pool this cache belongs to (which outlives it: caches live in it or in a search).
    private unowned let pool: SearchCachePool
    /// Pike VM scratch, created on first use.
    var pike: PikeVM {
        if let built = builtPike { return built }
        let built = PikeVM(program: forward.program)
        builtPike = built
        return built
    }
    /// Backtracker scratch for the capture groups of short matches, created on first use.
    var backtracker: BoundedBacktracker {
        if let built = builtBacktracker { return built }
        let built = BoundedBacktracker(program: forward.program)
        builtBacktracker = built
        return built
    }
    // What the three above built (stored, not `lazy`, so they can skip the runtime checks).
    @exclusivity(unchecked) private var builtReverse: LazyDFA??
    @exclusivity(unchecked) private var builtPike: PikeVM?
    @exclusivity(unchecked) private var builtBacktracker: BoundedBacktracker?
    /// Set once the reverse DFA proved not worth its cache (`LazyDFA.buildsTooManyStates`):
    /// match starts are then found with anchored forward searches.
    @exclusivity(unchecked) var skipsReverse = false

    /// Fresh caches for `pool`'s forward program; `accelerated` when the forward search can skip
    /// ahead from its start loop.
    init(forward: Program, pool: SearchCachePool, accelerated: Bool) {
        self.forward = LazyDFA(program: forward, reverse: false, leftmostFirst: true, tagsStartLoop: accelerated)
        self.pool = pool
    }
}

/// A small stack of `SearchCache`s behind a `Mutex`: a search takes one (or makes one), uses it
/// without locking, and gives it back. Caches warm up once per worker thread and are reused.
///
/// The reverse program (only needed to locate match starts) is compiled when the first match
/// needs it, so rules whose windows hold no match never pay for it (compiling it was 2 % of a
/// scan's instructions on the benchmark corpus).
final class SearchCachePool: Sendable {
    private struct State {
        var caches: [SearchCache] = []
        var reverse: Program?
        var reverseFailed = false
    }

    private let state = Mutex(State())
    private let forward: Program
    private let node: RegexNode
    private let accelerated: Bool
    /// Caches kept when returned; more are dropped.
    static let capacity = 4

    /// A pool making caches for the forward program of `node`.
    init(forward: Program, node: RegexNode, accelerated: Bool) {
        self.forward = forward
        self.node = node
        self.accelerated = accelerated
    }

    /// Runs `body` with exclusive use of a cache.
    func withCache<Result>(_ body: (SearchCache) -> Result) -> Result {
        let cache =
            state.withLock { $0.caches.popLast() }
            ?? SearchCache(forward: forward, pool: self, accelerated: accelerated)
        let result = body(cache)
        state.withLock { state in
            if state.caches.count < SearchCachePool.capacity { state.caches.append(cache) }
        }
        return result
    }

    /// The reverse program, compiled by the first caller; nil if it cannot be built.
    func reverseProgram() -> Program? {
        state.withLock { state in
            if state.reverse == nil && !state.reverseFailed {
                // Cannot fail where the forward program compiled; fall back to the Pike VM if it does.
                state.reverse = try? ProgramCompiler.reverse(node)
                state.reverseFailed = state.reverse == nil
            }
            return state.reverse
        }
    }
}
