import Foundation
import HoundTestSupport
import Testing

@testable import HoundRegex

/// Throughput and compile-time figures. Runs only with `HOUNDREGEX_BENCH=1`, and is meant for a
/// release build:
///
///     swift build -c release --build-tests -Xswiftc -enable-testing
///     HOUNDREGEX_BENCH=1 swift test -c release --skip-build -Xswiftc -enable-testing --filter BenchmarkTests
///
/// The corpus is real source text: `HOUNDREGEX_CORPUS` (a directory), else the Python standard
/// library if found, else synthetic code-like text.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["HOUNDREGEX_BENCH"] == "1"))
struct BenchmarkTests {
    static let corpus: [UInt8] = loadCorpus(limit: 16 << 20)

    static func loadCorpus(limit: Int) -> [UInt8] {
        let environment = ProcessInfo.processInfo.environment
        let directories = [
            environment["HOUNDREGEX_CORPUS"], "/root/.pyenv/versions/3.11.7/lib/python3.11", "/usr/lib/python3.11",
        ]
        for case let directory? in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            var bytes: [UInt8] = []
            for name in names.sorted() where name.hasSuffix(".py") || name.hasSuffix(".swift") || name.hasSuffix(".c") {
                if let data = FileManager.default.contents(atPath: directory + "/" + name) { bytes += data }
                if bytes.count >= limit { break }
            }
            if bytes.count > 1 << 20 { return bytes }
        }
        var random = SplitMix64(seed: 1)
        let words = [
            "let", "value", "self", "return", "func", "if", "for", "in", "config", "name", "=", "(", ")", "{", "}",
            "\n", "    ", "\"text\"", "42",
        ]
        var text = ""
        while text.utf8.count < 8 << 20 { text += words.randomElement(using: &random)! + " " }
        return Array(text.utf8)
    }

    static func megabytesPerSecond(_ bytes: Int, _ seconds: Double) -> String {
        String(format: "%.0f MB/s", Double(bytes) / seconds / 1e6)
    }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test func compileTimes() throws {
        let rules = [
            ("aws", GitleaksStyleTests.aws), ("github", GitleaksStyleTests.github),
            ("slack", GitleaksStyleTests.slack), ("pem", GitleaksStyleTests.pem),
            ("generic", GitleaksStyleTests.generic),
        ]
        for (name, pattern) in rules {
            let iterations = 200
            let seconds = Self.time {
                for _ in 0..<iterations { _ = try? CompiledRegex(pattern) }
            }
            print("bench compile \(name): \(String(format: "%.1f", seconds / Double(iterations) * 1e6)) µs")
        }
    }

    @Test func throughput() throws {
        let corpus = Self.corpus
        print("bench corpus: \(corpus.count) bytes")
        let generic = try CompiledRegex(GitleaksStyleTests.generic)
        let github = try CompiledRegex(GitleaksStyleTests.github)
        let aws = try CompiledRegex(GitleaksStyleTests.aws)
        corpus.withUnsafeBufferPointer { text in
            let all = 0..<text.count
            var count = 0
            var seconds = Self.time { count = generic.allMatches(in: text, range: all).count }
            print(
                "bench generic allMatches (DFA + reverse DFA + Pike on spans): \(Self.megabytesPerSecond(text.count, seconds)), \(count) matches"
            )

            let pikeSpan = 0..<min(text.count, 256 << 10)
            seconds = Self.time {
                count = 0
                var position = pikeSpan.lowerBound
                while let match = generic.pool.withCache({
                    generic.pikeMatch(in: text, start: position, end: pikeSpan.upperBound, anchored: false, cache: $0)
                }) {
                    count += 1
                    position = max(match.range.upperBound, position + 1)
                }
            }
            print("bench generic Pike VM only: \(Self.megabytesPerSecond(pikeSpan.count, seconds)), \(count) matches")

            var found = false
            seconds = Self.time { found = generic.isMatch(in: text, range: all) }
            print("bench generic isMatch (stops at first): \(found) after \(String(format: "%.3f", seconds * 1000)) ms")

            for (name, regex) in [("github", github), ("aws", aws)] {
                seconds = Self.time { found = regex.isMatch(in: text, range: all) }
                print("bench \(name) isMatch over corpus (\(found)): \(Self.megabytesPerSecond(text.count, seconds))")
                seconds = Self.time { count = regex.allMatches(in: text, range: all).count }
                print(
                    "bench \(name) allMatches over corpus (\(count)): \(Self.megabytesPerSecond(text.count, seconds))")
            }
            let noLiteral = try? CompiledRegex(#"[A-Z]{2}[0-9]{6}[a-z]{3}"#)
            if let noLiteral {
                seconds = Self.time { found = noLiteral.isMatch(in: text, range: all) }
                print(
                    "bench no-literal class rule isMatch (DFA only, \(found)): \(Self.megabytesPerSecond(text.count, seconds))"
                )
            }
        }
    }

    @Test func windowsAroundKeywordHits() throws {
        // What the engine does: run the generic rule on ±256-byte windows around each "key" hit.
        let corpus = Self.corpus
        let generic = try CompiledRegex(GitleaksStyleTests.generic)
        var hits: [Int] = []
        let key = Array("key".utf8)
        var index = 0
        while index + 3 <= corpus.count {
            if corpus[index] == key[0] && corpus[index + 1] == key[1] && corpus[index + 2] == key[2] {
                hits.append(index)
            }
            index += 1
        }
        corpus.withUnsafeBufferPointer { text in
            var count = 0
            let seconds = Self.time {
                for hit in hits {
                    let window = max(0, hit - 256)..<min(text.count, hit + 256)
                    if generic.firstMatch(in: text, range: window) != nil { count += 1 }
                }
            }
            print(
                "bench generic on \(hits.count) windows of 512 bytes: \(String(format: "%.2f", seconds / Double(max(1, hits.count)) * 1e6)) µs per window, \(count) with a match, \(Self.megabytesPerSecond(hits.count * 512, seconds))"
            )
        }
    }
}
