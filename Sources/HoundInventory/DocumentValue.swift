import TOML

/// A value read from a JSON or YAML file (an inventory, a baseline, an imported report, a
/// rotation state file), with
/// the position it came from. It is a `FieldValue`, so the inventory's decoder reads it with the
/// same `FieldReader` as a TOML table, and errors name the same line:column.
public struct DocumentValue: Sendable {
    /// What the value holds.
    enum Content: Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case array([DocumentValue])
        case table(DocumentTable)
        /// JSON `null`: treated as an absent field.
        case null
    }

    /// What the value holds.
    var content: Content
    /// Where the value (or the key it belongs to) starts.
    public var position: SourcePosition?
}

extension DocumentValue: FieldValue {
    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let text) = content { return text }
        return nil
    }

    /// The integer, if this is an integer.
    public var integerValue: Int64? {
        if case .integer(let number) = content { return number }
        return nil
    }

    /// The number, if this is an integer or a float.
    public var doubleValue: Double? {
        switch content {
        case .float(let number): number
        case .integer(let number): Double(number)
        default: nil
        }
    }

    /// The Boolean, if this is a Boolean.
    public var boolValue: Bool? {
        if case .boolean(let flag) = content { return flag }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [DocumentValue]? {
        if case .array(let items) = content { return items }
        return nil
    }

    /// The object, if this is one.
    public var tableValue: DocumentTable? {
        if case .table(let table) = content { return table }
        return nil
    }

    /// Nil: JSON and YAML write dates as strings.
    public var dateText: String? { nil }

    /// Whether this is JSON `null` (or an empty YAML value).
    public var isNull: Bool {
        if case .null = content { return true }
        return false
    }

    /// The type's name in messages: `string`, `integer`, `float`, `boolean`, `array`, `table`
    /// or `null`.
    public var fieldTypeName: String {
        switch content {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .array: "array"
        case .table: "table"
        case .null: "null"
        }
    }
}
