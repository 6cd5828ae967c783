import HoundRedaction
/// Why an inventory (or a baseline, ignore or import file) could not be read or changed.
///
/// `description` names the file, the position and the key, like a compiler:
/// `keys.toml:12:1: key "payment-gateway-prod": unknown field "ownr" (did you mean "owner"?)`.
public struct InventoryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad kind of failure, for callers that branch on it.
    public enum Kind: String, Hashable, Sendable {
        /// Missing or unreadable file.
        case unreadable
        /// Not valid TOML / JSON / YAML.
        case syntax
        /// A field has the wrong type or an invalid value, or a required field is missing.
        case invalidField
        /// A field keyhound does not know.
        case unknownField
        /// A field that looks like it holds a secret in clear: refused.
        case plaintextSecret
        /// Two keys share a name, or `add` was given a name or fingerprint already present.
        case duplicate
        /// `remove` or another command named a key that does not exist.
        case notFound
        /// The file could not be written or locked.
        case write
        /// The file's layout does not allow a safe textual edit.
        case unsupportedLayout
    }

    /// The broad kind of failure.
    public var kind: Kind
    /// The file concerned.
    public var path: String
    /// Where in the file, when known.
    public var position: SourcePosition?
    /// The key record concerned, when known.
    public var keyName: String?
    /// What is wrong, in a sentence without the file prefix.
    public var message: String

    /// An error from its parts.
    public init(_ kind: Kind, path: String, position: SourcePosition? = nil, keyName: String? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.position = position
        self.keyName = keyName
        self.message = message
    }

    /// `path:line:column: key "name": message`; parts that are unknown are left out.
    public var description: String {
        var text = path
        if let position { text += ":\(position.line):\(position.column)" }
        text += ": "
        if let keyName { text += "key \(Redaction.name(keyName)): " }
        return text + message
    }
}
