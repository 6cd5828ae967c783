#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel
import HoundSupport

/// The `keyhound inventory` commands as library calls on one inventory file: `add`, `remove`,
/// `list`, `check`, `fingerprint` and `import`.
///
/// Every change is a read-modify-write under a `FileLock` (so two concurrent `add`s never lose
/// an entry), edits TOML textually (comments and order survive, see `InventoryEditor`), parses
/// the result again to prove it is still a valid inventory with exactly the intended change, and
/// replaces the file atomically (`AtomicFile`). JSON inventories are rewritten whole in the
/// canonical field order (JSON has no comments to keep). Secrets are only ever fingerprinted.
public struct InventoryFile: Sendable {
    /// The inventory's path (created by the first `add` when missing).
    public let path: String
    /// The organisation key: new fingerprints are `hmac-sha256:` under it.
    public let fingerprintKey: [UInt8]?
    /// How long to wait for another process editing the same inventory.
    public let lockTimeout: Duration

    /// A handle on the inventory at `path`.
    public init(path: String, fingerprintKey: [UInt8]? = nil, lockTimeout: Duration = .seconds(10)) {
        self.path = path
        self.fingerprintKey = fingerprintKey
        self.lockTimeout = lockTimeout
    }

    /// Reads and checks the inventory.
    public func load() throws(InventoryError) -> Inventory {
        try Inventory.load(path: path, fingerprintKey: fingerprintKey)
    }

    /// Every record, in file order.
    public func list() throws(InventoryError) -> [KeyRecord] { try load().records }

    /// The record whose fingerprint matches `secret`, if any.
    public func check(secret: [UInt8]) throws(InventoryError) -> KeyRecord? { try load().match(secret: secret) }

    /// Registers a key by the fingerprint of `secret` (the secret itself is not written).
    ///
    /// - Throws: `InventoryError` when the name or the secret is already registered, a field is
    ///   invalid (including secret-looking text), or the file cannot be locked or written.
    /// - Returns: The record as written.
    @discardableResult
    public func add(
        name: String, secret: [UInt8], description: String? = nil, owner: String? = nil, consumers: [String] = [],
        environment: String? = nil, providerID: String? = nil, rule: String? = nil,
        rotationFrequency: DurationSpec? = nil, lastRotated: Date? = nil, expires: Date? = nil,
        status: KeyStatus = .active, onLeak: LeakPolicy = .report, tags: [String] = [], rotation: RotationSpec? = nil
    ) throws(InventoryError) -> KeyRecord {
        guard !secret.isEmpty else {
            throw InventoryError(.invalidField, path: path, keyName: name, message: "the secret is empty (nothing was read from stdin?)")
        }
        let record = KeyRecord(
            name: name, description: description, fingerprint: Fingerprint.of(secret, key: fingerprintKey),
            providerID: providerID, rule: rule, owner: owner, consumers: consumers, environment: environment,
            rotationFrequency: rotationFrequency, lastRotated: lastRotated, expires: expires, status: status,
            onLeak: onLeak, tags: tags, rotation: rotation)
        try add([record], secrets: [secret])
        return record
    }

    /// Appends records that already carry their fingerprint (or none), all or nothing.
    public func add(_ records: [KeyRecord]) throws(InventoryError) {
        try add(records, secrets: [])
    }

    /// Removes the record named `name`; returns it.
    @discardableResult
    public func remove(name: String) throws(InventoryError) -> KeyRecord {
        var removed: KeyRecord?
        try edit { text, inventory, format throws(InventoryError) in
            guard let index = inventory.records.firstIndex(where: { $0.name == name }) else {
                throw notFound(name, in: inventory)
            }
            removed = inventory.records[index]
            switch format {
            case .toml:
                return try InventoryEditor.removing(recordNamed: name, from: text, path: path)
            case .json:
                var records = inventory.records
                records.remove(at: index)
                return Array(KeyRecord.jsonInventory(records).utf8)
            }
        } verify: { before, after in
            after.map(\.name) == before.map(\.name).filter { $0 != name }
        }
        guard let removed else { throw notFound(name, in: .empty) }
        return removed
    }

