import Synchronization

/// Mutable per-search state (DFA caches, Pike VM buffers) for one regex, handed to one search at
/// a time by `SearchCachePool`.
///
/// `@unchecked Sendable` because it is mutable: the pool guarantees exclusive use.
final class SearchCache: @unchecked Sendable {
    /// Forward DFA, leftmost-first.
    let forward: LazyDFA
    /// Reverse DFA, longest (finds match starts).
    let reverse: LazyDFA
    /// Pike VM scratch, created on first use.
    private(set) lazy var pike = PikeVM(program: forward.program)

    /// Fresh caches for a pair of programs.
    init(forward: Program, reverse: Program) {
        self.forward = LazyDFA(program: forward, reverse: false, leftmostFirst: true)
        self.reverse = LazyDFA(program: reverse, reverse: true, leftmostFirst: false)
    }
}

/// A small stack of `SearchCache`s behind a `Mutex`: a search takes one (or makes one), uses it
/// without locking, and gives it back. Caches warm up once per worker thread and are reused.
final class SearchCachePool: Sendable {
    private let caches = Mutex<[SearchCache]>([])
    private let forward: Program
    private let reverse: Program
    /// Caches kept when returned; more are dropped.
    static let capacity = 8

    /// A pool making caches for these programs.
    init(forward: Program, reverse: Program) {
        self.forward = forward
        self.reverse = reverse
    }

    /// Runs `body` with exclusive use of a cache.
    func withCache<Result>(_ body: (SearchCache) -> Result) -> Result {
        let cache = caches.withLock { $0.popLast() } ?? SearchCache(forward: forward, reverse: reverse)
        let result = body(cache)
        caches.withLock { stack in
            if stack.count < SearchCachePool.capacity { stack.append(cache) }
        }
        return result
    }
}
