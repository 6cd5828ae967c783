#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory
import HoundJSON
import HoundModel
import HoundSupport

/// The inventory as a rotation sees it: read the keys, then record a finished rotation.
///
/// Recording sets three fields of one record (`fingerprint`, `provider_id`, `last_rotated`)
/// under the inventory's `FileLock`, the same lock `keyhound inventory` takes. A TOML inventory
/// is edited in place (``InventoryEditor``) so comments and layout survive; a JSON inventory is
/// rewritten whole. The result is parsed again and must differ from the original in exactly
/// those fields of that record, or nothing is written; then it replaces the file atomically.
///
/// (This is the small adapter the rotation needs until `InventoryFile` offers such an update.)
struct InventoryAccess: Sendable {
    /// The inventory file.
    let path: String
    /// The organisation key for `hmac-sha256:` fingerprints.
    let fingerprintKey: [UInt8]?

    /// Reads and checks the inventory; an invalid record is skipped (in `problems`), so the
    /// other keys still rotate.
    func load() throws(RotationError) -> Inventory {
        do {
            return try Inventory.load(path: path, fingerprintKey: fingerprintKey, lenient: true)
        } catch {
            throw .inventory(error.description)
        }
    }

    /// The fingerprint of `secret` as the inventory writes it (HMAC under the organisation key).
    func fingerprint(of secret: [UInt8]) -> Fingerprint { Fingerprint.of(secret, key: fingerprintKey) }

    /// The fingerprint of `secret` with the algorithm of `other` (to compare them), else as the
    /// inventory writes it.
    func fingerprint(of secret: [UInt8], like other: Fingerprint?) -> Fingerprint {
        other?.algorithm == .sha256 ? Fingerprint.of(secret) : fingerprint(of: secret)
    }

    /// What recording a finished rotation changes in a key's record.
    struct Change {
        /// The new key's fingerprint.
        var fingerprint: Fingerprint
        /// The new key's provider id (removed when nil).
        var providerID: String?
        /// The rotation time (whole seconds).
        var rotatedAt: Date
        /// The new key's expiry, when `create` gave one.
        var expires: Date?
        /// The old key, kept as a retired version.
        var retired: RetiredKey?
    }

    /// Sets the rotated key's fingerprint, provider id (removed when nil), rotation time and
    /// expiry (when given), and appends the old key to its retired versions (`[[keys.previous]]`).
    func recordRotation(
        of name: String, fingerprint: Fingerprint, providerID: String?, rotatedAt: Date, expires: Date? = nil,
        retired: RetiredKey? = nil
    ) throws(RotationError) {
        // The inventory holds whole seconds: a fraction would make the checked edit differ
        // from what it reads back.
        let retired = retired.map { version in
            RetiredKey(
                fingerprint: version.fingerprint, providerID: version.providerID, created: version.created.map(Self.wholeSeconds),
                revokedAt: version.revokedAt.map(Self.wholeSeconds))
        }
        let change = Change(
            fingerprint: fingerprint, providerID: providerID, rotatedAt: Self.wholeSeconds(rotatedAt),
            expires: expires.map(Self.wholeSeconds), retired: retired)
        let lock: FileLock
        do {
            lock = try FileLock(for: path, timeout: .seconds(10))
        } catch {
            throw .inventory(error.description)
        }
        let failure: RotationError?
        do throws(RotationError) {
            let edited = try edit(of: name, change)
            do { try AtomicFile.write(edited, to: path) } catch { throw RotationError.inventory(error.description) }
            failure = nil
        } catch {
            failure = error
        }
        lock.release()
        if let failure { throw failure }
    }

    /// Checks, without writing anything, that a finished rotation of `name` could be recorded
    /// (the key is there, and its record can be edited safely): asked before the old key is
    /// revoked, so that an inventory keyhound cannot edit stops the rotation while both keys are
    /// still valid. The probe makes every kind of change recording makes (an expiry and a
    /// retired version included), so none can fail afterwards for the layout's sake.
    func checkRecordable(_ name: String) throws(RotationError) {
        let day = Date(timeIntervalSince1970: 86_400)
        let probe = Change(
            fingerprint: Fingerprint.of(Array("keyhound-probe".utf8)), providerID: "probe", rotatedAt: day,
            expires: day,
            retired: RetiredKey(fingerprint: Fingerprint.of(Array("keyhound-probe-old".utf8)), providerID: "probe-old", created: day, revokedAt: day))
        _ = try edit(of: name, probe)
    }

    /// `date` without its fraction of a second.
    private static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// The inventory's bytes with `change` made to `name`'s record, checked: parsed again, it
    /// must differ from the original in exactly those fields of that record.
    private func edit(of name: String, _ change: Change) throws(RotationError) -> [UInt8] {
        guard let text = try FileBytes.readIfPresent(path) else {
            throw .inventory("\(path): the inventory is gone; the rotation cannot be recorded")
        }
        let format = InventoryFormat.detect(path: path, bytes: text)
        let before = try parse(text, format: format)
        guard let index = before.records.firstIndex(where: { $0.name == name }) else {
            throw .inventory("\(path): key \"\(name)\" is no longer in the inventory; the rotation cannot be recorded")
        }
        var expected = before.records
        expected[index].fingerprint = change.fingerprint
        expected[index].providerID = change.providerID
        expected[index].lastRotated = change.rotatedAt
        if let expires = change.expires { expected[index].expires = expires }
        if let retired = change.retired { expected[index].previous.append(retired) }
        let edited: [UInt8]
        switch format {
        case .json:
            edited = Array(KeyRecord.jsonInventory(expected).utf8)
        case .toml:
            var fields: [(key: String, value: String?)] = [
                ("fingerprint", TOMLText.string(change.fingerprint.description)),
                ("provider_id", change.providerID.map(TOMLText.string)),
                ("last_rotated", ISODate.format(change.rotatedAt)),
            ]
            if let expires = change.expires { fields.append(("expires", ISODate.format(expires))) }
            do {
                edited = try InventoryEditor.updating(
                    fields, retiring: change.retired.map { [$0] } ?? [], inRecordNamed: name, of: text, path: path)
            } catch {
                throw .inventory(
                    "\(error.description); the rotation cannot be recorded safely: set its fingerprint, provider_id and "
                        + "last_rotated by hand")
            }
        }
        let after = try parse(edited, format: format, note: "the edit was not written: ")
        guard after.records == expected, after.problems.count == before.problems.count else {
            throw .inventory(
                "\(path): recording the rotation of \"\(name)\" did not have the intended effect, so it was not written; "
                    + "set fingerprint = \"\(change.fingerprint)\", provider_id and last_rotated by hand")
        }
        return edited
    }

    private func parse(_ bytes: [UInt8], format: InventoryFormat, note: String = "") throws(RotationError) -> Inventory {
        do {
            return try Inventory.parse(bytes, path: path, format: format, fingerprintKey: fingerprintKey, lenient: true)
        } catch {
            throw .inventory(note + error.description)
        }
    }
}
