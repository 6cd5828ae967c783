import Dispatch
import HoundModel
import HoundSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scans many fragments on all cores, through one entry point every input feeds.
///
/// A producer pushes items (a file to read, a fragment in memory, a blob from git, a chunk of
/// standard input) into a bounded queue, in batches; each worker owns a `Scanner` and whatever
/// loader state it needs (a file reader with its buffer), takes batches and scans them. Children
/// return values and only the caller aggregates: results come back in push order, so output is
/// deterministic whatever the scheduling, and memory stays bounded whatever the number of items.
public enum ParallelScan {
    /// What scanning one item gave: its result, how many bytes were scanned, and the item's tag
    /// (what the caller needs to place the result: a blob id, a chunk's position; `Void` if
    /// nothing).
    public struct Scanned<Tag: Sendable>: Sendable {
        /// The scanner's findings and suppressed findings.
        public var result: FragmentResult
        /// Bytes scanned (for progress).
        public var bytes: Int
        /// What comes back with the result.
        public var tag: Tag

        /// A scanned item.
        public init(_ result: FragmentResult, bytes: Int, tag: Tag) {
            self.result = result
            self.bytes = bytes
            self.tag = tag
        }
    }

    /// What a scan gave: the results that hold findings or suppressed findings, in push order,
    /// each with its item's tag, and how many items were scanned (not skipped).
    public struct Output<Tag: Sendable> {
        /// Results with findings or suppressed findings, in push order.
        public var results: [(tag: Tag, result: FragmentResult)]
        /// Items scanned (a skipped item, `scanItem` returning nil, is not counted).
        public var scanned: Int
    }

    /// Scans the items `produce` pushes, on `workers` threads fed through a bounded queue of
    /// `capacity` items travelling in batches of `batch`: each worker calls `makeLoader()` once,
    /// then `scanItem(&scanner, loader, item)` for the items it takes, which loads the item and
    /// scans it with the worker's scanner (nil skips an item; the loader may record why).
    /// `progress(bytes)` is called after each scanned item. An error `produce` throws is thrown
    /// once every item pushed before it is scanned.
    ///
    /// Batches: one hand-over per item cost a thread wake-up and a context switch per file
    /// (40,000 on a 30,000-file tree, a tenth of a one-core scan); big items (blobs, chunks of
    /// standard input) travel one at a time in a small queue, so memory stays bounded.
    public static func scan<Item: Sendable, Tag: Sendable, Loader, Failure: Error>(
        workers: Int, rules: CompiledRules, capacity: Int = 1024, batch: Int = 32,
        makeLoader: @escaping @Sendable () -> Loader,
        scanItem: @escaping @Sendable (inout Scanner, Loader, Item) -> Scanned<Tag>?,
        progress: (@Sendable (Int) -> Void)? = nil,
        produce: (_ push: (Item) -> Void) throws(Failure) -> Void
    ) throws(Failure) -> Output<Tag> {
        let batch = max(1, batch)
        let queue = BoundedQueue<[(Int, Item)]>(capacity: max(1, capacity / batch))
        let collected = Mutex<[(Int, Tag, FragmentResult)]>([])
        let scannedCount = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<max(1, workers) {
            group.enter()
            let work: @Sendable () -> Void = {
                defer { group.leave() }
                var scanner = Scanner(rules)
                let loader = makeLoader()
                var local: [(Int, Tag, FragmentResult)] = []
                var count = 0
                while let items = queue.pop() {
                    for (index, item) in items {
                        guard let scanned = scanItem(&scanner, loader, item) else { continue }
                        count += 1
                        if !scanned.result.findings.isEmpty || !scanned.result.suppressed.isEmpty {
                            local.append((index, scanned.tag, scanned.result))
                        }
                        progress?(scanned.bytes)
                    }
                }
                scannedCount.wrappingAdd(count, ordering: .relaxed)
                collected.withLock { $0 += local }
            }
            // A thread of its own per worker (about 0.1 ms to start): a worker blocks while it
            // waits for items, and whether dispatch's global pool adds threads for blocked ones
            // is a heuristic of its own (on Linux, a monitor thread); scans side by side in one
            // process (the test suites, a library caller) then never wait on each other.
            if !DetachedThread.start(work) { DispatchQueue.global().async(execute: work) }
        }
        var pushed = 0
        var pending: [(Int, Item)] = []
        pending.reserveCapacity(batch)
        var failure: Failure?
        do {
            try produce { item in
                pending.append((pushed, item))
                pushed += 1
                if pending.count == batch {
                    queue.push(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            failure = error
        }
        if !pending.isEmpty { queue.push(pending) }
        pending = []
        queue.close()
        group.wait()
        if let failure { throw failure }
        let results = collected.withLock { $0 }.sorted { $0.0 < $1.0 }.map { (tag: $0.1, result: $0.2) }
        return Output(results: results, scanned: scannedCount.load(ordering: .relaxed))
    }

    /// The number of workers to use by default: every online core.
    public static var defaultWorkers: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
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
