import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

/// The fingerprint index a scan reads instead of the inventory: every answer equal to the full
/// inventory's, and no damaged byte pattern taken for an index.
@Suite struct InventoryIndexTests {
    static let organisationKey = Array("org-key-for-tests".utf8)

    /// Records covering every field the index keeps, both algorithms, a record without a
    /// fingerprint, and a fingerprint carried twice (the first record wins).
    static let records: [KeyRecord] = [
        KeyRecord(
            name: "payment-gateway-prod", fingerprint: .of(Array("secret-1".utf8)), owner: "finance-team",
            consumers: ["billing-service", "checkout-service"], environment: "prod", lastRotated: date("2026-10-01"),
            onLeak: .rotate),
        KeyRecord(name: "imported-without-fingerprint", owner: "ops"),
        KeyRecord(name: "old-ci-token", fingerprint: .of(Array("secret-2".utf8)), status: .retired),
        KeyRecord(
            name: "revoked-key", fingerprint: .of(Array("secret-3".utf8)), consumers: ["ünïcødé-service"],
            status: .revoked, onLeak: .emergency),
        KeyRecord(name: "keyed", fingerprint: .of(Array("secret-4".utf8), key: organisationKey), owner: "platform"),
        KeyRecord(name: "duplicate-of-payment", fingerprint: .of(Array("secret-1".utf8)), owner: "someone-else"),
    ]

    static let identity = FileIdentity(
        device: 42, inode: 7, size: 1234, modified: FileTime(seconds: 1_790_000_000, nanoseconds: 5),
        changed: FileTime(seconds: 1_790_000_001, nanoseconds: 6))

    static func encoded(_ records: [KeyRecord] = records) throws -> [UInt8] {
        let inventory = Inventory(records: records, path: "/keys.toml", fingerprintKey: organisationKey)
        return try #require(InventoryIndex.encode(inventory, path: "/keys.toml", identity: identity))
    }

    @Test func everyAnswerEqualsTheFullInventorys() throws {
        let inventory = Inventory(records: Self.records, path: "/keys.toml", fingerprintKey: Self.organisationKey)
        let index = try InventoryIndex(
            decoding: Self.encoded(), expectedPath: "/keys.toml", fingerprintKey: Self.organisationKey)
        #expect(index.identity == Self.identity)
        #expect(index.recordCount == 6)
        for algorithm in Fingerprint.Algorithm.allCases {
            #expect(index.holdsFingerprints(of: algorithm) == inventory.holdsFingerprints(of: algorithm))
        }
        for record in Self.records {
            guard let fingerprint = record.fingerprint else { continue }
            #expect(index.knownKey(for: fingerprint) == inventory.knownKey(for: fingerprint), "\(record.name)")
        }
        #expect(index.knownKey(for: .of(Array("secret-1".utf8)))?.reference.name == "payment-gateway-prod")
        #expect(index.knownKey(for: .of(Array("secret-1".utf8)))?.reference.lastRotated == "2026-10-01T00:00:00Z")
        #expect(index.knownKey(for: .of(Array("unknown".utf8))) == nil)
        #expect(index.knownKey(forSecret: Array("secret-4".utf8))?.reference.name == "keyed")

        let findings = ["secret-1", "secret-2", "secret-3", "secret-4", "unknown"].map { finding(Array($0.utf8)) }
        let viaIndex = index.annotate(findings)
        let viaInventory = inventory.annotate(findings)
        #expect(viaIndex.map(\.key) == viaInventory.map(\.key))
        #expect(viaIndex.map(\.severity) == viaInventory.map(\.severity))
        #expect(viaIndex.map(\.notes) == viaInventory.map(\.notes))
        #expect(viaIndex.map(\.severity) == [.critical, .low, .low, .critical, .high])
    }

