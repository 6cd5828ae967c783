import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

@Suite struct AuditTests {
    static let now = date("2026-11-22T12:00:00Z")
    static let shared = Fingerprint.of(FakeSecret.bytes(10))

    /// One record per situation the audit knows.
    static let inventory = Inventory(records: [
        KeyRecord(
            name: "fresh", fingerprint: Fingerprint.of(FakeSecret.bytes(11)), owner: "a", consumers: ["x"],
            rotationFrequency: try? DurationSpec(parsing: "90d"), lastRotated: date("2026-11-01")),
        KeyRecord(
            name: "overdue", fingerprint: Fingerprint.of(FakeSecret.bytes(12)), owner: "a", consumers: ["x"],
            rotationFrequency: try? DurationSpec(parsing: "30d"), lastRotated: date("2026-10-01")),
        KeyRecord(
            name: "monthly-due-soon", fingerprint: Fingerprint.of(FakeSecret.bytes(13)), owner: "a", consumers: ["x"],
            rotationFrequency: try? DurationSpec(parsing: "monthly"), lastRotated: date("2026-11-01")),
        KeyRecord(
            name: "never-rotated", fingerprint: Fingerprint.of(FakeSecret.bytes(14)), owner: "a", consumers: ["x"],
            rotationFrequency: try? DurationSpec(parsing: "quarterly")),
        KeyRecord(
            name: "expired", fingerprint: Fingerprint.of(FakeSecret.bytes(15)), owner: "a", consumers: ["x"],
            rotationFrequency: try? DurationSpec(parsing: "1y"), lastRotated: date("2026-06-01"), expires: date("2026-11-01")),
        KeyRecord(
            name: "expiring", fingerprint: Fingerprint.of(FakeSecret.bytes(16)), owner: "a", consumers: ["x"],
            rotationFrequency: try? DurationSpec(parsing: "1y"), lastRotated: date("2026-06-01"), expires: date("2026-12-10")),
        KeyRecord(name: "orphan", fingerprint: shared, rotationFrequency: try? DurationSpec(parsing: "1y"), lastRotated: date("2026-06-01")),
        KeyRecord(
            name: "twin", fingerprint: shared, owner: "b", consumers: ["y"], rotationFrequency: try? DurationSpec(parsing: "1y"),
            lastRotated: date("2026-06-01")),
        KeyRecord(name: "imported", owner: "c", consumers: ["z"], rotationFrequency: try? DurationSpec(parsing: "1y"), lastRotated: date("2026-06-01")),
        KeyRecord(name: "revoked-long-ago", fingerprint: Fingerprint.of(FakeSecret.bytes(17)), rotationFrequency: try? DurationSpec(parsing: "30d"), lastRotated: date("2020-01-01"), status: .revoked),
    ])

    @Test func findsEverySituation() {
        let issues = Self.inventory.audit(now: Self.now, expiringWithin: 30 * 86_400)
        #expect(
            issues.map { "\($0.keyName) \($0.kind.rawValue)" } == [
                "expired expired",
                "expiring expiring-soon",
                "imported no-fingerprint",
                "monthly-due-soon due-soon",
                "never-rotated never-rotated",
                "orphan no-owner",
                "orphan no-consumers",
                "orphan duplicate-fingerprint",
                "overdue overdue",
                "twin duplicate-fingerprint",
            ])
        #expect(AuditReport.needsAction(issues))
    }

    @Test func rendersText() {
        let issues = Self.inventory.audit(now: Self.now, expiringWithin: 30 * 86_400)
        #expect(
            AuditReport.text(issues, keyCount: Self.inventory.records.count) == """
                ! expired           expired                expired on 2026-11-01 (21 days ago)
                ! expiring          expiring-soon          expires on 2026-12-10 (in 17 days)
                ! imported          no-fingerprint         no fingerprint: findings can never match this key (set one with `keyhound inventory fingerprint`)
                i monthly-due-soon  due-soon               rotation due 2026-12-01 (in 8 days)
                ! never-rotated     never-rotated          rotation quarterly but no last_rotated date
                ! orphan            no-owner               no owner: nobody to call when it leaks
                ! orphan            no-consumers           no consumers: nobody knows what a rotation would break
                ! orphan            duplicate-fingerprint  same fingerprint as "twin": one secret registered under several names
                ! overdue           overdue                rotation overdue: last rotated 2026-10-01, every 30d, due 2026-10-31 (22 days ago)
                ! twin              duplicate-fingerprint  same fingerprint as "orphan": one secret registered under several names
                10 keys audited: 9 issues needing action on 7 keys, 1 informational

                """)
    }

    @Test func rendersJSON() {
        let issues = Self.inventory.audit(now: Self.now, expiringWithin: 30 * 86_400).filter { $0.keyName == "overdue" }
        #expect(
            AuditReport.json(issues, keyCount: 10) == """
                {
                  "keys": 10,
                  "needs_action": true,
                  "issues": [
                    {
                      "key": "overdue",
                      "kind": "overdue",
                      "needs_action": true,
                      "message": "rotation overdue: last rotated 2026-10-01, every 30d, due 2026-10-31 (22 days ago)",
                      "date": "2026-10-31T00:00:00Z",
                      "owner": "a",
                      "consumers": ["x"]
                    }
                  ]
                }

                """)
    }

    @Test func cleanInventory() {
        let clean = Inventory(records: [Self.inventory.records[0]])
        let issues = clean.audit(now: Self.now)
        #expect(issues.isEmpty)
        #expect(AuditReport.text(issues, keyCount: 1) == "1 keys audited: nothing to do\n")
        #expect(!AuditReport.needsAction(issues))
    }
}
