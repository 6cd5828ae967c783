/// Typed views of a value, each nil when the value has another type.
extension TOMLValue {
    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an integer.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`, if this is a float or an integer.
    public var doubleValue: Double? {
        switch self {
        case .float(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// The Boolean, if this is a Boolean.
    public var boolValue: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array (including an array of tables).
    public var arrayValue: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The table, if this is a table (including an inline table).
    public var tableValue: TOMLTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The date-time of any of the four kinds, if this is one.
    public var dateTimeValue: TOMLDateTime? {
        switch self {
        case .offsetDateTime(let value), .localDateTime(let value), .localDate(let value),
            .localTime(let value):
            return value
        default: return nil
        }
    }

    /// The type's name for messages: "string", "integer", "float", "boolean",
    /// "offset date-time", "local date-time", "local date", "local time", "array" or "table".
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .offsetDateTime: return "offset date-time"
        case .localDateTime: return "local date-time"
        case .localDate: return "local date"
        case .localTime: return "local time"
        case .array: return "array"
        case .table: return "table"
        }
    }
}
