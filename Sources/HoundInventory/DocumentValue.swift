/// A value read from an inventory file, independent of its syntax (TOML or JSON), with the
/// position it came from, so one decoder serves both and errors name the same line:column.
struct DocumentValue: Sendable {
    /// What the value holds.
    enum Content: Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        /// A TOML date or date-time literal, as written (`2026-10-01T00:00:00Z`).
        case dateTime(String)
        /// A TOML local time (`07:32:00`): no use to keyhound, kept to name it in errors.
        case time(String)
        case array([DocumentValue])
        case table(DocumentTable)
        /// JSON `null`: treated as an absent field.
        case null
    }

    /// What the value holds.
    var content: Content
    /// Where the value (or the key it belongs to) starts.
    var position: SourcePosition?

    /// The type's name for error messages: `string`, `integer`, `array`...
    var typeName: String {
        switch content {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .dateTime: "date-time"
        case .time: "time"
        case .array: "array"
        case .table: "table"
        case .null: "null"
        }
    }
}
