/// A JSON value whose objects keep their members in the order they were built, so that what we
/// write is byte-for-byte stable (no `JSONEncoder` key-order surprises).
enum JSONValue: Sendable {
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
    static func text(_ bytes: [UInt8]) -> JSONValue { .string(String(decoding: bytes, as: UTF8.self)) }

    /// `.string`, or `.null` for nil.
    static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// An array of strings.
    static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    /// Whether this is a scalar (not an array or object); pretty output keeps arrays of scalars on
    /// one line.
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}
