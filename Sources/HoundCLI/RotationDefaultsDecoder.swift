import HoundInventory
import HoundRules
import HoundRotation
import HoundSupport
import TOML

/// Decodes `[rotation.defaults.<provider-or-tag>]` tables of `.keyhound.toml` (same fields as
/// an inventory key's `[keys.rotation]`), plus `[rotation] timeout` and `retries`.
enum RotationDefaultsDecoder {
    static let specFields = RotationSpec.fieldNames

    static func decode(_ table: TOMLTable?, file: String) throws(CLIError) -> RotationDefaults {
        var defaults = RotationDefaults()
        guard let table else { return defaults }
        func fail(_ key: String, in t: TOMLTable, _ message: String) -> CLIError {
            let p = t.position(of: key) ?? t.position
            return CLIError(message: "\(file):\(p.line):\(p.column): \(message)", status: .usage)
        }
        for key in table.keys where !["defaults", "timeout", "retries"].contains(key) {
            throw fail(key, in: table, "unknown field \"\(key)\" in [rotation]" + EditDistanceHint.hint(key, ["defaults", "timeout", "retries"]))
        }
        if let t = table["timeout"] {
            guard let text = t.stringValue, let d = try? DurationSpec(parsing: text) else {
                throw fail("timeout", in: table, "[rotation] timeout must be a duration like \"5m\"")
            }
            defaults.timeout = Double(d.nominalSeconds)
        }
        if let r = table["retries"] {
            guard let n = r.integerValue, n >= 0, n <= 100 else { throw fail("retries", in: table, "[rotation] retries must be 0…100") }
            defaults.retries = Int(n)
        }
        guard let entries = table["defaults"] else { return defaults }
        guard let entriesTable = entries.tableValue else { throw fail("defaults", in: table, "[rotation.defaults] must be a table") }
        for (name, value) in entriesTable.entries {
            guard let t = value.tableValue else { throw fail(name, in: entriesTable, "[rotation.defaults.\(name)] must be a table") }
            var spec = RotationSpec()
            for key in t.keys where !specFields.contains(key) {
                throw fail(key, in: t, "unknown field \"\(key)\" in [rotation.defaults.\(name)]" + EditDistanceHint.hint(key, specFields))
            }
            func duration(_ key: String, allowingZero: Bool = false) throws(CLIError) -> DurationSpec? {
                guard let v = t[key] else { return nil }
                guard let text = v.stringValue else { throw fail(key, in: t, "\(key) must be a duration string like \"24h\"") }
                do { return try DurationSpec(parsing: text, allowingZero: allowingZero) } catch {
                    throw fail(key, in: t, "\(key): \(error)")
                }
            }
            func integer(_ key: String, _ range: ClosedRange<Int64>) throws(CLIError) -> Int? {
                guard let v = t[key] else { return nil }
                guard let n = v.integerValue, range.contains(n) else {
                    throw fail(key, in: t, "\(key) must be \(range.lowerBound)…\(range.upperBound)")
                }
                return Int(n)
            }
            for field in RotationCommandField.allCases {
                guard let v = t[field.rawValue] else { continue }
                guard let array = v.arrayValue, !array.isEmpty, array.allSatisfy({ $0.stringValue != nil }),
                    array.first?.stringValue?.isEmpty == false
                else {
                    throw fail(field.rawValue, in: t, "\(field.rawValue) must be a non-empty array of strings (argv, run without a shell)")
                }
                spec[field] = array.compactMap(\.stringValue)
            }
            spec.grace = try duration("grace", allowingZero: true)
            spec.timeout = try duration("timeout")
            spec.retries = try integer("retries", 0...100)
            spec.minSecretBits = try integer("min_secret_bits", 0...4096)
            if let v = t["per_consumer"] {
                guard let flag = v.boolValue else { throw fail("per_consumer", in: t, "per_consumer must be true or false") }
                spec.perConsumer = flag
            }
            defaults.entries[name] = spec
        }
        return defaults
    }
}

/// " (did you mean …?)" for field names.
enum EditDistanceHint {
    static func hint(_ word: String, _ candidates: [String]) -> String {
        Suggestion.closest(to: word, in: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }
}
