#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundJSON
import HoundSupport

/// What `create` printed: the new secret and, when given, the provider's id for the key.
///
/// Two forms are accepted on stdout:
/// - raw: the secret alone, on one line, without spaces (a trailing newline is dropped);
/// - JSON: an object with a string `secret`, an optional `id` (string or integer) and an
///   optional `expires` (ISO 8601 date or date-time: refreshes the inventory's `expires`); other
///   members are ignored. Secrets with spaces or line breaks (PEM keys) must use this form.
///
/// Anything else (nothing, several words, a JSON object without `secret`) is refused: it is
/// more likely an error message than a key. The secret is never echoed in an error.
struct CreateOutput: Sendable {
    /// The new secret.
    var secret: NewSecret
    /// The provider's id for the new key, when printed.
    var id: String?
    /// When the new key expires, when printed.
    var expires: Date?

    /// Parses `stdout`.
    ///
    /// - Throws: `CreateOutputError` saying what was wrong without quoting the output.
    init(parsing stdout: [UInt8]) throws(CreateOutputError) {
        var end = stdout.count
        while end > 0, Self.isSpace(stdout[end - 1]) { end -= 1 }
        var start = 0
        while start < end, Self.isSpace(stdout[start]) { start += 1 }
        let body = Array(stdout[start..<end])
        guard !body.isEmpty else { throw .empty }
        if body.first == UInt8(ascii: "{") {
            (secret, id, expires) = try Self.parseJSON(body)
            return
        }
        guard !body.contains(where: Self.isSpace) else { throw .notOneWord(byteCount: body.count) }
        secret = NewSecret(body)
        id = nil
        expires = nil
    }

    private static func parseJSON(_ body: [UInt8]) throws(CreateOutputError) -> (NewSecret, String?, Date?) {
        guard let root = try? JSONReader.parse(body), root.objectValue != nil else { throw .invalidJSON }
        guard let text = root["secret"]?.stringValue, !text.isEmpty else { throw .noSecret }
        let secret = NewSecret(Array(text.utf8))
        var id: String?
        if let node = root["id"], !node.isNull {
            if let number = node.intValue {
                id = String(number)
            } else if let text = node.stringValue, !text.isEmpty, !text.contains(where: \.isNewline) {
                id = text
            } else {
                throw .badID
            }
        }
        var expires: Date?
        if let node = root["expires"], !node.isNull {
            guard let text = node.stringValue else { throw .badExpires }
            do { expires = try ISODate.parse(text) } catch { throw .badExpires }
        }
        return (secret, id, expires)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// Why `create`'s output is not a key.
enum CreateOutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing on stdout.
    case empty
    /// Raw output with whitespace inside: likely a message, not a secret.
    case notOneWord(byteCount: Int)
    /// Output starting with `{` that is not a JSON object.
    case invalidJSON
    /// A JSON object without a non-empty string `secret`.
    case noSecret
    /// An `id` that is neither a string nor an integer.
    case badID
    /// An `expires` that is not an ISO 8601 date or date-time.
    case badExpires

    /// What was wrong, without quoting the output.
    var description: String {
        switch self {
        case .empty: "create printed nothing on stdout (expected the new secret, or JSON {\"secret\": …, \"id\": …})"
        case .notOneWord(let count):
            "create printed \(count) bytes that are not one word (a raw secret is one line without spaces; use JSON {\"secret\": …, \"id\": …} otherwise)"
        case .invalidJSON: "create printed something that starts like JSON but is not a JSON object"
        case .noSecret: "create printed a JSON object without a non-empty string \"secret\""
        case .badID: "create printed a JSON \"id\" that is neither a string nor a number"
        case .badExpires: "create printed a JSON \"expires\" that is not an ISO 8601 date (2027-10-01 or 2027-10-01T00:00:00Z)"
        }
    }
}
