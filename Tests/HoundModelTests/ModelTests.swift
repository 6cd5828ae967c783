import HoundModel
import Testing

/// The value types every target shares: fingerprints as text, report order, diff line numbers.
@Suite struct ModelTests {
    static let hex = String(repeating: "0123456789abcdef", count: 4)

    @Test func fingerprintsParseTheirTwoAlgorithmsOnly() throws {
        let plain = try #require(Fingerprint(parsing: "sha256:" + Self.hex))
        #expect(plain.algorithm == .sha256 && plain.description == "sha256:" + Self.hex)
        let keyed = try #require(Fingerprint(parsing: "hmac-sha256:" + Self.hex.uppercased()))
        #expect(keyed.algorithm == .hmacSHA256 && keyed.hex == Self.hex, "upper-case hex is read as lower case")
        let bad = [
            "sha1:" + Self.hex, "sha256:" + Self.hex.dropLast(), "sha256:" + Self.hex + "0", "sha256" + Self.hex,
            "sha256:" + Self.hex.dropLast() + "g", "",
        ]
        for text in bad { #expect(Fingerprint(parsing: text) == nil, "\(text)") }
    }

    @Test func findingsSortByPathLineColumnThenRuleThenFingerprint() throws {
        let fingerprint = try #require(Fingerprint(parsing: "sha256:" + Self.hex))
        func finding(_ path: String, _ line: Int, _ column: Int, _ rule: String) -> Finding {
            Finding(
                ruleID: rule, description: rule,
                location: Location(path: path, line: line, column: column, endLine: line, endColumn: column + 4),
                secret: Array("abcd".utf8), fingerprint: fingerprint, confidence: .high, severity: .high, context: "")
        }
        let sorted = [
            finding("b.txt", 1, 1, "a"), finding("a.txt", 2, 1, "a"), finding("a.txt", 1, 9, "a"),
            finding("a.txt", 1, 1, "z"), finding("a.txt", 1, 1, "b"),
        ].sorted()
        let order = sorted.map { "\($0.location.path):\($0.location.line):\($0.location.column):\($0.ruleID)" }
        #expect(order == ["a.txt:1:1:b", "a.txt:1:1:z", "a.txt:1:9:a", "a.txt:2:1:a", "b.txt:1:1:a"])
        #expect(sorted[0].identity == "b:sha256:" + Self.hex)
        #expect(sorted[0].redactedSecret == "…(4)", "4 characters: none shown")
    }

    @Test func fingerprintsOrderAsTheirTextAndRoundTrip() throws {
        let fingerprints = (0..<200).map { Fingerprint.of(Array("secret \($0)".utf8), key: $0 % 3 == 0 ? [1, 2] : nil) }
        #expect(fingerprints.sorted().map(\.description) == fingerprints.map(\.description).sorted())
        for fingerprint in fingerprints {
            #expect(Fingerprint(parsing: fingerprint.description) == fingerprint)
            #expect(fingerprint.hex.count == 64 && fingerprint.digest.count == 32)
            #expect(fingerprint.digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() == fingerprint.hex)
        }
        #expect(Set(fingerprints).count == 200)
    }

    @Test func compactSortMatchesTheStableSort() throws {
        let fingerprint = try #require(Fingerprint(parsing: "sha256:" + Self.hex))
        var rng = SystemRandomNumberGenerator()
        let findings = (0..<500).map { index in
            Finding(
                ruleID: ["a", "b"][index % 2], description: "\(index)",
                location: Location(
                    path: "f\(Int.random(in: 0..<4, using: &rng))", line: Int.random(in: 1...5, using: &rng), column: 1,
                    endLine: 1, endColumn: 2),
                secret: [], fingerprint: fingerprint, confidence: .high, severity: .high, context: "")
        }
        var compact = findings
        compact.sortCompactly()
        // Equal findings (same place, rule and fingerprint) keep their order, as the stable sort does.
        #expect(compact.map(\.description) == findings.sorted().map(\.description))
        #expect(FindingOrder.indices(of: findings).map { findings[$0].description } == compact.map(\.description))
    }

    @Test func severitiesAndConfidencesAreOrdered() {
        #expect(Severity.allCases.sorted() == [.low, .medium, .high, .critical])
        #expect(Confidence.allCases.sorted() == [.low, .medium, .high])
    }

    @Test func diffFragmentsMapTheirLinesToTheNewFile() {
        let diff = Fragment(path: "a.txt", bytes: Array("x\ny\n".utf8), provenance: .staged, lineNumbers: [7, 12])
        #expect(diff.fileLine(1) == 7 && diff.fileLine(2) == 12)
        #expect(diff.fileLine(3) == 3, "past the mapped lines: as is")
        let file = Fragment(path: "a.txt", bytes: [], provenance: .file)
        #expect(file.fileLine(5) == 5)
    }
}
