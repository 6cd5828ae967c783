import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

/// `add` / `remove` / `setFingerprint` on TOML files: textual edits that keep what people wrote.
@Suite struct InventoryTOMLFileTests {
    static let before = """
        # Inventory of the payments platform. Fingerprints only.

        [[keys]]
        name = "payment-gateway-prod"   # Stripe, live
        owner = "finance-team"
        consumers = ["billing-service"]

        [keys.rotation]
        revoke = ["./scripts/stripe-key", "delete", "{old_provider_id}"]

        # Kept until March for the old checkout.
        [[keys]]
        name = "checkout-legacy"
        status = "retired"

        """

    @Test func addAppendsABlockAndKeepsEverythingElse() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("inventory.toml", Self.before)
        let secret = FakeSecret.bytes(70)
        let record = try InventoryFile(path: path).add(
            name: "reporting-readonly", secret: secret, owner: "data-team", consumers: ["dashboards"],
            rotationFrequency: try DurationSpec(parsing: "quarterly"), lastRotated: date("2026-11-01"))
        let fingerprint = try #require(record.fingerprint)
        #expect(
            directory.read("inventory.toml") == Self.before + """

                [[keys]]
                name = "reporting-readonly"
                fingerprint = "\(fingerprint)"
                owner = "data-team"
                consumers = ["dashboards"]
                rotation_frequency = "quarterly"
                last_rotated = 2026-11-01

                """)
        #expect(try InventoryFile(path: path).check(secret: secret)?.name == "reporting-readonly")
    }

    @Test func removeDeletesExactlyOneBlockWithItsSubtable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("inventory.toml", Self.before)
        let removed = try InventoryFile(path: path).remove(name: "payment-gateway-prod")
        #expect(removed.owner == "finance-team")
        #expect(
            directory.read("inventory.toml") == """
                # Inventory of the payments platform. Fingerprints only.

                # Kept until March for the old checkout.
                [[keys]]
                name = "checkout-legacy"
                status = "retired"

                """)
        try InventoryFile(path: path).remove(name: "checkout-legacy")
        #expect(directory.read("inventory.toml") == "# Inventory of the payments platform. Fingerprints only.\n")
    }

    @Test func addThenRemoveRestoresTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("inventory.toml", Self.before)
        let file = InventoryFile(path: path)
        try file.add(name: "temporary", secret: FakeSecret.bytes(71))
        try file.remove(name: "temporary")
        #expect(directory.read("inventory.toml") == Self.before)
    }

    @Test func createsTheFileWhenMissing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = InventoryFile(path: directory.file("new.toml"))
        try file.add(name: "first", secret: FakeSecret.bytes(72))
        #expect(try file.list().map(\.name) == ["first"])
        #expect(directory.read("new.toml").hasPrefix("# keyhound key inventory"))
    }

    @Test func setFingerprintForAnImportedRecord() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("inventory.toml", Self.before)
        let secret = FakeSecret.bytes(73)
        try InventoryFile(path: path).setFingerprint(name: "checkout-legacy", secret: secret)
        let text = directory.read("inventory.toml")
        #expect(text.contains("name = \"checkout-legacy\"\nfingerprint = \"\(Fingerprint.of(secret))\"\nstatus = \"retired\"\n"))
        #expect(try InventoryFile(path: path).check(secret: secret)?.name == "checkout-legacy")
    }

    @Test func inlineArrayInventoriesAreNotEditedTextually() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let text = "keys = [{ name = \"a\" }]\n"
        let path = try directory.write("inline.toml", text)
        let file = InventoryFile(path: path)
        let removal = #expect(throws: InventoryError.self) { try file.remove(name: "a") }
        #expect(removal?.kind == .unsupportedLayout)
        let addition = #expect(throws: InventoryError.self) { try file.add(name: "b", secret: FakeSecret.bytes(74)) }
        #expect(addition?.message.hasPrefix("the edit was not written: invalid TOML: ") == true)
        #expect(directory.read("inline.toml") == text)
    }

    @Test func brokenInventoriesAreNotEdited() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let text = "[[keys]]\nname = \"a\"\nownr = \"x\"\n"
        let path = try directory.write("broken.toml", text)
        #expect(throws: InventoryError.self) { try InventoryFile(path: path).add(name: "b", secret: FakeSecret.bytes(75)) }
        #expect(directory.read("broken.toml") == text)
    }

    @Test func concurrentAddsFromTwoThreadsKeepEveryEntry() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("inventory.toml", Self.before)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<2 {
                group.addTask {
                    let file = InventoryFile(path: path)
                    for index in 0..<20 {
                        try file.add(name: "t\(worker)-\(index)", secret: FakeSecret.bytes(UInt64(2000 + worker * 100 + index)))
                    }
                }
            }
            try await group.waitForAll()
        }
        let names = try InventoryFile(path: path).list().map(\.name)
        #expect(names.count == 42)
        #expect(Set(names).count == 42)
        #expect(directory.read("inventory.toml").hasPrefix(Self.before))
    }
}
