import Dispatch
import HoundModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scans many fragments on all cores. Each worker owns a `Scanner` (and whatever loader state it
/// needs, e.g. a file reader with its buffer) and pulls the next item from one atomic counter;
/// children return values and only the caller aggregates, so output is deterministic whatever the
/// scheduling.
public enum ParallelScan {
    /// What scanning one item gave: its result and how many bytes were scanned.
    public typealias Scanned = (result: FragmentResult, bytes: Int)

    /// Scans items `0..<count`. Each worker calls `makeLoader()` once, then
    /// `scanItem(&scanner, loader, i)` for the items it takes, which loads the item and scans it
    /// with the worker's scanner (nil skips an item; the loader may record why).
    /// `progress(bytes)` is called after each scanned item.
    public static func run<Loader>(
        count: Int, workers: Int, rules: CompiledRules,
        makeLoader: @Sendable () -> Loader,
        scanItem: @Sendable (inout Scanner, Loader, Int) -> Scanned?,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> [FragmentResult?] {
        let next = Atomic<Int>(0)
        let slots = ResultSlots(count: count)
        let width = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            var scanner = Scanner(rules)
            let loader = makeLoader()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= count { break }
                guard let scanned = scanItem(&scanner, loader, index) else { continue }
                slots.store(scanned.result, at: index)
                progress?(scanned.bytes)
            }
        }
        return slots.take()
    }

    /// Scans fragments produced one at a time by `produce` (a git stream), on `workers` threads
    /// fed through a bounded queue so memory stays bounded. Each fragment travels with a
    /// `context` value that comes back with its result; only fragments with findings or
    /// suppressed findings are returned, in production order.
    public static func stream<Context: Sendable, Failure: Error>(
        workers: Int, rules: CompiledRules, capacity: Int = 64,
        progress: (@Sendable (Int) -> Void)? = nil,
        produce: (_ push: (Fragment, Context) -> Void) throws(Failure) -> Void
    ) throws(Failure) -> [(context: Context, result: FragmentResult)] {
        let queue = BoundedQueue<(Int, Fragment, Context)>(capacity: capacity)
        let collected = Mutex<[(Int, Context, FragmentResult)]>([])
        let group = DispatchGroup()
        for _ in 0..<max(1, workers) {
            DispatchQueue.global().async(group: group) {
                var scanner = Scanner(rules)
                var local: [(Int, Context, FragmentResult)] = []
                while let (index, fragment, context) = queue.pop() {
                    let result = scanner.scan(fragment)
                    if !result.findings.isEmpty || !result.suppressed.isEmpty { local.append((index, context, result)) }
                    progress?(fragment.bytes.count)
                }
                collected.withLock { $0 += local }
            }
        }
        var produced = 0
        var failure: Failure?
        do {
            try produce { fragment, context in
                queue.push((produced, fragment, context))
                produced += 1
            }
        } catch {
            failure = error
        }
        queue.close()
        group.wait()
        if let failure { throw failure }
        return collected.withLock { $0 }.sorted { $0.0 < $1.0 }.map { (context: $0.1, result: $0.2) }
    }

    /// Scans items as `produce` pushes them (a directory walk), on `workers` threads fed through
    /// a bounded queue: each worker calls `makeLoader()` once, then
    /// `scanItem(&scanner, loader, item)` for the items it takes (nil skips one; the loader may
    /// record why). Returns the results that hold findings or suppressed findings, in push
    /// order, and how many items were scanned.
    /// Items travel in batches of `batch`: one hand-over per item cost a thread wake-up and a
    /// context switch per file (40,000 on a 30,000-file tree, a tenth of a one-core scan).
    public static func pull<Item: Sendable, Loader>(
        workers: Int, rules: CompiledRules, capacity: Int = 1024, batch: Int = 32,
        makeLoader: @escaping @Sendable () -> Loader,
        scanItem: @escaping @Sendable (inout Scanner, Loader, Item) -> Scanned?,
        progress: (@Sendable (Int) -> Void)? = nil,
        produce: (_ push: (Item) -> Void) -> Void
    ) -> (results: [FragmentResult], loaded: Int) {
        let batch = max(1, batch)
        let queue = BoundedQueue<[(Int, Item)]>(capacity: max(1, capacity / batch))
        let collected = Mutex<[(Int, FragmentResult)]>([])
        let loaded = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<max(1, workers) {
            DispatchQueue.global().async(group: group) {
                var scanner = Scanner(rules)
                let loader = makeLoader()
                var local: [(Int, FragmentResult)] = []
                var count = 0
                while let items = queue.pop() {
                    for (index, item) in items {
                        guard let (result, bytes) = scanItem(&scanner, loader, item) else { continue }
                        count += 1
                        if !result.findings.isEmpty || !result.suppressed.isEmpty { local.append((index, result)) }
                        progress?(bytes)
                    }
                }
                loaded.wrappingAdd(count, ordering: .relaxed)
                collected.withLock { $0 += local }
            }
        }
        var pushed = 0
        var pending: [(Int, Item)] = []
        pending.reserveCapacity(batch)
        produce { item in
            pending.append((pushed, item))
            pushed += 1
            if pending.count == batch {
                queue.push(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { queue.push(pending) }
        queue.close()
        group.wait()
        let results = collected.withLock { $0 }.sorted { $0.0 < $1.0 }.map(\.1)
        return (results, loaded.load(ordering: .relaxed))
    }

    /// The number of workers to use by default: every online core.
    public static var defaultWorkers: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

/// Per-item result slots written by workers (each index by exactly one worker).
final class ResultSlots: Sendable {
    private let results: Mutex<[FragmentResult?]>

    init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }

    func store(_ result: FragmentResult, at index: Int) {
        results.withLock { $0[index] = result }
    }

    func take() -> [FragmentResult?] { results.withLock { $0 } }
}

/// A blocking FIFO of bounded size between one producer and several consumers.
final class BoundedQueue<Element: Sendable>: Sendable {
    private struct State: ~Copyable {
        /// Taken slots are emptied at once: a popped element (a whole blob) is not kept alive
        /// until the next compaction.
        var items: [Element?] = []
        var head = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let slots: DispatchSemaphore
    private let available = DispatchSemaphore(value: 0)

    init(capacity: Int) { slots = DispatchSemaphore(value: max(1, capacity)) }

    /// Adds an element, waiting while the queue is full.
    func push(_ element: Element) {
        slots.wait()
        state.withLock { $0.items.append(element) }
        available.signal()
    }

    /// Ends production: consumers drain what is left, then `pop` returns nil.
    func close() {
        state.withLock { $0.closed = true }
        available.signal()
    }

    /// The next element, waiting for one; nil once closed and drained.
    func pop() -> Element? {
        while true {
            available.wait()
            let element: Element?? = state.withLock { s in
                if s.head < s.items.count, let e = s.items[s.head] {
                    s.items[s.head] = nil
                    s.head += 1
                    if s.head > 1024 && s.head * 2 > s.items.count {
                        s.items.removeFirst(s.head)
                        s.head = 0
                    }
                    return .some(e)
                }
                return s.closed ? .some(nil) : nil
            }
            switch element {
            case .some(.some(let e)):
                slots.signal()
                return e
            case .some(.none):
                available.signal()  // wake the next consumer so it sees the close too
                return nil
            case .none:
                continue
            }
        }
    }
}
