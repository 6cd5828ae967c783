import Synchronization

/// Mutable per-search state (DFA caches, Pike VM buffers) for one regex, handed to one search at
/// a time by `SearchCachePool`.
///
/// `@unchecked Sendable` because it is mutable: the pool guarantees exclusive use.
final class SearchCache: @unchecked Sendable {
    /// Forward DFA, leftmost-first.
    let forward: LazyDFA
    /// Reverse DFA, longest (finds match starts); nil if the reverse program could not be built.
    let reverse: LazyDFA?
    /// Pike VM scratch, created on first use.
    private(set) lazy var pike = PikeVM(program: forward.program)
    /// Backtracker scratch for the capture groups of short matches, created on first use.
    private(set) lazy var backtracker = BoundedBacktracker(program: forward.program)
    /// Set once the reverse DFA proved not worth its cache (`LazyDFA.buildsTooManyStates`):
    /// match starts are then found with anchored forward searches.
    var skipsReverse = false

    /// Fresh caches for a pair of programs; `accelerated` when the forward search can skip
    /// ahead from its start loop.
    init(forward: Program, reverse: Program?, accelerated: Bool) {
        self.forward = LazyDFA(program: forward, reverse: false, leftmostFirst: true, tagsStartLoop: accelerated)
        self.reverse = reverse.map { LazyDFA(program: $0, reverse: true, leftmostFirst: false, tagsStartLoop: false) }
    }
}

/// A small stack of `SearchCache`s behind a `Mutex`: a search takes one (or makes one), uses it
/// without locking, and gives it back. Caches warm up once per worker thread and are reused.
///
/// The reverse program (only needed to locate match starts) is compiled on first use, so rules
/// that never get past `isMatch` never pay for it.
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
        let cache = state.withLock { state -> SearchCache in
            if let cache = state.caches.popLast() { return cache }
            if state.reverse == nil && !state.reverseFailed {
                // Cannot fail where the forward program compiled; fall back to the Pike VM if it does.
                state.reverse = try? ProgramCompiler.reverse(node)
                state.reverseFailed = state.reverse == nil
            }
            return SearchCache(forward: forward, reverse: state.reverse, accelerated: accelerated)
        }
        let result = body(cache)
        state.withLock { state in
            if state.caches.count < SearchCachePool.capacity { state.caches.append(cache) }
        }
        return result
    }
}