    /// Sets (or replaces) the fingerprint of the record named `name` from `secret`: for records
    /// imported without one.
    @discardableResult
    public func setFingerprint(name: String, secret: [UInt8]) throws(InventoryError) -> KeyRecord {
        guard !secret.isEmpty else {
            throw InventoryError(.invalidField, path: path, keyName: name, message: "the secret is empty (nothing was read from stdin?)")
        }
        let fingerprint = Fingerprint.of(secret, key: fingerprintKey)
        var updated: KeyRecord?
        try edit { text, inventory, format throws(InventoryError) in
            guard let index = inventory.records.firstIndex(where: { $0.name == name }) else {
                throw notFound(name, in: inventory)
            }
            if let holder = inventory.match(secret: secret), holder.name != name {
                throw InventoryError(.duplicate, path: path, keyName: name, message: "this secret is already registered as \"\(holder.name)\"")
            }
            var records = inventory.records
            records[index].fingerprint = fingerprint
            updated = records[index]
            switch format {
            case .toml:
                return try InventoryEditor.settingFingerprint(fingerprint, recordNamed: name, in: text, path: path)
            case .json:
                return Array(KeyRecord.jsonInventory(records).utf8)
            }
        } verify: { before, after in
            after.map(\.name) == before.map(\.name) && after.first { $0.name == name }?.fingerprint == fingerprint
        }
        guard let updated else { throw notFound(name, in: .empty) }
        return updated
    }

    private func add(_ records: [KeyRecord], secrets: [[UInt8]]) throws(InventoryError) {
        try edit { text, inventory, format throws(InventoryError) in
            var names = Set(inventory.records.map(\.name))
            var fingerprints = Set(inventory.records.compactMap(\.fingerprint))
            for (offset, record) in records.enumerated() {
                guard names.insert(record.name).inserted else {
                    throw InventoryError(.duplicate, path: path, keyName: record.name, message: "a key with this name is already in the inventory")
                }
                let holder = offset < secrets.count ? inventory.match(secret: secrets[offset]) : record.fingerprint.flatMap(inventory.match)
                if let holder {
                    throw InventoryError(.duplicate, path: path, keyName: record.name, message: "this secret is already registered as \"\(holder.name)\"")
                }
                if let fingerprint = record.fingerprint, !fingerprints.insert(fingerprint).inserted {
                    throw InventoryError(.duplicate, path: path, keyName: record.name, message: "the same fingerprint appears twice in this batch")
                }
            }
            switch format {
            case .toml: return try InventoryEditor.appending(records, to: text, path: path)
            case .json: return Array(KeyRecord.jsonInventory(inventory.records + records).utf8)
            }
        } verify: { before, after in
            after.map(\.name) == before.map(\.name) + records.map(\.name)
        }
    }

    /// Locks, reads (an absent file is an empty TOML inventory), edits, re-parses, verifies and
    /// atomically writes.
    private func edit(
        _ change: (_ text: [UInt8], _ inventory: Inventory, _ format: InventoryFormat) throws(InventoryError) -> [UInt8],
        verify: (_ before: [KeyRecord], _ after: [KeyRecord]) -> Bool
    ) throws(InventoryError) {
        let lock: FileLock
        do {
            lock = try FileLock(for: path, timeout: lockTimeout)
        } catch {
            throw InventoryError(.write, path: path, message: error.description)
        }
        let existing = InventoryFileIO.exists(path)
        let text = existing ? try InventoryFileIO.read(path, kind: .inventory) : []
        let format = existing ? InventoryFormat.detect(path: path, bytes: text) : .detect(path: path, bytes: [])
        let before =
            existing
            ? try Inventory.parse(text, path: path, format: format, fingerprintKey: fingerprintKey)
            : Inventory(records: [], path: path, fingerprintKey: fingerprintKey)
        let edited = try change(text, before, format)
        let after: Inventory
        do {
            after = try Inventory.parse(edited, path: path, format: format, fingerprintKey: fingerprintKey)
        } catch {
            throw InventoryError(
                error.kind, path: path, position: error.position, keyName: error.keyName,
                message: "the edit was not written: \(error.message)")
        }
        guard verify(before.records, after.records) else {
            throw InventoryError(.unsupportedLayout, path: path, message: "the edit did not have the intended effect and was not written; edit the file by hand")
        }
        do {
            try AtomicFile.write(edited, to: path)
        } catch {
            throw InventoryError(.write, path: path, message: error.description)
        }
        lock.release()
    }

    private func notFound(_ name: String, in inventory: Inventory) -> InventoryError {
        let hint = EditDistance.hint(for: name, among: inventory.records.map(\.name))
        return InventoryError(.notFound, path: path, keyName: name, message: "no key with this name in the inventory\(hint)")
    }
}
