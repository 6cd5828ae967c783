import Foundation
import HoundInventory
import HoundModel
import HoundRotation
import HoundSupport
import Testing

/// Inventories written in other valid TOML layouts rotate like the canonical one: the rotation
/// finds the record and its fields as the TOML reader does, and never revokes the old key
/// unless the new one can be recorded.
@Suite("Rotation records any valid TOML layout")
struct InventoryLayoutTests {
    /// Rotates `payments` in `inventory`; the rotation must finish, with the new key recorded
    /// and the old one retired.
    func rotatesAndRecords(_ inventory: String) throws {
        let fixture = try FakeFixture(inventory: inventory)
        defer { fixture.folder.remove() }
        let outcome = try fixture.engine().rotate(name: "payments")
        #expect(outcome.status == .done, "\(outcome)")
        let record = try #require(try fixture.record())
        #expect(record.providerID == "key_new1")
        #expect(record.fingerprint != Fingerprint.of(FakeProvider.oldSecret))
        #expect(record.previous.map(\.providerID) == ["key_old"])
    }

    @Test func anInlineArrayOfRetiredVersionsGetsTheOldKey() throws {
        // `previous = []` is the same TOML as no [[keys.previous]] table yet: recording used to
        // append a [[keys.previous]] header, which the reader refuses, after the old key was revoked.
        try rotatesAndRecords(FakeProvider.inventory(keys: [("payments", "previous = []")], grace: nil))
    }

    @Test func keysWrittenWithEscapesAreTheSameKeys() throws {
        // `"provider\u005Fid"` is `provider_id`: a second provider_id line would be a duplicate key.
        let escaped = FakeProvider.inventory(grace: nil)
            .replacingOccurrences(of: "[[keys]]", with: "[[\"k\\u0065ys\"]]")
            .replacingOccurrences(of: "\nprovider_id = ", with: "\n\"provider\\u005Fid\" = ")
            .replacingOccurrences(of: "\nfingerprint = ", with: "\n\"fingerprint\" = ")
        try rotatesAndRecords(escaped)
    }

    @Test func quotedHeadersQuotedKeysDottedKeysCommentsAndMultilineStrings() throws {
        // All valid TOML for the same record: `[["keys"]]`, quoted field names, the rotation
        // table's fields as dotted keys of the record, comments after values and headers, a
        // multi-line description holding text that looks like a header.
        let inventory = FakeProvider.inventory(grace: nil)
            .replacingOccurrences(of: "[[keys]]", with: "[[\"keys\"]]   # the payments key")
            .replacingOccurrences(of: "\nname = ", with: "\n\"name\" = ")
            .replacingOccurrences(of: "\nfingerprint = ", with: "\n'fingerprint' = ")
            .replacingOccurrences(of: "\nprovider_id = \"key_old\"", with: "\n\"provider_id\" = \"key_old\" # set by hand\n")
            .replacingOccurrences(
                of: "\nowner = ", with: "\ndescription = \"\"\"\n[[keys]]\nprovider_id = \"not this\"\n\"\"\"\nowner = ")
            .replacingOccurrences(of: "\n[keys.rotation]\n", with: "\n")
            .replacingOccurrences(of: "\ncreate = ", with: "\nrotation.create = ")
            .replacingOccurrences(of: "\ndistribute = ", with: "\n\"rotation\".distribute = ")
            .replacingOccurrences(of: "\nverify = ", with: "\nrotation . \"verify\" = ")
            .replacingOccurrences(of: "\nrevoke = ", with: "\nrotation.'revoke' = ")
            .replacingOccurrences(of: "\nnotify = ", with: "\nrotation.notify = ")
        try rotatesAndRecords(inventory)
        let fixture = try FakeFixture(inventory: inventory)
        defer { fixture.folder.remove() }
        #expect(try fixture.engine().rotate(name: "payments").status == .done)
        let text = String(decoding: try #require(FileManager.default.contents(atPath: fixture.inventoryPath)), as: UTF8.self)
        #expect(text.contains("[[\"keys\"]]   # the payments key\n"))
        #expect(text.contains("\"provider_id\" = \"key_new1\" # set by hand\n"))
        #expect(text.contains("\n[[keys]]\nprovider_id = \"not this\"\n\"\"\"\n"), "the multi-line string is untouched")
        #expect(text.contains("\nrotation . \"verify\" = "))
    }

    @Test func dottedAndCommentedFieldsKeepTheirLayout() throws {
        let inventory = FakeProvider.inventory(grace: nil)
            .replacingOccurrences(of: "\nprovider_id = \"key_old\"", with: "\nprovider_id   =   \"key_old\"   # the provider's id")
        let fixture = try FakeFixture(inventory: inventory)
        defer { fixture.folder.remove() }
        #expect(try fixture.engine().rotate(name: "payments").status == .done)
        let text = String(decoding: try #require(FileManager.default.contents(atPath: fixture.inventoryPath)), as: UTF8.self)
        #expect(text.contains("\nprovider_id   =   \"key_new1\"   # the provider's id\n"))
    }
}
