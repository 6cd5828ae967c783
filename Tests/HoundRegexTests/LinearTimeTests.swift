import Foundation
import Testing

@testable import HoundRegex

/// Patterns that make backtracking engines explode answer in milliseconds here.
@Suite struct LinearTimeTests {
    static let pathological: [(pattern: String, text: String)] = [
        ("(a+)+b", String(repeating: "a", count: 100_000)),
        ("(x+x+)+y", String(repeating: "x", count: 100_000)),
        ("(.*)*$", String(repeating: "ab", count: 50_000) + "\n"),
        ("(a|a)*b", String(repeating: "a", count: 100_000)),
        ("(a|aa)*c", String(repeating: "a", count: 100_000)),
        (#"(?i)[\w.-]{0,50}?(?:api|key)[\s'"]{0,3}=([\w.=-]{10,150})z"#, String(repeating: "apikey=", count: 15_000)),
    ]

    @Test func pathologicalPatternsStayFast() throws {
        for (pattern, text) in Self.pathological {
            let regex = try CompiledRegex(pattern)
            let bytes = Array(text.utf8)
            let started = Date()
            let match = regex.firstMatch(in: bytes)
            let all = regex.allMatches(in: bytes).count
            let elapsed = Date().timeIntervalSince(started)
            print(
                "linear-time \(pattern) over \(bytes.count) bytes: \(String(format: "%.1f", elapsed * 1000)) ms, match \(notation(match)), \(all) matches"
            )
            // Load-proof: a backtracking blow-up on this input takes hours, not seconds.
            #expect(elapsed < 10.0, "\(pattern) took \(elapsed) s")
        }
    }

    @Test func pikeVMAloneIsLinearToo() throws {
        let regex = try CompiledRegex("(a+)+b")
        let bytes = Array(String(repeating: "a", count: 20_000).utf8)
        let started = Date()
        let found = bytes.withUnsafeBufferPointer { text in
            regex.pool.withCache { cache in
                regex.pikeMatch(in: text, start: 0, end: text.count, anchored: false, cache: cache)
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        print("linear-time Pike VM (a+)+b over 20000 bytes: \(String(format: "%.1f", elapsed * 1000)) ms")
        #expect(found == nil)
        #expect(elapsed < 10.0, "load-proof bound; backtracking would take hours")
    }
}
