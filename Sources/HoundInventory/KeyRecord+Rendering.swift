#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundJSON
import HoundModel
import HoundSupport

extension KeyRecord {
    /// The record as a `[[keys]]` block (plus `[keys.rotation]` when set), fields in the
    /// canonical order, defaults (`status = "active"`, `on_leak = "report"`) left out.
    public var tomlBlock: String {
        var out = "[[keys]]\n"
        for (key, value) in tomlFields { out += "\(key) = \(value)\n" }
        if let rotation, !rotation.isEmpty {
            out += "\n[keys.rotation]\n"
            for (key, value) in rotation.tomlFields { out += "\(key) = \(value)\n" }
        }
        for version in previous { out += "\n" + version.tomlBlock }
        return out
    }

    /// `(key, TOML value text)` pairs of the main table.
    var tomlFields: [(String, String)] {
        var fields: [(String, String)] = [("name", TOMLText.string(name))]
        if let description { fields.append(("description", TOMLText.string(description))) }
        if let fingerprint { fields.append(("fingerprint", TOMLText.string(fingerprint.description))) }
        if let providerID { fields.append(("provider_id", TOMLText.string(providerID))) }
        if let rule { fields.append(("rule", TOMLText.string(rule))) }
        if let owner { fields.append(("owner", TOMLText.string(owner))) }
        if !consumers.isEmpty { fields.append(("consumers", TOMLText.array(consumers))) }
        if let environment { fields.append(("environment", TOMLText.string(environment))) }
        if let rotationFrequency { fields.append(("rotation_frequency", TOMLText.string(rotationFrequency.text))) }
        if let lastRotated { fields.append(("last_rotated", TOMLText.date(lastRotated))) }
        if let expires { fields.append(("expires", TOMLText.date(expires))) }
        if status != .active { fields.append(("status", TOMLText.string(status.rawValue))) }
        if onLeak != .report { fields.append(("on_leak", TOMLText.string(onLeak.rawValue))) }
        if !tags.isEmpty { fields.append(("tags", TOMLText.array(tags))) }
        return fields
    }

    /// The record as a JSON object, in the same field order as TOML.
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(name))]
        if let description { members.append(("description", .string(description))) }
        if let fingerprint { members.append(("fingerprint", .string(fingerprint.description))) }
        if let providerID { members.append(("provider_id", .string(providerID))) }
        if let rule { members.append(("rule", .string(rule))) }
        if let owner { members.append(("owner", .string(owner))) }
        if !consumers.isEmpty { members.append(("consumers", .array(consumers.map(JSONValue.string)))) }
        if let environment { members.append(("environment", .string(environment))) }
        if let rotationFrequency { members.append(("rotation_frequency", .string(rotationFrequency.text))) }
        if let lastRotated { members.append(("last_rotated", .string(ISODate.format(lastRotated)))) }
        if let expires { members.append(("expires", .string(ISODate.format(expires)))) }
        members.append(("status", .string(status.rawValue)))
        members.append(("on_leak", .string(onLeak.rawValue)))
        if !tags.isEmpty { members.append(("tags", .array(tags.map(JSONValue.string)))) }
        if let rotation, !rotation.isEmpty { members.append(("rotation", rotation.jsonValue)) }
        if !previous.isEmpty { members.append(("previous", .array(previous.map(\.jsonValue)))) }
        return .object(members)
    }

    /// The records as a JSON inventory document (`{"keys": [...]}`).
    public static func jsonInventory(_ records: [KeyRecord]) -> String {
        JSONValue.object([("keys", .array(records.map(\.jsonValue)))]).encodedText(.pretty) + "\n"
    }
}

extension RotationSpec {
    /// `(key, TOML value text)` pairs of `[keys.rotation]`.
    var tomlFields: [(String, String)] {
        var fields: [(String, String)] = orderedCommands.map { ($0.0, TOMLText.array($0.1)) }
        if let grace { fields.append(("grace", TOMLText.string(grace.text))) }
        if let timeout { fields.append(("timeout", TOMLText.string(timeout.text))) }
        if let retries { fields.append(("retries", String(retries))) }
        if let minSecretBits { fields.append(("min_secret_bits", String(minSecretBits))) }
        if let perConsumer { fields.append(("per_consumer", perConsumer ? "true" : "false")) }
        return fields
    }

    /// The set commands, in canonical order.
    var orderedCommands: [(String, [String])] {
        RotationCommandField.allCases.compactMap { field in commands[field].map { (field.rawValue, $0) } }
    }

    /// The spec as a JSON object.
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = orderedCommands.map { ($0.0, .array($0.1.map(JSONValue.string))) }
        if let grace { members.append(("grace", .string(grace.text))) }
        if let timeout { members.append(("timeout", .string(timeout.text))) }
        if let retries { members.append(("retries", .int(retries))) }
        if let minSecretBits { members.append(("min_secret_bits", .int(minSecretBits))) }
        if let perConsumer { members.append(("per_consumer", .bool(perConsumer))) }
        return .object(members)
    }
}

extension RetiredKey {
    /// `(key, TOML value text)` pairs of a `[[keys.previous]]` table.
    var tomlFields: [(String, String)] {
        var fields = [("fingerprint", TOMLText.string(fingerprint.description))]
        if let providerID { fields.append(("provider_id", TOMLText.string(providerID))) }
        if let created { fields.append(("created", TOMLText.date(created))) }
        if let revokedAt { fields.append(("revoked_at", TOMLText.date(revokedAt))) }
        return fields
    }

    /// The version as a `[[keys.previous]]` block.
    public var tomlBlock: String {
        "[[keys.previous]]\n" + tomlFields.map { "\($0.0) = \($0.1)\n" }.joined()
    }

    /// The version as a JSON object.
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [("fingerprint", .string(fingerprint.description))]
        if let providerID { members.append(("provider_id", .string(providerID))) }
        if let created { members.append(("created", .string(ISODate.format(created)))) }
        if let revokedAt { members.append(("revoked_at", .string(ISODate.format(revokedAt)))) }
        return .object(members)
    }
}
