import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

@Suite struct InventoryMatchTests {
    static let activeSecret = FakeSecret.bytes(1)
    static let revokedSecret = FakeSecret.bytes(2)
    static let unknownSecret = FakeSecret.bytes(3)
    static let organisationKey = Array("organisation key".utf8)

    static let inventory = Inventory(records: [
        KeyRecord(
            name: "payment-gateway-prod", fingerprint: Fingerprint.of(activeSecret), owner: "finance-team",
            consumers: ["billing-service"], environment: "prod", lastRotated: date("2026-10-01"), onLeak: .rotate),
        KeyRecord(name: "old-deploy-key", fingerprint: Fingerprint.of(revokedSecret), status: .revoked),
    ])

    @Test func matchesByFingerprint() {
        #expect(Self.inventory.match(Fingerprint.of(Self.activeSecret))?.name == "payment-gateway-prod")
        #expect(Self.inventory.match(Fingerprint.of(Self.unknownSecret)) == nil)
        #expect(Self.inventory.match(secret: Self.revokedSecret)?.name == "old-deploy-key")
        #expect(Self.inventory.record(named: "old-deploy-key")?.status == .revoked)
    }

    @Test func referenceCarriesWhatReportsShow() throws {
        let record = try #require(Self.inventory.records.first)
        #expect(
            Self.inventory.reference(for: record)
                == KeyReference(
                    name: "payment-gateway-prod", owner: "finance-team", consumers: ["billing-service"], status: "active",
                    lastRotated: "2026-10-01T00:00:00Z", onLeak: "rotate", environment: "prod"))
    }

    @Test func annotateRaisesKnownLowersRevokedAndNotesUnregistered() {
        let findings = Self.inventory.annotate([
            finding(Self.activeSecret), finding(Self.revokedSecret), finding(Self.unknownSecret),
        ])
        #expect(findings.map(\.severity) == [.critical, .low, .high])
        #expect(findings.map { $0.key?.name } == ["payment-gateway-prod", "old-deploy-key", nil])
        #expect(findings.map(\.notes) == [[], ["revoked key"], ["unregistered credential"]])
    }

    @Test func emptyInventoryLeavesFindingsAlone() {
        let findings = Inventory.empty.annotate([finding(Self.unknownSecret)])
        #expect(findings[0].notes.isEmpty)
        #expect(findings[0].severity == .high)
    }

    @Test func keyedFindingsMatchAnUnkeyedInventoryAndTheReverse() {
        let mixed = Inventory(
            records: [
                KeyRecord(name: "plain", fingerprint: Fingerprint.of(Self.activeSecret)),
                KeyRecord(name: "keyed", fingerprint: Fingerprint.of(Self.revokedSecret, key: Self.organisationKey)),
            ], fingerprintKey: Self.organisationKey)
        let findings = mixed.annotate([
            finding(Self.activeSecret, key: Self.organisationKey), finding(Self.revokedSecret),
        ])
        #expect(findings.map { $0.key?.name } == ["plain", "keyed"])
    }

    @Test func fingerprintKeyFromEnvironment() throws {
        #expect(FingerprintKey.fromEnvironment([:]) == nil)
        #expect(FingerprintKey.fromEnvironment(["KEYHOUND_FINGERPRINT_KEY": ""]) == nil)
        #expect(FingerprintKey.fromEnvironment(["KEYHOUND_FINGERPRINT_KEY": "abc"]) == [0x61, 0x62, 0x63])
        #expect(FingerprintKey.fromEnvironment(["KEYHOUND_FINGERPRINT_KEY": "hex:00ff"]) == [0x00, 0xff])
        #expect(FingerprintKey.fromEnvironment(["KEYHOUND_FINGERPRINT_KEY": "base64:AAE="]) == [0x00, 0x01])
        #expect(throws: FingerprintKeyError.self) { try FingerprintKey.parse("hex:0") }
    }
}
