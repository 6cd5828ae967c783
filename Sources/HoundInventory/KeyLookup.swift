import HoundModel

/// What cross-referencing findings needs from an inventory: its fingerprints and, for each, what
/// a finding shows about the key.
///
/// Two implementations: `Inventory` (the full file, as read and checked) and `InventoryIndex`
/// (the compact index a scan reads instead when it is current; see `InventoryIndexCache`). Both
/// answer every question identically; `annotate` is written once, here.
public protocol KeyLookup: Sendable {
    /// The number of records in the inventory, with or without a fingerprint.
    var recordCount: Int { get }
    /// The organisation key for `hmac-sha256:` fingerprints, when configured.
    var fingerprintKey: [UInt8]? { get }
    /// Whether any record has a fingerprint computed with `algorithm`.
    func holdsFingerprints(of algorithm: Fingerprint.Algorithm) -> Bool
    /// The key whose record carries exactly `fingerprint` (the first such record in the file),
    /// else the key one of whose retired versions does.
    func knownKey(for fingerprint: Fingerprint) -> KnownKey?
    /// Records skipped as invalid (`file:line:column: …`); an index is only made of inventories
    /// without any.
    var problems: [InventoryError] { get }
}

extension KeyLookup {
    /// None, unless the lookup says otherwise.
    public var problems: [InventoryError] { [] }

    /// The key for a secret, trying each fingerprint algorithm the inventory uses (HMAC only
    /// when a fingerprint key is configured).
    public func knownKey(forSecret secret: [UInt8]) -> KnownKey? {
        for algorithm in Fingerprint.Algorithm.allCases where holdsFingerprints(of: algorithm) {
            switch algorithm {
            case .sha256:
                if let key = knownKey(for: Fingerprint.of(secret)) { return key }
            case .hmacSHA256:
                if let organisationKey = fingerprintKey,
                    let key = knownKey(for: Fingerprint.of(secret, key: organisationKey))
                {
                    return key
                }
            }
        }
        return nil
    }

    /// Whether a finding's own fingerprint can be looked up directly, with no rehashing: the
    /// inventory holds no fingerprint of another algorithm.
    func holdsOnlyFingerprints(of algorithm: Fingerprint.Algorithm) -> Bool {
        Fingerprint.Algorithm.allCases.allSatisfy { $0 == algorithm || !holdsFingerprints(of: $0) }
    }
}
