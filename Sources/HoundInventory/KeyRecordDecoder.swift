#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel
import HoundSupport
import TOML

/// Turns a parsed inventory document (a TOML table, or the JSON and YAML tree) into key records
/// through the shared `FieldReader` (types, choices, unknown fields with a "did you mean", at
/// `file:line:column`), adding the inventory's own checks: dates, durations, fingerprints, fields
/// that look like plaintext secrets, and duplicate names.
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

    /// The records of a whole document, read where it lies (a TOML table is not converted).
    func decodeInventory<Table: FieldTable>(_ root: Table) throws(InventoryError) -> Decoded {
        let reader = FieldReader(table: root, file: path, known: ["keys"], listsKnownFields: true)
        var result = Decoded()
        for key in root.keys where key != "keys" {
            do { try rejectUnknown(key, reader, keyName: nil) } catch {
                guard lenient else { throw error }
                result.problems.append(error)
            }
        }
        guard let keys = root["keys"] else { return result }
        guard let items = keys.arrayValue else {
            throw inventoryError(reader.typeError(at: "keys", expected: "an array of tables ([[keys]])"), nil)
        }
        result.records.reserveCapacity(items.count)
        result.positions.reserveCapacity(items.count)
        result.byName.reserveCapacity(items.count)
        for item in items {
            do throws(InventoryError) {
                guard let table = item.tableValue else {
                    throw error(
                        .invalidField, item.position ?? root.position(of: "keys"), nil,
                        "each entry of \"keys\" must be a table, not \(item.fieldTypeName)")
                }
                let record = try decodeRecord(table)
                if let first = result.byName[record.name] {
                    let where_ = result.positions[first].map { " (first defined at line \($0.line))" } ?? ""
                    throw error(.duplicate, table.startPosition, record.name, "duplicate key name \(Redaction.name(record.name))\(where_)")
                }
                result.byName[record.name] = result.records.count
                result.records.append(record)
                result.positions.append(table.startPosition)
            } catch {
                guard lenient else { throw error }
                result.problems.append(error)
            }
        }
        return result
    }

    /// One `[[keys]]` table.
    func decodeRecord<Table: FieldTable>(_ table: Table) throws(InventoryError) -> KeyRecord {
        let reader = FieldReader(table: table, file: path, known: KeyRecord.fieldNames, label: "field ", listsKnownFields: true)
        guard let nameValue = table["name"] else {
            throw error(.invalidField, table.startPosition, nil, "missing required field \"name\"")
        }
        guard nameValue.stringValue != nil, let name = try string("name", reader, keyName: nil) else {
            throw inventoryError(reader.typeError(at: "name", expected: "a string"), nil)
        }
        guard !name.isEmpty, !KeyRecordDecoder.hasControlCharacter(name) else {
            throw inventoryError(reader.error(at: "name", "field \"name\" must be a non-empty single line"), nil)
        }
        var record = KeyRecord(name: name)
        // Each read answers nil for a null (JSON), which leaves the field as it was.
        for key in table.keys where key != "name" {
            switch key {
            case "description": record.description = try string(key, reader, keyName: name, checkEntropy: true)
            case "fingerprint": record.fingerprint = try fingerprint(key, reader, keyName: name)
            case "provider_id": record.providerID = try string(key, reader, keyName: name, checkShape: false)
            case "rule": record.rule = try string(key, reader, keyName: name)
            case "owner": record.owner = try string(key, reader, keyName: name)
            case "consumers": record.consumers = try strings(key, reader, keyName: name) ?? []
            case "environment": record.environment = try string(key, reader, keyName: name)
            case "rotation_frequency": record.rotationFrequency = try duration(key, reader, keyName: name)
            case "last_rotated": record.lastRotated = try date(key, reader, keyName: name)
            case "expires": record.expires = try date(key, reader, keyName: name)
            case "status": record.status = try read(name) { () throws(FieldError) in try reader.oneOf(key) } ?? record.status
            case "on_leak": record.onLeak = try read(name) { () throws(FieldError) in try reader.oneOf(key) } ?? record.onLeak
            case "tags": record.tags = try strings(key, reader, keyName: name) ?? []
            case "rotation": record.rotation = try rotation(key, reader, keyName: name)
            case "previous": record.previous = try previous(key, reader, keyName: name) ?? []
            default: if reader.value([key]) != nil { try rejectUnknown(key, reader, keyName: name) }
            }
        }
        return record
    }

    /// `[keys.rotation]`: the key's rotation commands and settings.
    private func rotation<Table: FieldTable>(
        _ key: String, _ reader: FieldReader<Table>, keyName: String
    ) throws(InventoryError) -> RotationSpec? {
        guard let (_, value) = reader.value([key]) else { return nil }
        guard let table = value.tableValue else {
            throw inventoryError(reader.typeError(at: key, expected: "a table ([keys.rotation])"), keyName)
        }
        let fields = FieldReader(
            table: table, file: path, known: RotationSpec.fieldNames, label: "field ", keyPrefix: "rotation.",
            listsKnownFields: true)
        var spec = RotationSpec()
        for field in table.keys {
            if let command = RotationCommandField(rawValue: field) {
                if let argv = try self.command(field, fields, keyName: keyName) { spec[command] = argv }
                continue
            }
            switch field {
            case "grace": spec.grace = try duration(field, fields, keyName: keyName, allowingZero: true)
            case "timeout": spec.timeout = try duration(field, fields, keyName: keyName)
            case "retries":
                spec.retries = try read(keyName) { () throws(FieldError) in
                    try fields.expect(field, as: "an integer from 0 to 100") { $0.integerValue.in(RotationSpec.retriesRange) }
                }
            case "min_secret_bits":
                spec.minSecretBits = try read(keyName) { () throws(FieldError) in
                    try fields.expect(field, as: "an integer from 0 to 4096") { $0.integerValue.in(RotationSpec.minSecretBitsRange) }
                }
            case "per_consumer": spec.perConsumer = try read(keyName) { () throws(FieldError) in try fields.bool(field) }
            default: if fields.value([field]) != nil { try rejectUnknown(field, fields, keyName: keyName) }
            }
        }
        return spec
    }

    /// `[[keys.previous]]`: the retired versions of the key.
    private func previous<Table: FieldTable>(
        _ key: String, _ reader: FieldReader<Table>, keyName: String
    ) throws(InventoryError) -> [RetiredKey]? {
        guard let (_, value) = reader.value([key]) else { return nil }
        guard let items = value.arrayValue else {
            throw inventoryError(reader.typeError(at: key, expected: "an array of tables ([[keys.previous]])"), keyName)
        }
        var versions: [RetiredKey] = []
        for item in items {
            guard let table = item.tableValue else {
                throw error(
                    .invalidField, item.position ?? reader.table.position(of: key), keyName,
                    "each entry of \"previous\" must be a table")
            }
            let fields = FieldReader(
                table: table, file: path, known: RetiredKey.fieldNames, label: "field ", keyPrefix: "previous.",
                listsKnownFields: true)
            var fingerprint: Fingerprint?
            var version = RetiredKey(fingerprint: Fingerprint.of([]))
            for field in table.keys {
                switch field {
                case "fingerprint": fingerprint = try self.fingerprint(field, fields, keyName: keyName)
                case "provider_id": version.providerID = try string(field, fields, keyName: keyName, checkShape: false)
                case "created": version.created = try date(field, fields, keyName: keyName)
                case "revoked_at": version.revokedAt = try date(field, fields, keyName: keyName)
                default: if fields.value([field]) != nil { try rejectUnknown(field, fields, keyName: keyName) }
                }
            }
            guard let fingerprint else {
                throw error(
                    .invalidField, table.startPosition ?? item.position, keyName, "a [[keys.previous]] table needs a fingerprint")
            }
            version.fingerprint = fingerprint
            versions.append(version)
        }
        return versions
    }

    /// A rotation command: a non-empty argv array; nil when null.
    private func command<Table: FieldTable>(
        _ key: String, _ reader: FieldReader<Table>, keyName: String
    ) throws(InventoryError) -> [String]? {
        guard let argv = try strings(key, reader, keyName: keyName) else { return nil }
        guard let program = argv.first, !program.isEmpty else {
            throw inventoryError(
                reader.error(
                    at: key, "\(reader.subject(key)) must be a non-empty argv array such as [\"./rotate\", \"create\"]"),
                keyName)
        }
        return argv
    }

    /// A string field, refused when it looks like a secret (`checkShape`; `checkEntropy` for
    /// free text); nil when null.
    private func string<Table: FieldTable>(
        _ key: String, _ reader: FieldReader<Table>, keyName: String?, checkShape: Bool = true, checkEntropy: Bool = false
    ) throws(InventoryError) -> String? {
        guard let text = try read(keyName, { () throws(FieldError) in try reader.string(key) }) else { return nil }
        if checkShape { try refuseSecret(text, key, reader, element: nil, keyName: keyName, checkEntropy: checkEntropy) }
        return text
    }

    /// An array of strings, none of which may look like a secret; nil when null.
    private func strings<Table: FieldTable>(
        _ key: String, _ reader: FieldReader<Table>, keyName: String
    ) throws(InventoryError) -> [String]? {
        guard let texts = try read(keyName, { () throws(FieldError) in try reader.stringArray([key]) }) else { return nil }
        let elements = reader.table[key]?.arrayValue ?? []
        for (text, element) in zip(texts, elements) {
            try refuseSecret(text, key, reader, element: element, keyName: keyName)
        }
        return texts
    }

    /// Refuses `text`, the value of `key` (or of its array's `element`), when it has the shape of
    /// a secret.
    private func refuseSecret<Table: FieldTable>(
        _ text: String, _ key: String, _ reader: FieldReader<Table>, element: Table.Value?, keyName: String?,
        checkEntropy: Bool = false
    ) throws(InventoryError) {
        guard let shape = PlaintextSecretCheck.secretShape(in: text, checkEntropy: checkEntropy) else { return }
        throw error(
            .plaintextSecret, element?.position ?? reader.problemPosition(of: key), keyName,
            "\(reader.subject(key)) contains what looks like \(shape); the inventory holds fingerprints only, never secrets")
    }

    private func fingerprint<Table: FieldTable>(
        _ key: String, _ reader: FieldReader<Table>, keyName: String
    ) throws(InventoryError) -> Fingerprint? {
        guard let text = try read(keyName, { () throws(FieldError) in try reader.expect(key, as: "a string", \.stringValue) })
        else { return nil }
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
        throw inventoryError(reader.valueError(at: key, problem), keyName)
    }

    private func duration<Table: FieldTable>(
        _ key: String, _ reader: FieldReader<Table>, keyName: String, allowingZero: Bool = false
    ) throws(InventoryError) -> DurationSpec? {
        let text = try read(keyName) { () throws(FieldError) in
            try reader.expect(key, as: "a duration string such as \"30d\" or \"quarterly\"", \.stringValue)
        }
        guard let text else { return nil }
        do {
            return try DurationSpec(parsing: text, allowingZero: allowingZero)
        } catch {
            throw inventoryError(reader.valueError(at: key, "\(reader.subject(key)): \(error)"), keyName)
        }
    }

    private func date<Table: FieldTable>(
        _ key: String, _ reader: FieldReader<Table>, keyName: String
    ) throws(InventoryError) -> Date? {
        let text = try read(keyName) { () throws(FieldError) in
            try reader.expect(key, as: "a date (2026-10-01) or date-time (2026-10-01T00:00:00Z)") { $0.dateText ?? $0.stringValue }
        }
        guard let text else { return nil }
        do {
            return try ISODate.parse(text)
        } catch {
            throw inventoryError(reader.valueError(at: key, "\(reader.subject(key)): \(error)"), keyName)
        }
    }

    /// Refuses the field `key`, which is not one the table may hold: as a plaintext secret when
    /// its name and value say so, else as unknown (with a did-you-mean).
    private func rejectUnknown<Table: FieldTable>(
        _ key: String, _ reader: FieldReader<Table>, keyName: String?
    ) throws(InventoryError) {
        let bareName = key.split(separator: ".").last.map(String.init) ?? key
        // A secret is a string or a number (or a list of them), never a table of settings.
        let isScalar: Bool
        if let value = reader.table[key] {
            if let items = value.arrayValue {
                isScalar = items.allSatisfy { $0.tableValue == nil }
            } else {
                isScalar = value.stringValue != nil || value.doubleValue != nil
            }
        } else {
            isScalar = false
        }
        if isScalar, PlaintextSecretCheck.isSecretFieldName(bareName) {
            throw error(
                .plaintextSecret, reader.table.position(of: key), keyName,
                "field \"\(reader.keyPrefix)\(key)\" looks like a plaintext secret; the inventory holds fingerprints only "
                    + "(`keyhound inventory add` reads the secret from stdin and stores its fingerprint)")
        }
        throw inventoryError(reader.unknownField(key), keyName, kind: .unknownField)
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

    /// A field read through the shared reader (nil when absent or null), its error an inventory
    /// error of `keyName`.
    private func read<Value>(_ keyName: String?, _ read: () throws(FieldError) -> Value?) throws(InventoryError) -> Value? {
        do throws(FieldError) {
            return try read()
        } catch {
            throw inventoryError(error, keyName)
        }
    }

    /// The shared reader's `problem` as an inventory error of `keyName`.
    private func inventoryError(_ problem: FieldError, _ keyName: String?, kind: InventoryError.Kind = .invalidField) -> InventoryError {
        InventoryError(kind, path: path, position: problem.position, keyName: keyName, message: problem.message)
    }

    private func error(_ kind: InventoryError.Kind, _ position: SourcePosition?, _ keyName: String?, _ message: String) -> InventoryError {
        InventoryError(kind, path: path, position: position, keyName: keyName, message: message)
    }
}

extension Optional<Int64> {
    /// The integer as an `Int` when present and in `range`.
    fileprivate func `in`(_ range: ClosedRange<Int64>) -> Int? {
        guard let value = self, range.contains(value) else { return nil }
        return Int(value)
    }
}
