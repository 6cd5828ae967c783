import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

/// The commands on real files. JSON inventories here; TOML ones in `InventoryTOMLFileTests`.
@Suite struct InventoryFileTests {
    @Test func addListCheckRemove() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = InventoryFile(path: directory.file("inventory.json"))
        let secret = FakeSecret.bytes(60)
        let record = try file.add(
            name: "payment-gateway-prod", secret: secret, owner: "finance-team", consumers: ["billing"],
            rotationFrequency: try DurationSpec(parsing: "30d"))
        #expect(record.fingerprint == Fingerprint.of(secret))
        #expect(!directory.read("inventory.json").contains(String(decoding: secret, as: UTF8.self)))
        #expect(try file.list().map(\.name) == ["payment-gateway-prod"])
        #expect(try file.check(secret: secret)?.name == "payment-gateway-prod")
        #expect(try file.check(secret: FakeSecret.bytes(61)) == nil)
        #expect(try file.remove(name: "payment-gateway-prod").name == "payment-gateway-prod")
        #expect(try file.list().isEmpty)
    }

    @Test func refusesDuplicatesAndUnknownNames() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("inventory.json")
        let file = InventoryFile(path: path)
        let secret = FakeSecret.bytes(62)
        try file.add(name: "a", secret: secret)
        #expect(throws: InventoryError(.duplicate, path: path, keyName: "a", message: "a key with this name is already in the inventory")) {
            try file.add(name: "a", secret: FakeSecret.bytes(63))
        }
        #expect(throws: InventoryError(.duplicate, path: path, keyName: "b", message: "this secret is already registered as \"a\"")) {
            try file.add(name: "b", secret: secret)
        }
        #expect(throws: InventoryError(.notFound, path: path, keyName: "aa", message: "no key with this name in the inventory (did you mean \"a\"?)")) {
            try file.remove(name: "aa")
        }
        #expect(throws: InventoryError(.invalidField, path: path, keyName: "c", message: "the secret is empty (nothing was read from stdin?)")) {
            try file.add(name: "c", secret: [])
        }
    }

    @Test func refusesSecretLookingTextAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = InventoryFile(path: directory.file("inventory.json"))
        let error = #expect(throws: InventoryError.self) {
            try file.add(name: "a", secret: FakeSecret.bytes(64), description: "copy of " + FakeSecret.stripeKey())
        }
        #expect(error?.kind == .plaintextSecret)
        #expect(error?.message.hasPrefix("the edit was not written: ") == true)
        #expect(directory.names() == [])  // no lock file is left either
    }

    @Test func hmacFingerprintsUnderAnOrganisationKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = Array("org-key".utf8)
        let file = InventoryFile(path: directory.file("inventory.json"), fingerprintKey: key)
        let secret = FakeSecret.bytes(65)
        let record = try file.add(name: "a", secret: secret)
        #expect(record.fingerprint?.algorithm == .hmacSHA256)
        #expect(try file.check(secret: secret)?.name == "a")
        #expect(try InventoryFile(path: directory.file("inventory.json")).check(secret: secret) == nil)
    }

    @Test func concurrentAddsNeverLoseAnEntry() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("inventory.json")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<2 {
                group.addTask {
                    let file = InventoryFile(path: path)
                    for index in 0..<15 {
                        try file.add(name: "w\(worker)-\(index)", secret: FakeSecret.bytes(UInt64(1000 + worker * 100 + index)))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try InventoryFile(path: path).list().count == 30)
    }
}
