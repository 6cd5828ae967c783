/// A table of named fields, whatever its syntax: a `TOMLTable`, or the inventory's JSON and YAML
/// tree. `FieldReader` reads typed fields through it, so every file keyhound decodes reports
/// type, range and unknown-name problems alike, at `file:line:column`.
///
/// A view, not a copy: conforming types answer from their own storage (a TOML table is never
/// converted to another tree to be read).
public protocol FieldTable: Sendable {
    /// The kind of value the table holds.
    associatedtype Value: FieldValue where Value.Table == Self
    /// The keys in document order.
    var keys: [String] { get }
    /// The value of `key`, nil when absent.
    subscript(key: String) -> Value? { get }
    /// Where `key` was written, nil when absent or unknown.
    func position(of key: String) -> TOMLPosition?
    /// Where the table starts (its header or opening brace), nil when unknown.
    var startPosition: TOMLPosition? { get }
}

/// A value of a `FieldTable`, seen through the types keyhound's files use; each view is nil
/// when the value has another type.
public protocol FieldValue: Sendable {
    /// The kind of table the value may hold.
    associatedtype Table: FieldTable where Table.Value == Self
    /// The string, if this is a string.
    var stringValue: String? { get }
    /// The integer, if this is an integer.
    var integerValue: Int64? { get }
    /// The number, if this is an integer or a float.
    var doubleValue: Double? { get }
    /// The Boolean, if this is a Boolean.
    var boolValue: Bool? { get }
    /// The elements, if this is an array.
    var arrayValue: [Self]? { get }
    /// The table, if this is a table (or object).
    var tableValue: Table? { get }
    /// The literal of a date or date-time (`2026-10-01`, `2026-10-01T00:00:00Z`), if this is one.
    var dateText: String? { get }
    /// Whether this is JSON's `null`, which a reader treats as an absent field.
    var isNull: Bool { get }
    /// The type's name in messages, the same whatever the syntax: `string`, `integer`, `float`,
    /// `boolean`, `date-time`, `time`, `array`, `table` or `null`.
    var fieldTypeName: String { get }
    /// Where the value itself starts, when the syntax records it (JSON); nil sends errors to the
    /// position of its key.
    var position: TOMLPosition? { get }
}

extension TOMLTable: FieldTable {
    /// Where the table starts: its header, its `{`, or 1:1 for the root.
    public var startPosition: TOMLPosition? { position }
}

extension TOMLValue: FieldValue {
    /// The normalised text of a date, date-time or local date-time; nil for a local time.
    public var dateText: String? {
        switch self {
        case .offsetDateTime(let value), .localDateTime(let value), .localDate(let value): value.text
        default: nil
        }
    }

    /// Never: TOML has no null.
    @inlinable public var isNull: Bool { false }

    /// `typeName`, with the four date-time kinds named as every syntax names them (`date-time`,
    /// `time`).
    public var fieldTypeName: String {
        switch self {
        case .offsetDateTime, .localDateTime, .localDate: "date-time"
        case .localTime: "time"
        default: typeName
        }
    }

    /// Nil: a TOML value's errors point at its key.
    @inlinable public var position: TOMLPosition? { nil }
}