    @Test func emptyAndFingerprintlessInventoriesRoundTrip() throws {
        for records in [[], [KeyRecord(name: "no-print")]] {
            let index = try InventoryIndex(decoding: Self.encoded(records))
            #expect(index.recordCount == records.count)
            #expect(!index.holdsFingerprints(of: .sha256))
            let found = finding(Array("secret-1".utf8))
            #expect(index.annotate([found]).map(\.notes) == Inventory(records: records).annotate([found]).map(\.notes))
        }
    }

    @Test func indexOfAnotherFileIsStale() throws {
        #expect(throws: InventoryIndex.Problem.stale) {
            try InventoryIndex(decoding: Self.encoded(), expectedPath: "/other.toml")
        }
    }

    @Test func damagedTruncatedOrForeignBytesAreRefused() throws {
        let good = try Self.encoded()
        var flipped = good
        flipped[good.count - 3] ^= 0x01
        #expect(throws: InventoryIndex.Problem.damaged) { try InventoryIndex(decoding: flipped) }
        #expect(throws: InventoryIndex.Problem.truncated) { try InventoryIndex(decoding: Array(good.dropLast())) }
        #expect(throws: InventoryIndex.Problem.truncated) { try InventoryIndex(decoding: Array(good.prefix(40))) }
        #expect(throws: InventoryIndex.Problem.truncated) { try InventoryIndex(decoding: []) }
        #expect(throws: InventoryIndex.Problem.notAnIndex) {
            try InventoryIndex(decoding: Array(repeating: 0x41, count: 500))
        }
        var otherVersion = good
        otherVersion[IndexLayout.Header.version] = 99
        #expect(throws: InventoryIndex.Problem.otherVersion(99)) { try InventoryIndex(decoding: otherVersion) }
    }

    /// Damage that keeps the checksum right (recomputed after the change), one byte at a time over
    /// the whole file: every result is a refusal or an index whose lookups stay in bounds.
    @Test func anyByteChangedWithAValidChecksumNeverCrashes() throws {
        let good = try Self.encoded()
        var accepted = 0
        for offset in IndexLayout.checksummedFrom..<good.count {
            for value: UInt8 in [0x00, 0xFF, good[offset] &+ 1] where value != good[offset] {
                var bytes = good
                bytes[offset] = value
                let checksum = bytes.withUnsafeBytes { IndexChecksum.of(UnsafeRawBufferPointer(rebasing: $0[16...])) }
                withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange(8..<16, with: $0) }
                guard let index = try? InventoryIndex(decoding: bytes) else { continue }
                accepted += 1
                for record in Self.records { _ = record.fingerprint.map(index.knownKey(for:)) }
            }
        }
        // Changes to names, digests and the like are undetectable by structure alone; most
        // changes to counts and offsets are refused.
        #expect(accepted > 0)
    }

    @Test func checksumIsXXH64() {
        // Reference values from `xxhsum -H1` (xxHash 0.8.1).
        let vectors: [(String, UInt64)] = [
            ("", 0xEF46_DB37_51D8_E999), ("a", 0xD24E_C4F1_A98C_6E5B), ("abc", 0x44BC_2CF5_AD77_0999),
            ("abcdefghijklmnopqrstuvwxyz0123456789A", 0xB62C_C20E_3529_60CF),
            ("The quick brown fox jumps over the lazy dog", 0x0B24_2D36_1FDA_71BC),
            (String(repeating: "0123456789", count: 10), 0xF80E_7B96_315A_FFFA),
        ]
        for (text, expected) in vectors {
            #expect(IndexChecksum.of(Array(text.utf8)) == expected, "\(text)")
        }
    }

    @Test func digestsOrderLikeTheirBytes() throws {
        let low = try #require(Fingerprint(algorithm: .sha256, hex: "00" + String(repeating: "f", count: 62)))
        let high = try #require(Fingerprint(algorithm: .sha256, hex: "01" + String(repeating: "0", count: 62)))
        let lowDigest = try #require(FingerprintDigest(low))
        let highDigest = try #require(FingerprintDigest(high))
        #expect(lowDigest < highDigest)
        #expect(Hex.encode(lowDigest.bytes) == low.hex)
    }
}
