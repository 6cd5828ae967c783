import Foundation
import HoundModel
import HoundSupport

/// Typed access to the members of a decoded JSON object, with errors naming the member.
struct JSONMembers {
    /// The object.
    let root: [String: Any]
    /// The file, for errors.
    let path: String
    /// Prepended to member names in errors (`commands.`).
    var prefix = ""

    private func fail(_ name: String, _ expected: String) -> RotationError {
        .state(path: path, problem: "member \"\(prefix)\(name)\" must be \(expected)")
    }

    private func value(_ name: String) -> Any? {
        guard let value = root[name], !(value is NSNull) else { return nil }
        return value
    }

    /// The string member `name`.
    func string(_ name: String) throws(RotationError) -> String {
        guard let text = value(name) as? String else { throw fail(name, "a string") }
        return text
    }

    /// The string member `name`, nil when absent or null.
    func optionalString(_ name: String) throws(RotationError) -> String? {
        guard let raw = value(name) else { return nil }
        guard let text = raw as? String else { throw fail(name, "a string or null") }
        return text
    }

    /// The number member `name`.
    func number(_ name: String) throws(RotationError) -> Double {
        guard let number = value(name) as? Double else { throw fail(name, "a number") }
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
        guard let flag = raw as? Bool else { throw fail(name, "true or false") }
        return flag
    }

    /// The number member `name`, nil when absent or null.
    func optionalNumber(_ name: String) throws(RotationError) -> Double? {
        guard let raw = value(name) else { return nil }
        guard let number = raw as? Double else { throw fail(name, "a number") }
        return number
    }

    /// The object member `name`, nil when absent or null.
    func optionalObject(_ name: String) throws(RotationError) -> [String: Any]? {
        guard let raw = value(name) else { return nil }
        guard let object = raw as? [String: Any] else { throw fail(name, "an object") }
        return object
    }

    /// The array-of-strings member `name`.
    func strings(_ name: String) throws(RotationError) -> [String] {
        guard let list = try optionalStrings(name) else { throw fail(name, "an array of strings") }
        return list
    }

    /// The array-of-strings member `name`, nil when absent or null.
    func optionalStrings(_ name: String) throws(RotationError) -> [String]? {
        guard let raw = value(name) else { return nil }
        guard let list = raw as? [Any] else { throw fail(name, "an array of strings") }
        var result: [String] = []
        for item in list {
            guard let text = item as? String else { throw fail(name, "an array of strings") }
            result.append(text)
        }
        return result
    }

    /// The object member `name`.
    func object(_ name: String) throws(RotationError) -> [String: Any] {
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
