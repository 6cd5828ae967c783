import HoundModel
import Testing

@testable import HoundEngine
@testable import HoundRules

/// Memory a finding costs, held structurally (no timing, no threshold): findings on one line
/// share their context line's storage, the fingerprint is stored inline, and the rare fields sit
/// behind one reference. Issue 12 §4: a file of 470,000 AWS key ids took 1.4–2.7 GB.
@Suite struct FindingMemoryTests {
    /// Three key ids on one line (their context windows each cover the whole line).
    static let line = [0, 1, 2].map { seed in
        "AK" + "IA" + KnownSecrets.body(seed: UInt64(40 + seed), count: 16, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    }.joined(separator: " ")

    /// The address of a string's UTF-8 storage (nil for a string short enough to live inline).
    static func storage(_ text: String) -> UnsafeRawPointer? {
        var copy = text
        return copy.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func findingsOnOneLineShareOneContextStorage() throws {
        var scanner = Scanner(try CompiledRules(RuleSet.builtin))
        let text = "keys: " + Self.line + "\n"
        let result = scanner.scan(Fragment(path: "keys.txt", bytes: Array(text.utf8), provenance: .file))
        #expect(result.findings.count == 3)
        let contexts = result.findings.map(\.context)
        #expect(Set(contexts).count == 1, "\(contexts)")
        #expect(contexts[0].utf8.count > 15, "long enough to live on the heap: \(contexts[0])")
        let addresses = Set(contexts.map { Self.storage($0).map { Int(bitPattern: $0) } ?? 0 })
        #expect(addresses.count == 1, "one storage for the three findings' context, not one each")
    }

    @Test func contextShareHandsOutOneStoragePerText() {
        var share = ContextShare(capacity: 2)
        let first = share.shared("context " + String(repeating: "x", count: 20))
        let again = share.shared("context " + String(repeating: "x", count: 20))
        #expect(Self.storage(first) == Self.storage(again))
        // Past its capacity it starts afresh: the table stays bounded.
        _ = share.shared(String(repeating: "y", count: 20))
        _ = share.shared(String(repeating: "z", count: 20))
        let later = share.shared("context " + String(repeating: "x", count: 20))
        #expect(later == first)
    }

    @Test func aFindingIsSmallAndItsRareFieldsAreBoxed() throws {
        // 360 bytes inline before (an optional inventory key of ~110 bytes, a commit of five
        // strings, a 64-character hex string with its own allocation per fingerprint).
        #expect(MemoryLayout<Finding>.stride <= 240, "\(MemoryLayout<Finding>.stride) bytes")
        #expect(MemoryLayout<Location>.stride <= 80, "\(MemoryLayout<Location>.stride) bytes")
        #expect(MemoryLayout<Fingerprint>.stride <= 40, "stored inline: \(MemoryLayout<Fingerprint>.stride) bytes")
        let fingerprint = Fingerprint.of(Array("secret".utf8))
        #expect(Fingerprint(parsing: fingerprint.description) == fingerprint)
        var finding = Finding(
            ruleID: "r", description: "d", location: Location(path: "a", line: 1, column: 1, endLine: 1, endColumn: 2),
            secret: Array("secret".utf8), fingerprint: fingerprint, confidence: .high, severity: .high, context: "")
        let copy = finding
        finding.key = KeyReference(
            name: "k", owner: "o", consumers: [], status: "active", lastRotated: nil, onLeak: "rotate")
        finding.alsoInRepositories = 2
        #expect(copy.key == nil && copy.alsoInRepositories == 0, "copies do not share changes")
        #expect(finding.key?.name == "k" && finding.alsoInRepositories == 2)
        finding.key = nil
        finding.alsoInRepositories = 0
        #expect(finding.key == nil && finding.redactedText == nil)
    }
}
