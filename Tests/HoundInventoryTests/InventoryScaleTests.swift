import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

/// Load and lookup cost of a large inventory. 2,000 keys by default; set
/// `KEYHOUND_INVENTORY_SCALE=100000` to measure the 100k-key case (numbers are printed).
@Suite struct InventoryScaleTests {
    static let count = Int(ProcessInfo.processInfo.environment["KEYHOUND_INVENTORY_SCALE"] ?? "") ?? 2_000

    /// A realistic record per key: every common field set, a `[keys.rotation]` every tenth key.
    static func tomlInventory(_ count: Int) -> String {
        var out = "# generated\n"
        out.reserveCapacity(count * 420)
        for index in 0..<count {
            out += """

                [[keys]]
                name = "service-\(index)-prod"
                description = "Key \(index) for the payments platform"
                fingerprint = "\(Fingerprint.of(Array("secret-\(index)".utf8)))"
                owner = "team-\(index % 40)"
                consumers = ["service-\(index)", "worker-\(index % 17)"]
                environment = "prod"
                rotation_frequency = "90d"
                last_rotated = 2026-0\(1 + index % 9)-1\(index % 10)T00:00:00Z
                tags = ["payments", "tier-\(index % 3)"]

                """
            if index % 10 == 0 {
                out += """

                    [keys.rotation]
                    create = ["./rotate", "create", "{name}"]
                    revoke = ["./rotate", "revoke", "{old_provider_id}"]
                    grace = "24h"

                    """
            }
        }
        return out
    }

    static func jsonInventory(_ count: Int) -> String {
        KeyRecord.jsonInventory(
            (0..<count).map { index in
                KeyRecord(
                    name: "service-\(index)-prod", description: "Key \(index) for the payments platform",
                    fingerprint: Fingerprint.of(Array("secret-\(index)".utf8)), owner: "team-\(index % 40)",
                    consumers: ["service-\(index)", "worker-\(index % 17)"], environment: "prod",
                    rotationFrequency: try? DurationSpec(parsing: "90d"), lastRotated: Date(timeIntervalSince1970: 1_790_000_000),
                    tags: ["payments", "tier-\(index % 3)"])
            })
    }

    /// CPU seconds of the calling thread spent in `body` (wall time is meaningless on a shared
    /// machine).
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = threadCPUTime()
        try body()
        return threadCPUTime() - start
    }

    func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test func jsonInventoryLoadAndLookup() throws {
        let bytes = Array(Self.jsonInventory(Self.count).utf8)
        var inventory = Inventory.empty
        let load = try seconds { inventory = try Inventory.parse(bytes, path: "big.json") }
        #expect(inventory.records.count == Self.count)
        try measureLookups(inventory, label: "JSON", bytes: bytes.count, load: load)
    }

    @Test func tomlInventoryLoadAndLookup() throws {
        let bytes = Array(Self.tomlInventory(Self.count).utf8)
        var inventory = Inventory.empty
        let load = try seconds { inventory = try Inventory.parse(bytes, path: "big.toml") }
        #expect(inventory.records.count == Self.count)
        try measureLookups(inventory, label: "TOML", bytes: bytes.count, load: load)
    }

    private func measureLookups(_ inventory: Inventory, label: String, bytes: Int, load: Double) throws {
        let findings = (0..<10_000).map { index in
            finding(Array("secret-\(index * 7 % (Self.count * 2))".utf8))
        }
        var annotated: [Finding] = []
        let annotate = seconds { annotated = inventory.annotate(findings) }
        let known = annotated.filter { $0.key != nil }.count
        #expect(known == findings.filter { Int(String(decoding: $0.secret.dropFirst(7), as: UTF8.self))! < Self.count }.count)
        print(
            "inventory scale [\(label)]: \(Self.count) keys, \(bytes / 1024) KiB, load \(Int(load * 1000)) ms CPU; "
                + "annotate 10,000 findings \(Int(annotate * 1000)) ms (\(Int(annotate / 10_000 * 1e9)) ns each), \(known) known")
    }
}
