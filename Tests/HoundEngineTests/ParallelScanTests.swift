import Dispatch
import HoundEngine
import HoundModel
import HoundRules
import Synchronization
import Testing

/// `ParallelScan.scan`, the one entry point every source feeds: results in push order whatever
/// the scheduling, skipped items not counted, a producer's error thrown after what it pushed.
@Suite struct ParallelScanTests {
    static let rules = [ScannerTests.tokenRule]

    /// Fragment `i` holds the token when `i` is a multiple of 7.
    static func fragment(_ index: Int) -> Fragment {
        let text = index % 7 == 0 ? "key: \(ScannerTests.token)\n" : "nothing here \(index)\n"
        return Fragment(path: "f\(index).txt", bytes: Array(text.utf8), provenance: .file)
    }

    @Test("results come back in push order with their tags; skipped items are not counted")
    func pushOrder() throws {
        let compiled = try CompiledRules(RuleSet(rules: Self.rules))
        for (workers, batch) in [(1, 1), (4, 3), (8, 32)] {
            let output = ParallelScan.scan(
                workers: workers, rules: compiled, capacity: 16, batch: batch,
                makeLoader: {},
                scanItem: { (scanner: inout Scanner, _: Void, index: Int) -> ParallelScan.Scanned<Int>? in
                    guard index % 5 != 4 else { return nil }  // "unreadable"
                    let fragment = Self.fragment(index)
                    return ParallelScan.Scanned(scanner.scan(fragment), bytes: fragment.bytes.count, tag: index)
                },
                produce: { push in (0..<200).forEach(push) })
            let expected = (0..<200).filter { $0 % 7 == 0 && $0 % 5 != 4 }
            #expect(output.results.map(\.tag) == expected, "workers \(workers), batch \(batch)")
            #expect(output.results.allSatisfy { $0.result.findings.first?.location.path == "f\($0.tag).txt" })
            #expect(output.scanned == (0..<200).filter { $0 % 5 != 4 }.count)
        }
    }

    struct Stop: Error {}

    @Test("an error the producer throws is thrown once the workers are done")
    func producerError() throws {
        let compiled = try CompiledRules(RuleSet(rules: Self.rules))
        #expect(throws: Stop.self) {
            _ = try ParallelScan.scan(
                workers: 2, rules: compiled, makeLoader: {},
                scanItem: { (scanner: inout Scanner, _: Void, fragment: Fragment) in
                    ParallelScan.Scanned(scanner.scan(fragment), bytes: fragment.bytes.count, tag: ())
                },
                produce: { (push: (Fragment) -> Void) throws(Stop) in
                    (0..<50).map(Self.fragment).forEach(push)
                    throw Stop()
                })
        }
    }

    @Test(
        "scans side by side in one process all finish, each with all its items",
        .timeLimit(.minutes(1)))
    func scansSideBySide() throws {
        let compiled = try CompiledRules(RuleSet(rules: Self.rules))
        let finished = Atomic<Int>(0)
        // Far more blocked workers than cores, producers on pool threads waiting on full queues.
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let output = ParallelScan.scan(
                workers: 4, rules: compiled, capacity: 2, batch: 1,
                makeLoader: {},
                scanItem: { (scanner: inout Scanner, _: Void, index: Int) in
                    let fragment = Self.fragment(index)
                    return ParallelScan.Scanned(scanner.scan(fragment), bytes: fragment.bytes.count, tag: index)
                },
                produce: { push in (0..<100).forEach(push) })
            if output.scanned == 100 { finished.wrappingAdd(1, ordering: .relaxed) }
        }
        #expect(finished.load(ordering: .relaxed) == 16)
    }
}
