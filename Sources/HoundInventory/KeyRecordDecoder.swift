#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel
import HoundSupport
import TOML

/// Turns a parsed inventory document (TOML or JSON) into key records, checking every field:
/// types, dates, durations, fingerprints, enumerations, unknown fields (with a "did you mean"),
/// fields that look like plaintext secrets, and duplicate names.
struct KeyRecordDecoder {
    /// The file the document came from, for error messages.
    let path: String
    /// Whether a bad record (or top-level field) is reported in `problems` and skipped, rather
    /// than stopping the whole inventory.
    var lenient = false

    /// Records in file order, with the position of each record's table.
    struct Decoded {
        /// The records.
        var records: [KeyRecord] = []
        /// Where each record's table starts, parallel to `records`.
        var positions: [SourcePosition?] = []
        /// Each name's record.
        var byName: [String: Int] = [:]
        /// Records (or fields) skipped as invalid, in file order (lenient decoding only).
        var problems: [InventoryError] = []
    }

    /// The records of a whole document.
    func decodeInventory(_ root: DocumentTable) throws(InventoryError) -> Decoded {
        var problems: [InventoryError] = []
        for entry in root.entries where entry.key != "keys" {
            do { try rejectUnknown(entry, known: ["keys"], keyName: nil) } catch {
                guard lenient else { throw error }
                problems.append(error)
            }
        }
        guard let keys = root["keys"] else { return Decoded(problems: problems) }
        guard case .array(let items) = keys.content else {
            throw error(.invalidField, keys.position, nil, "\"keys\" must be an array of tables ([[keys]]), not \(keys.typeName)")
        }
        var decoded = try decodeRecords(count: items.count) { items[$0] }
        decoded.problems = problems + decoded.problems
        return decoded
    }

    /// The records of a TOML document, each `[[keys]]` table turned into a document table only
    /// while it is decoded (the same checks, errors and positions as `decodeInventory(_:)` on
    /// the converted document).
    func decodeInventory(toml root: TOMLTable) throws(InventoryError) -> Decoded {
        var problems: [InventoryError] = []
        for key in root.keys where key != "keys" {
            guard let value = root[key] else { continue }
            let position = root.position(of: key).map { SourcePosition(line: $0.line, column: $0.column) }
            do {
                try rejectUnknown(
                    DocumentTable.Entry(key: key, value: DocumentValue(value, position: position), position: position),
                    known: ["keys"], keyName: nil)
            } catch {
                guard lenient else { throw error }
                problems.append(error)
            }
        }
        guard let keys = root["keys"] else { return Decoded(problems: problems) }
        let position = root.position(of: "keys").map { SourcePosition(line: $0.line, column: $0.column) }
        guard case .array(let items) = keys else {
            let value = DocumentValue(keys, position: position)
            throw error(.invalidField, position, nil, "\"keys\" must be an array of tables ([[keys]]), not \(value.typeName)")
        }
        var decoded = try decodeRecords(count: items.count) { DocumentValue(items[$0], position: position) }
        decoded.problems = problems + decoded.problems
        return decoded
    }

    /// Decodes `count` items of the `keys` array, `item(n)` giving the n-th.
    private func decodeRecords(count: Int, item: (Int) -> DocumentValue) throws(InventoryError) -> Decoded {
        var result = Decoded()
        result.records.reserveCapacity(count)
        result.positions.reserveCapacity(count)
        result.byName.reserveCapacity(count)
        for number in 0..<count {
            let item = item(number)
            do throws(InventoryError) {
                guard case .table(let table) = item.content else {
                    throw error(.invalidField, item.position, nil, "each entry of \"keys\" must be a table, not \(item.typeName)")
                }
                let record = try decodeRecord(table)
                if let first = result.byName[record.name] {
                    let where_ = result.positions[first].map { " (first defined at line \($0.line))" } ?? ""
                    throw error(.duplicate, table.position, record.name, "duplicate key name \(Redaction.name(record.name))\(where_)")
                }
                result.byName[record.name] = result.records.count
                result.records.append(record)
                result.positions.append(table.position)
            } catch {
                guard lenient else { throw error }
                result.problems.append(error)
            }
        }
        return result
    }

