#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel
import HoundSupport
import TOML

/// The organisation's key inventory: records of keys (never secrets), indexed by fingerprint so
/// each finding is matched in O(1).
///
/// The file is TOML (`[[keys]]` tables) or JSON (`{"keys": [...]}`), chosen by extension
/// (`.toml`, `.json`) and otherwise by content (a leading `{` means JSON). Every field is checked
/// on load; errors name the file, line, column and key. A finding whose fingerprint is not in the
/// inventory is an *unregistered credential*.
///
/// Fingerprints are `sha256:` digests, or `hmac-sha256:` under the organisation key
/// (`KEYHOUND_FINGERPRINT_KEY`, see `FingerprintKey`). An inventory may mix both; a finding is
/// then looked up under each algorithm the inventory uses.
public struct Inventory: KeyLookup {
    /// The file the inventory was read from (nil when built in memory).
    public let path: String?
    /// The records, in file order.
    public let records: [KeyRecord]
    /// The organisation key for `hmac-sha256:` fingerprints, when configured.
    public let fingerprintKey: [UInt8]?
    /// Where each record's table starts, parallel to `records` (nil when unknown).
    let positions: [SourcePosition?]
    /// Records skipped as invalid by a lenient load, each with its file, line and column.
    public let problems: [InventoryError]
    /// Fingerprint → index of the first record carrying it.
    private let byFingerprint: [Fingerprint: Int]
    /// Fingerprint of a retired version → (record, version) (current fingerprints win).
    private let byRetiredFingerprint: [Fingerprint: (record: Int, version: Int)]
    /// Name → index.
    private let byName: [String: Int]
    /// The fingerprint algorithms present.
    private let algorithms: Set<Fingerprint.Algorithm>

    /// An inventory of `records` (names are expected to be unique; the first of duplicates wins).
    public init(records: [KeyRecord], path: String? = nil, fingerprintKey: [UInt8]? = nil) {
        self.init(
            records: records, positions: Array(repeating: nil, count: records.count), path: path,
            fingerprintKey: fingerprintKey)
    }

    /// An inventory of `records` read from a file; `byName`, when the decoder already built it,
    /// maps each (unique) name to its record.
    init(
        records: [KeyRecord], positions: [SourcePosition?], byName: [String: Int]? = nil, path: String?,
        fingerprintKey: [UInt8]?, problems: [InventoryError] = []
    ) {
        self.path = path
        self.records = records
        self.positions = positions
        self.problems = problems
        self.fingerprintKey = fingerprintKey
        var byFingerprint: [Fingerprint: Int] = [:]
        var algorithms: Set<Fingerprint.Algorithm> = []
        byFingerprint.reserveCapacity(records.count)
        var byRetired: [Fingerprint: (record: Int, version: Int)] = [:]
        for (index, record) in records.enumerated() {
            for (number, version) in record.previous.enumerated() where byRetired[version.fingerprint] == nil {
                byRetired[version.fingerprint] = (index, number)
                algorithms.insert(version.fingerprint.algorithm)
            }
            guard let fingerprint = record.fingerprint else { continue }
            if byFingerprint[fingerprint] == nil { byFingerprint[fingerprint] = index }
            algorithms.insert(fingerprint.algorithm)
        }
        self.byFingerprint = byFingerprint
        self.byRetiredFingerprint = byRetired.filter { byFingerprint[$0.key] == nil }
        self.algorithms = algorithms
        if let byName {
            self.byName = byName
        } else {
            var names: [String: Int] = [:]
            names.reserveCapacity(records.count)
            for (index, record) in records.enumerated() where names[record.name] == nil { names[record.name] = index }
            self.byName = names
        }
    }

    /// An empty inventory (no file).
    public static let empty = Inventory(records: [])

    /// The record with this fingerprint, if any. O(1).
    public func match(_ fingerprint: Fingerprint) -> KeyRecord? {
        byFingerprint[fingerprint].map { records[$0] }
    }

    /// The record for a secret, trying each fingerprint algorithm the inventory uses (HMAC only
    /// when a fingerprint key is configured).
    public func match(secret: [UInt8]) -> KeyRecord? {
        for algorithm in Fingerprint.Algorithm.allCases where algorithms.contains(algorithm) {
            switch algorithm {
            case .sha256:
                if let record = match(Fingerprint.of(secret)) { return record }
            case .hmacSHA256:
                if let key = fingerprintKey, let record = match(Fingerprint.of(secret, key: key)) { return record }
            }
        }
        return nil
    }

    /// The record named `name`.
    public func record(named name: String) -> KeyRecord? { byName[name].map { records[$0] } }

    /// What a finding carries about `record`.
    public func reference(for record: KeyRecord) -> KeyReference { record.reference }

    /// The fingerprint of `secret` as this inventory writes it: HMAC under the organisation key
    /// when one is configured, SHA-256 otherwise.
    public func fingerprint(of secret: [UInt8]) -> Fingerprint { Fingerprint.of(secret, key: fingerprintKey) }

    /// The number of records.
    public var recordCount: Int { records.count }

    /// Whether any record has a fingerprint computed with `algorithm`.
    public func holdsFingerprints(of algorithm: Fingerprint.Algorithm) -> Bool {
        algorithms.contains(algorithm)
    }

    /// The key whose record carries exactly `fingerprint`, else the key one of whose retired
    /// versions does (with that version's state).
    public func knownKey(for fingerprint: Fingerprint) -> KnownKey? {
        if let record = match(fingerprint) { return KnownKey(reference: record.reference, status: record.status) }
        guard let (record, version) = byRetiredFingerprint[fingerprint] else { return nil }
        let key = records[record]
        return KnownKey(reference: key.reference, status: key.status, retired: RetiredVersion(key.previous[version]))
    }
}
