#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundJSON
import HoundModel
import HoundSupport

/// Typed access to the members of a JSON object read by HoundJSON, with errors naming the
/// member (and the file).
struct JSONMembers {
    /// The object's members.
    let members: [JSONMember]
    /// The file, for errors.
    let path: String
    /// Prepended to member names in errors (`commands.`).
    var prefix = ""

    /// The members of `object`; an object node is expected (anything else has no members).
    init(_ object: JSONNode, path: String, prefix: String = "") {
        self.members = object.objectValue ?? []
        self.path = path
        self.prefix = prefix
    }

    private func fail(_ name: String, _ expected: String) -> RotationError {
        .state(path: path, problem: "member \"\(prefix)\(name)\" must be \(expected)")
    }

    /// The member's value, nil when absent or null.
    private func value(_ name: String) -> JSONNode? {
        guard let value = members.first(where: { $0.key == name })?.value, !value.isNull else { return nil }
        return value
    }

    /// The string member `name`.
    func string(_ name: String) throws(RotationError) -> String {
        guard let text = value(name)?.stringValue else { throw fail(name, "a string") }
        return text
    }

    /// The string member `name`, nil when absent or null.
    func optionalString(_ name: String) throws(RotationError) -> String? {
        guard let raw = value(name) else { return nil }
        guard let text = raw.stringValue else { throw fail(name, "a string or null") }
        return text
    }

    /// The number member `name`.
    func number(_ name: String) throws(RotationError) -> Double {
        guard let number = value(name)?.doubleValue else { throw fail(name, "a number") }
        return number
    }

    /// The Boolean member `name`.
    func bool(_ name: String) throws(RotationError) -> Bool {
        guard let flag = try optionalBool(name) else { throw fail(name, "true or false") }
        return flag
    }

    /// The Boolean member `name`, nil when absent or null.
    func optionalBool(_ name: String) throws(RotationError) -> Bool? {
        guard let raw = value(name) else { return nil }
        guard let flag = raw.boolValue else { throw fail(name, "true or false") }
        return flag
    }

    /// The number member `name`, nil when absent or null.
    func optionalNumber(_ name: String) throws(RotationError) -> Double? {
        guard let raw = value(name) else { return nil }
        guard let number = raw.doubleValue else { throw fail(name, "a number") }
        return number
    }

    /// The object member `name`, nil when absent or null.
    func optionalObject(_ name: String) throws(RotationError) -> JSONNode? {
        guard let raw = value(name) else { return nil }
        guard raw.objectValue != nil else { throw fail(name, "an object") }
        return raw
    }

    /// The array-of-strings member `name`.
    func strings(_ name: String) throws(RotationError) -> [String] {
        guard let list = try optionalStrings(name) else { throw fail(name, "an array of strings") }
        return list
    }

    /// The array-of-strings member `name`, nil when absent or null.
    func optionalStrings(_ name: String) throws(RotationError) -> [String]? {
        guard let raw = value(name) else { return nil }
        guard let list = raw.stringsValue else { throw fail(name, "an array of strings") }
        return list
    }

    /// The object member `name`.
    func object(_ name: String) throws(RotationError) -> JSONNode {
        guard let object = try optionalObject(name) else { throw fail(name, "an object") }
        return object
    }

    /// The ISO 8601 date-time member `name`.
    func date(_ name: String) throws(RotationError) -> Date {
        guard let date = try optionalDate(name) else { throw fail(name, "a date-time") }
        return date
    }

    /// The ISO 8601 date-time member `name`, nil when absent or null.
    func optionalDate(_ name: String) throws(RotationError) -> Date? {
        guard let text = try optionalString(name) else { return nil }
        do { return try ISODate.parse(text) } catch {
            throw RotationError.state(path: path, problem: "member \"\(prefix)\(name)\": \(error)")
        }
    }

    /// The fingerprint member `name`, nil when absent or null.
    func optionalFingerprint(_ name: String) throws(RotationError) -> Fingerprint? {
        guard let text = try optionalString(name) else { return nil }
        guard let fingerprint = Fingerprint(parsing: text) else { throw fail(name, "a fingerprint (sha256:<64 hex>)") }
        return fingerprint
    }

    /// The member `name` as one of `Value`'s raw values.
    func enumeration<Value: RawRepresentable>(_ name: String) throws(RotationError) -> Value where Value.RawValue == String {
        guard let value: Value = try optionalEnumeration(name) else { throw fail(name, "present") }
        return value
    }

    /// The member `name` as one of `Value`'s raw values, nil when absent or null.
    func optionalEnumeration<Value: RawRepresentable>(_ name: String) throws(RotationError) -> Value?
    where Value.RawValue == String {
        guard let text = try optionalString(name) else { return nil }
        guard let value = Value(rawValue: text) else {
            throw RotationError.state(path: path, problem: "member \"\(prefix)\(name)\" has unknown value \"\(text)\"")
        }
        return value
    }
}
