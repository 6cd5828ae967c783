/// A JSON value as read from a document: its content and where it starts, objects keeping
/// their members in document order (with each key's position), so callers can name
/// `line:column` in their own errors.
public struct JSONNode: Sendable {
    /// What a node holds.
    public enum Content: Sendable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number written without a fraction or exponent that fits in 64 bits.
        case int(Int)
        /// Any other number (finite: numbers beyond `Double`'s range are refused).
        case double(Double)
        /// A string, escapes decoded (ill-formed UTF-8 becomes U+FFFD).
        case string(String)
        /// An array.
        case array([JSONNode])
        /// An object's members in document order; keys are unique.
        case object([JSONMember])
    }

    /// What the node holds.
    public var content: Content
    /// Where the value starts.
    public var position: JSONPosition

    /// A node from its parts.
    public init(content: Content, position: JSONPosition) {
        self.content = content
        self.position = position
    }

    /// The type's name for error messages: `string`, `number`, `object`...
    public var typeName: String {
        switch content {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The member `key` of an object node; nil when absent or when this is not an object.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = content else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The value without positions, for writing back or comparing.
    public var value: JSONValue {
        switch content {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(\.value))
        case .object(let members): .object(members.map { ($0.key, $0.value.value) })
        }
    }
}

/// One member of an object read from a document: its key, where the key starts, and its value.
public struct JSONMember: Sendable {
    /// The key, escapes decoded.
    public var key: String
    /// Where the key's opening quote is.
    public var keyPosition: JSONPosition
    /// The value.
    public var value: JSONNode

    /// A member from its parts.
    public init(key: String, keyPosition: JSONPosition, value: JSONNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}