    /// One `[[keys]]` table.
    func decodeRecord(_ table: DocumentTable) throws(InventoryError) -> KeyRecord {
        guard let nameEntry = table.entries.first(where: { $0.key == "name" }) else {
            throw error(.invalidField, table.position, nil, "missing required field \"name\"")
        }
        let name = try string(nameEntry, keyName: nil)
        guard !name.isEmpty, !KeyRecordDecoder.hasControlCharacter(name) else {
            throw error(.invalidField, nameEntry.position, nil, "field \"name\" must be a non-empty single line")
        }
        var record = KeyRecord(name: name)
        for entry in table.entries where entry.key != "name" {
            let value = entry.value
            if case .null = value.content { continue }
            switch entry.key {
            case "description": record.description = try string(entry, keyName: name, checkEntropy: true)
            case "fingerprint": record.fingerprint = try fingerprint(entry, keyName: name)
            case "provider_id": record.providerID = try string(entry, keyName: name, checkShape: false)
            case "rule": record.rule = try string(entry, keyName: name)
            case "owner": record.owner = try string(entry, keyName: name)
            case "consumers": record.consumers = try strings(entry, keyName: name)
            case "environment": record.environment = try string(entry, keyName: name)
            case "rotation_frequency": record.rotationFrequency = try duration(entry, keyName: name)
            case "last_rotated": record.lastRotated = try date(entry, keyName: name)
            case "expires": record.expires = try date(entry, keyName: name)
            case "status": record.status = try enumeration(entry, keyName: name)
            case "on_leak": record.onLeak = try enumeration(entry, keyName: name)
            case "tags": record.tags = try strings(entry, keyName: name)
            case "rotation": record.rotation = try rotation(entry, keyName: name)
            case "previous": record.previous = try previous(entry, keyName: name)
            default: try rejectUnknown(entry, known: KeyRecord.fieldNames, keyName: name)
            }
        }
        return record
    }

    private func rotation(_ entry: DocumentTable.Entry, keyName: String) throws(InventoryError) -> RotationSpec {
        guard case .table(let table) = entry.value.content else {
            throw typeError(entry, keyName, "a table ([keys.rotation])")
        }
        var spec = RotationSpec()
        for field in table.entries {
            if case .null = field.value.content { continue }
            let qualified = DocumentTable.Entry(key: "rotation." + field.key, value: field.value, position: field.position)
            if let command = RotationCommandField(rawValue: field.key) {
                spec[command] = try self.command(qualified, keyName: keyName)
                continue
            }
            switch field.key {
            case "grace": spec.grace = try duration(qualified, keyName: keyName, allowingZero: true)
            case "timeout": spec.timeout = try duration(qualified, keyName: keyName)
            case "retries":
                guard case .integer(let retries) = field.value.content, RotationSpec.retriesRange.contains(retries) else {
                    throw typeError(qualified, keyName, "an integer from 0 to 100")
                }
                spec.retries = Int(retries)
            case "min_secret_bits":
                guard case .integer(let bits) = field.value.content, RotationSpec.minSecretBitsRange.contains(bits) else {
                    throw typeError(qualified, keyName, "an integer from 0 to 4096")
                }
                spec.minSecretBits = Int(bits)
            case "per_consumer":
                guard case .boolean(let flag) = field.value.content else { throw typeError(qualified, keyName, "true or false") }
                spec.perConsumer = flag
            default: try rejectUnknown(qualified, known: RotationSpec.fieldNames.map { "rotation." + $0 }, keyName: keyName)
            }
        }
        return spec
    }

