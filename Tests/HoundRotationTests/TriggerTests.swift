import Foundation
import HoundInventory
import HoundModel
import HoundRotation
import HoundSupport
import Testing

@Suite("Due rotations and leak policies")
struct TriggerTests {
    static let keys: [(name: String, extra: String)] = [
        ("overdue", "on_leak = \"rotate\""),
        ("fresh", "on_leak = \"emergency\""),
        ("reported", "on_leak = \"report\""),
    ]

    @Test func onlyKeysPastTheirFrequencyAreRotated() throws {
        // All three were last rotated on 2026-01-01 every 30 days; "fresh" was rotated since.
        let text = FakeProvider.inventory(keys: Self.keys, grace: nil)
        let lines = text.components(separatedBy: "\n")
        var edited: [String] = []
        var current = ""
        for line in lines {
            if line.hasPrefix("name = ") { current = line }
            if line.hasPrefix("last_rotated"), current == "name = \"fresh\"" {
                edited.append("last_rotated = 2026-02-20T00:00:00Z")
            } else {
                edited.append(line)
            }
        }
        let fixture = try FakeFixture(inventory: edited.joined(separator: "\n"))
        defer { fixture.folder.remove() }

        let plan = try fixture.engine().rotateDue(now: fixture.clock.now, dryRun: true)
        #expect(plan.map(\.key) == ["overdue", "reported"])
        #expect(plan.allSatisfy { if case .planned = $0.status { true } else { false } })
        #expect(fixture.provider.state.calls.isEmpty)

        let outcomes = try fixture.engine().rotateDue(now: fixture.clock.now)
        #expect(outcomes.map(\.key) == ["overdue", "reported"])
        #expect(outcomes.map(\.status) == [.done, .done])
        #expect(try fixture.engine().rotateDue(now: fixture.clock.now).isEmpty)
    }

    @Test func aKeyWithoutLastRotatedIsSkippedNotGuessed() throws {
        let text = FakeProvider.inventory(grace: nil).replacingOccurrences(of: "last_rotated = 2026-01-01T00:00:00Z\n", with: "")
        let fixture = try FakeFixture(inventory: text)
        defer { fixture.folder.remove() }
        let outcomes = try fixture.engine().rotateDue(now: fixture.clock.now)
        #expect(outcomes.map { StepFailureTests.name($0.status) } == ["skipped"])
        #expect(fixture.provider.state.calls.isEmpty)
    }

    @Test func leakedKeysAreRotatedOncePerKeyAsTheirPolicySays() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(keys: Self.keys, grace: nil))
        defer { fixture.folder.remove() }
        let findings = ["fresh", "overdue", "fresh", "reported", "overdue"].map { Self.finding($0) } + [Self.finding(nil)]
        let outcomes = try fixture.engine().applyLeakPolicies(findings)
        #expect(outcomes.map(\.key) == ["fresh", "overdue"])
        #expect(outcomes.map(\.kind) == [.emergency, .scheduled])
        #expect(outcomes.map(\.status) == [.done, .done])
        let creates = fixture.provider.state.calls.filter { $0.step == .create }
        #expect(creates.count == 2)

    }

    @Test func aLeakOfAKeyBeingRotatedIsReportedNotDoubled() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(keys: [("overdue", "on_leak = \"rotate\"")]))
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "overdue")
        let outcomes = try fixture.engine().applyLeakPolicies([Self.finding("overdue")])
        #expect(outcomes.count == 1)
        guard case .skipped(let reason) = outcomes[0].status else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(reason.hasPrefix("it leaked, but a rotation of \"overdue\" is already under way"))
        #expect(fixture.provider.state.issued == 1)
    }

    /// A finding matched to the inventory key `name` (nil: an unregistered credential).
    static func finding(_ name: String?) -> Finding {
        let secret = Array(("fake" + "_leaked_" + (name ?? "none")).utf8)
        return Finding(
            ruleID: "fake-key", description: "fake key", location: Location(path: "a.txt", line: 1, column: 1, endLine: 1, endColumn: 9),
            otherLocations: [], secret: secret, fingerprint: Fingerprint.of(secret), confidence: .high, severity: .critical,
            context: "", tags: [],
            key: name.map {
                KeyReference(name: $0, owner: nil, consumers: [], status: "active", lastRotated: nil, onLeak: "rotate", environment: nil)
            },
            notes: [], provenanceKind: "history")
    }
}

@Suite("Batches of due rotations")
struct DueBatchTests {
    static let keys: [(name: String, extra: String)] = (1...5).map { ("key-\($0)", "rule = \"fake-key\"") }

    @Test func aProviderThatKeepsFailingTransientlyOpensItsCircuit() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(keys: Self.keys, grace: nil))
        defer { fixture.folder.remove() }
        fixture.provider.set(.create, .transient(1000))
        let outcomes = try fixture.engine().rotateDue(now: fixture.clock.now)
        #expect(outcomes.map { StepFailureTests.name($0.status) } == ["rolledBack", "rolledBack", "rolledBack", "skipped", "skipped"])
        #expect(outcomes.allSatisfy(\.isFailure) == false)
        let summaries = fixture.provider.state.notifications.filter { $0.last == "circuit-open" }
        #expect(summaries.count == 1, "one summary: \(fixture.provider.state.notifications)")
        #expect(fixture.folder.read(".keyhound/rotation-audit.jsonl").contains("\"step\":\"circuit-breaker\""))
    }

    @Test func maxLimitsTheRotationsStartedAndABlockedOneCounts() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(keys: Self.keys, grace: nil))
        defer { fixture.folder.remove() }
        fixture.provider.set(.verify, .fail(1))
        let first = try fixture.engine().rotateDue(now: fixture.clock.now, max: 2)
        #expect(first.map { StepFailureTests.name($0.status) } == ["blocked", "blocked", "skipped", "skipped", "skipped"])
        // The next batch reports the stuck ones as blocked (the CLI exits 1), not as skipped.
        let second = try fixture.engine().rotateDue(now: fixture.clock.now, max: 0 + 1)
        #expect(StepFailureTests.name(second[0].status) == "blocked" && second[0].isFailure)
    }
}
