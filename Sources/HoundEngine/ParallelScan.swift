import Dispatch
import HoundModel
import Synchronization

/// Scans many fragments on all cores: each worker owns a `Scanner` and pulls the next item index
/// from one atomic counter; only the caller aggregates, and the result order is the item order,
/// so output is deterministic whatever the scheduling.
public enum ParallelScan {
    /// Scans items `0..<count`. `load(i)` produces item i's fragment (nil to skip it; it may
    /// record its own errors). `progress` is called from workers after each item.
    public static func run(
        count: Int, workers: Int, rules: CompiledRules,
        load: @Sendable (Int) -> Fragment?,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> [FragmentResult?] {
        let next = Atomic<Int>(0)
        let slots = ResultSlots(count: count)
        let width = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            var scanner = Scanner(rules)
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= count { break }
                guard let fragment = load(index) else { continue }
                let result = scanner.scan(fragment)
                slots.store(result, at: index)
                progress?(index, fragment.bytes.count)
            }
        }
        return slots.take()
    }

    /// The number of workers to use by default: every active core.
    public static var defaultWorkers: Int {
        max(1, ProcessInfoLite.activeProcessorCount)
    }
}

/// Per-item result slots written by workers (each index by exactly one worker).
final class ResultSlots: @unchecked Sendable {
    private var results: [FragmentResult?]
    private let lock = Mutex<Void>(())

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func store(_ result: FragmentResult, at index: Int) {
        lock.withLock { _ in results[index] = result }
    }

    func take() -> [FragmentResult?] { lock.withLock { _ in results } }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Processor count without Foundation.
enum ProcessInfoLite {
    static var activeProcessorCount: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