    /// `[[keys.previous]]`: the retired versions of the key.
    private func previous(_ entry: DocumentTable.Entry, keyName: String) throws(InventoryError) -> [RetiredKey] {
        guard case .array(let items) = entry.value.content else {
            throw typeError(entry, keyName, "an array of tables ([[keys.previous]])")
        }
        var versions: [RetiredKey] = []
        for item in items {
            guard case .table(let table) = item.content else {
                throw error(.invalidField, item.position ?? entry.position, keyName, "each entry of \"previous\" must be a table")
            }
            var fingerprint: Fingerprint?
            var version = RetiredKey(fingerprint: Fingerprint.of([]))
            for field in table.entries {
                if case .null = field.value.content { continue }
                let qualified = DocumentTable.Entry(key: "previous." + field.key, value: field.value, position: field.position)
                switch field.key {
                case "fingerprint": fingerprint = try self.fingerprint(qualified, keyName: keyName)
                case "provider_id": version.providerID = try string(qualified, keyName: keyName, checkShape: false)
                case "created": version.created = try date(qualified, keyName: keyName)
                case "revoked_at": version.revokedAt = try date(qualified, keyName: keyName)
                default:
                    try rejectUnknown(qualified, known: RetiredKey.fieldNames.map { "previous." + $0 }, keyName: keyName)
                }
            }
            guard let fingerprint else {
                throw error(.invalidField, table.position ?? item.position, keyName, "a [[keys.previous]] table needs a fingerprint")
            }
            version.fingerprint = fingerprint
            versions.append(version)
        }
        return versions
    }

    private func command(_ entry: DocumentTable.Entry, keyName: String) throws(InventoryError) -> [String] {
        let argv = try strings(entry, keyName: keyName)
        guard let program = argv.first, !program.isEmpty else {
            throw error(.invalidField, entry.position, keyName, "field \"\(entry.key)\" must be a non-empty argv array such as [\"./rotate\", \"create\"]")
        }
        return argv
    }

    private func string(
        _ entry: DocumentTable.Entry, keyName: String?, checkShape: Bool = true, checkEntropy: Bool = false
    ) throws(InventoryError) -> String {
        guard case .string(let text) = entry.value.content else { throw typeError(entry, keyName, "a string") }
        if checkShape, let shape = PlaintextSecretCheck.secretShape(in: text, checkEntropy: checkEntropy) {
            throw error(
                .plaintextSecret, entry.value.position ?? entry.position, keyName,
                "field \"\(entry.key)\" contains what looks like \(shape); the inventory holds fingerprints only, never secrets")
        }
        return text
    }

    private func strings(_ entry: DocumentTable.Entry, keyName: String) throws(InventoryError) -> [String] {
        guard case .array(let items) = entry.value.content else { throw typeError(entry, keyName, "an array of strings") }
        var result: [String] = []
        for item in items {
            guard case .string = item.content else {
                throw error(
                    .invalidField, item.position ?? entry.position, keyName,
                    "field \"\(entry.key)\" must be an array of strings, but holds \(item.typeName)")
            }
            let element = DocumentTable.Entry(key: entry.key, value: item, position: item.position ?? entry.position)
            result.append(try string(element, keyName: keyName))
        }
        return result
    }

    private func fingerprint(_ entry: DocumentTable.Entry, keyName: String) throws(InventoryError) -> Fingerprint {
        guard case .string(let text) = entry.value.content else { throw typeError(entry, keyName, "a string") }
        if let fingerprint = Fingerprint(parsing: text) { return fingerprint }
        // Never echo the value: it may be a secret pasted into the wrong field.
        let problem: String
        if let colon = text.firstIndex(of: ":") {
            let algorithm = text[..<colon]
            let digits = text[text.index(after: colon)...]
            if Fingerprint.Algorithm(rawValue: String(algorithm)) == nil {
                problem = algorithm.count <= 16 && algorithm.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
                    ? "unknown fingerprint algorithm \"\(algorithm)\" (expected sha256 or hmac-sha256)"
                    : "unknown fingerprint algorithm (expected sha256 or hmac-sha256)"
            } else if !digits.allSatisfy(\.isHexDigit) {
                problem = "fingerprint holds characters other than hex digits after \"\(algorithm):\""
            } else {
                problem = "fingerprint must have 64 hex digits after \"\(algorithm):\", found \(digits.count)"
            }
        } else {
            problem = "fingerprint must look like sha256:<64 hex digits> or hmac-sha256:<64 hex digits>"
        }
        throw error(.invalidField, entry.value.position ?? entry.position, keyName, problem)
    }

