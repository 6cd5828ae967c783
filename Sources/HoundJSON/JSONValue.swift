/// A JSON value to write, whose objects keep their members in the order they were built, so
/// what keyhound writes is byte-for-byte stable.
public enum JSONValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// Written in Swift's shortest round-trip form; NaN and infinities are written as `null`.
    case double(Double)
    /// A string, escaped on writing.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// Members in writing order; keys are expected to be unique.
    case object([(String, JSONValue)])

    /// A string from bytes that may not be UTF-8: each ill-formed sequence becomes U+FFFD, which
    /// is written as `\ufffd`.
    public static func text(_ bytes: [UInt8]) -> JSONValue { .string(String(decoding: bytes, as: UTF8.self)) }

    /// `.string`, or `.null` for nil.
    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// An array of strings.
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    /// Whether this is a scalar (not an array or object); pretty output keeps arrays of scalars on
    /// one line.
    public var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}

extension JSONValue: Equatable {
    /// Values are equal when they have the same kind and content; object members compare in
    /// order; `int` and `double` never equal each other.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}
