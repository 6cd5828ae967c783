import Foundation
import HoundInventory
import HoundModel
import HoundSupport

/// The inventory as a rotation sees it: read the keys, then record a finished rotation.
///
/// Recording sets three fields of one record (`fingerprint`, `provider_id`, `last_rotated`)
/// under the inventory's `FileLock`, the same lock `keyhound inventory` takes. A TOML inventory
/// is edited line by line (``TOMLLines``) so comments and layout survive; a JSON inventory is
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
    /// still valid.
    func checkRecordable(_ name: String) throws(RotationError) {
        let epoch = Date(timeIntervalSince1970: 0)
        let probe = Change(
            fingerprint: Fingerprint.of(Array("keyhound-probe".utf8)), providerID: "probe", rotatedAt: epoch,
            expires: nil, retired: RetiredKey(fingerprint: Fingerprint.of(Array("keyhound-probe-old".utf8)), revokedAt: epoch))
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
            var fields: [(String, String?)] = [
                ("fingerprint", "\"\(change.fingerprint.description)\""),
                ("provider_id", change.providerID.map(JSONText.quote)),
                ("last_rotated", ISODate.format(change.rotatedAt)),
            ]
            if change.providerID == nil, before.records[index].providerID == nil { fields.remove(at: 1) }
            if let expires = change.expires { fields.append(("expires", ISODate.format(expires))) }
            edited = try Self.setting(
                fields, appending: change.retired.map { [$0.tomlBlock] } ?? [], inRecord: index,
                recordCount: before.records.count, of: text, name: name)
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

    /// `text` with the top-level entries `fields` of the `index`-th `[[keys]]` table replaced
    /// (a nil value removes the entry; missing entries are added after its last entry), and
    /// `blocks` (sub-tables such as `[[keys.previous]]`) appended at the end of that record.
    static func setting(
        _ fields: [(String, String?)], appending blocks: [String] = [], inRecord index: Int, recordCount: Int,
        of text: [UInt8], name: String
    ) throws(RotationError) -> [UInt8] {
        let layout = TOMLLines(text)
        let headers = layout.arrayHeaders(named: "keys")
        guard headers.count == recordCount, index < headers.count else {
            throw .inventory(
                "key \"\(name)\": the inventory does not write each key as a [[keys]] table, so the rotation cannot be "
                    + "recorded safely; set its fingerprint, provider_id and last_rotated by hand")
        }
        let recordEnd = Self.lastContentLine(of: layout, text: text, from: headers[index],
            before: index + 1 < headers.count ? headers[index + 1] : layout.lines.count)
        let body = layout.body(after: headers[index])
        let lineEnd = text.contains(UInt8(ascii: "\r")) ? "\r\n" : "\n"
        var replacements: [(lines: ClosedRange<Int>, with: String)] = []
        var missing: [String] = []
        var lastEntryEnd = headers[index]
        var indent = ""
        for line in body {
            guard case .entry(let key) = layout.lines[line].kind else { continue }
            lastEntryEnd = layout.lines[line].valueEnd
            let start = layout.lines[line].start
            indent = String(decoding: text[start...].prefix(while: { $0 == 0x20 || $0 == 0x09 }), as: UTF8.self)
            if let field = fields.first(where: { $0.0 == key }) {
                replacements.append((line...layout.lines[line].valueEnd, field.1.map { "\(indent)\(key) = \($0)" } ?? ""))
            }
        }
        for (key, value) in fields where !replacements.contains(where: { layout.lines[$0.lines.lowerBound].kind == .entry(key) }) {
            if let value { missing.append("\(indent)\(key) = \(value)") }
        }
        var out: [UInt8] = []
        var line = 0
        while line < layout.lines.count {
            let current = layout.lines[line]
            let next = line + 1 < layout.lines.count ? layout.lines[line + 1].start : text.count
            if let replacement = replacements.first(where: { $0.lines.lowerBound == line }) {
                let last = layout.lines[replacement.lines.upperBound]
                let afterLast =
                    replacement.lines.upperBound + 1 < layout.lines.count
                    ? layout.lines[replacement.lines.upperBound + 1].start : text.count
                if !replacement.with.isEmpty {
                    out += Array(replacement.with.utf8)
                    out += text[last.end..<afterLast]
                }
                line = replacement.lines.upperBound
            } else {
                out += text[current.start..<next]
            }
            if line == lastEntryEnd, !missing.isEmpty {
                if out.last != UInt8(ascii: "\n") { out += Array(lineEnd.utf8) }
                out += Array(missing.map { $0 + lineEnd }.joined().utf8)
            }
            if line == recordEnd, !blocks.isEmpty {
                if out.last != UInt8(ascii: "\n") { out += Array(lineEnd.utf8) }
                for block in blocks {
                    out += Array((lineEnd + block.replacingOccurrences(of: "\n", with: lineEnd)).utf8)
                }
            }
            line += 1
        }
        return out
    }

    /// The last line of the record starting at header `start` (before `end`, the next record's
    /// header) that is neither blank nor a comment: comments just above the next `[[keys]]`
    /// belong to that record, so appended sub-tables go before them.
    static func lastContentLine(of layout: TOMLLines, text: [UInt8], from start: Int, before end: Int) -> Int {
        var last = start
        var line = start
        while line < end {
            let current = layout.lines[line]
            let content = text[current.start..<current.end].drop { $0 == 0x20 || $0 == 0x09 }
            if !content.isEmpty, content.first != UInt8(ascii: "#") {
                last = max(line, current.valueEnd)
                line = max(line, current.valueEnd)
            }
            line += 1
        }
        return last
    }
}