    private func duration(
        _ entry: DocumentTable.Entry, keyName: String, allowingZero: Bool = false
    ) throws(InventoryError) -> DurationSpec {
        guard case .string(let text) = entry.value.content else {
            throw typeError(entry, keyName, "a duration string such as \"30d\" or \"quarterly\"")
        }
        do {
            return try DurationSpec(parsing: text, allowingZero: allowingZero)
        } catch {
            throw self.error(.invalidField, entry.value.position ?? entry.position, keyName, "field \"\(entry.key)\": \(error)")
        }
    }

    private func date(_ entry: DocumentTable.Entry, keyName: String) throws(InventoryError) -> Date {
        let text: String
        switch entry.value.content {
        case .dateTime(let literal), .string(let literal): text = literal
        default: throw typeError(entry, keyName, "a date (2026-10-01) or date-time (2026-10-01T00:00:00Z)")
        }
        do {
            return try ISODate.parse(text)
        } catch {
            throw self.error(.invalidField, entry.value.position ?? entry.position, keyName, "field \"\(entry.key)\": \(error)")
        }
    }

    private func enumeration<Value: RawRepresentable & CaseIterable>(
        _ entry: DocumentTable.Entry, keyName: String
    ) throws(InventoryError) -> Value where Value.RawValue == String {
        if case .string(let text) = entry.value.content, let value = Value(rawValue: text) { return value }
        let allowed = Value.allCases.map(\.rawValue)
        let list = allowed.joined(separator: ", ")
        guard case .string(let text) = entry.value.content else { throw typeError(entry, keyName, "one of \(list)") }
        let shown = Redaction.excerpt(text)
        let hint = EditDistance.hint(for: text, among: allowed)
        throw error(.invalidField, entry.value.position ?? entry.position, keyName, "field \"\(entry.key)\" is \(shown), expected one of \(list)\(hint)")
    }

    private func rejectUnknown(_ entry: DocumentTable.Entry, known: [String], keyName: String?) throws(InventoryError) {
        let bareName = entry.key.split(separator: ".").last.map(String.init) ?? entry.key
        // A secret is a string (or a list of them), never a table of settings.
        let isScalar: Bool
        switch entry.value.content {
        case .string, .integer, .float: isScalar = true
        case .array(let items): isScalar = items.allSatisfy { if case .table = $0.content { false } else { true } }
        default: isScalar = false
        }
        if isScalar, PlaintextSecretCheck.isSecretFieldName(bareName) {
            throw error(
                .plaintextSecret, entry.position, keyName,
                "field \"\(entry.key)\" looks like a plaintext secret; the inventory holds fingerprints only "
                    + "(`keyhound inventory add` reads the secret from stdin and stores its fingerprint)")
        }
        let message =
            if let suggestion = EditDistance.suggestion(for: entry.key, among: known) {
                "unknown field \(Redaction.name(entry.key)) (did you mean \"\(suggestion)\"?)"
            } else {
                "unknown field \(Redaction.name(entry.key)) (known fields: \(known.joined(separator: ", ")))"
            }
        throw error(.unknownField, entry.position, keyName, message)
    }

    /// Whether `text` holds a C0 or C1 control character or DEL (checked on UTF-8 bytes).
    static func hasControlCharacter(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) { return true }
            previous = byte
        }
        return false
    }

    private func typeError(_ entry: DocumentTable.Entry, _ keyName: String?, _ expected: String) -> InventoryError {
        error(.invalidField, entry.value.position ?? entry.position, keyName, "field \"\(entry.key)\" must be \(expected), not \(entry.value.typeName)")
    }

    private func error(_ kind: InventoryError.Kind, _ position: SourcePosition?, _ keyName: String?, _ message: String) -> InventoryError {
        InventoryError(kind, path: path, position: position, keyName: keyName, message: message)
    }
}
