#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory
import HoundJSON
import HoundModel
import HoundSupport
import TOML

/// Typed access to the members of a rotation state file's JSON objects: the shared
/// `FieldReader` over the JSON document tree that HoundInventory reads, so a damaged state file
/// is answered like any other file keyhound decodes, at the member's `line:column`
/// (`state.json:7:14: member "commands.timeout" must be a number, not string`), as a
/// `RotationError.state`.
struct JSONMembers {
    /// The reader of the object's members.
    private let reader: FieldReader<DocumentTable>
    /// The file, for errors.
    private let path: String

    /// The members of `table`; `prefix` names the enclosing member in messages (`commands.`).
    init(_ table: DocumentTable, path: String, prefix: String = "") {
        self.reader = FieldReader(
            table: table, file: path, known: [], strictUnknownKeys: false, label: "member ", keyPrefix: prefix)
        self.path = path
    }

    /// The members of `object` (anything but an object has none).
    init(_ object: JSONNode, path: String, prefix: String = "") {
        let table = DocumentValue(object).tableValue ?? .empty
        self.init(table, path: path, prefix: prefix)
    }

    /// `problem` as the state file's error, at `file:line:column`.
    private func state(_ problem: FieldError) -> RotationError {
        let at = problem.position.map { ":\($0.line):\($0.column)" } ?? ""
        return .state(path: path + at, problem: problem.message)
    }

    /// `body`'s value, its `FieldError` turned into the state file's error.
    private func read<Value>(_ body: () throws(FieldError) -> Value) throws(RotationError) -> Value {
        do { return try body() } catch { throw state(error) }
    }

    /// The required member `name` read by `optional`; absent or null is an error.
    private func required<Value>(_ name: String, _ optional: (String) throws(RotationError) -> Value?)
        throws(RotationError) -> Value
    {
        guard let value = try optional(name) else { throw state(reader.error(at: nil, "\(reader.subject(name)) is missing")) }
        return value
    }

    /// The string member `name`.
    func string(_ name: String) throws(RotationError) -> String { try required(name, optionalString) }

    /// The string member `name`, nil when absent or null.
    func optionalString(_ name: String) throws(RotationError) -> String? {
        try read { () throws(FieldError) in try reader.string(name) }
    }

    /// The number member `name`.
    func number(_ name: String) throws(RotationError) -> Double { try required(name, optionalNumber) }

    /// The number member `name`, nil when absent or null.
    func optionalNumber(_ name: String) throws(RotationError) -> Double? {
        try read { () throws(FieldError) in try reader.double(name) }
    }

    /// The Boolean member `name`.
    func bool(_ name: String) throws(RotationError) -> Bool { try required(name, optionalBool) }

    /// The Boolean member `name`, nil when absent or null.
    func optionalBool(_ name: String) throws(RotationError) -> Bool? {
        try read { () throws(FieldError) in try reader.bool(name) }
    }

    /// The object member `name`.
    func object(_ name: String) throws(RotationError) -> DocumentTable { try required(name, optionalObject) }

    /// The object member `name`, nil when absent or null.
    func optionalObject(_ name: String) throws(RotationError) -> DocumentTable? {
        try read { () throws(FieldError) in try reader.table(name) }
    }

    /// The array-of-strings member `name`.
    func strings(_ name: String) throws(RotationError) -> [String] { try required(name, optionalStrings) }

    /// The array-of-strings member `name`, nil when absent or null.
    func optionalStrings(_ name: String) throws(RotationError) -> [String]? {
        try read { () throws(FieldError) in try reader.stringArray([name]) }
    }

    /// The ISO 8601 date-time member `name`.
    func date(_ name: String) throws(RotationError) -> Date { try required(name, optionalDate) }

    /// The ISO 8601 date-time member `name`, nil when absent or null.
    func optionalDate(_ name: String) throws(RotationError) -> Date? {
        guard let text = try optionalString(name) else { return nil }
        do { return try ISODate.parse(text) } catch {
            throw state(reader.valueError(at: name, "\(reader.subject(name)): \(error)"))
        }
    }

    /// The fingerprint member `name`, nil when absent or null.
    func optionalFingerprint(_ name: String) throws(RotationError) -> Fingerprint? {
        guard let text = try optionalString(name) else { return nil }
        guard let fingerprint = Fingerprint(parsing: text) else {
            throw state(reader.valueError(at: name, "\(reader.subject(name)) must be a fingerprint (sha256:<64 hex>)"))
        }
        return fingerprint
    }

    /// The member `name` as one of `Value`'s cases.
    func enumeration<Value: RawRepresentable & CaseIterable>(_ name: String) throws(RotationError) -> Value
    where Value.RawValue == String {
        try required(name) { (name: String) throws(RotationError) -> Value? in try optionalEnumeration(name) }
    }

    /// The member `name` as one of `Value`'s cases, nil when absent or null.
    func optionalEnumeration<Value: RawRepresentable & CaseIterable>(_ name: String) throws(RotationError) -> Value?
    where Value.RawValue == String {
        try read { () throws(FieldError) in try reader.oneOf(name, as: Value.self) }
    }
}
