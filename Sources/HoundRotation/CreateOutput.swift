import Foundation
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
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: Data(body))
        } catch let error as DecodingError {
            if case .keyNotFound = error { throw .noSecret }
            if case .typeMismatch(_, let context) = error, context.codingPath.first?.stringValue == "id" { throw .badID }
            if case .typeMismatch(_, let context) = error, context.codingPath.first?.stringValue == "secret" { throw .noSecret }
            if case .typeMismatch(_, let context) = error, context.codingPath.first?.stringValue == "expires" { throw .badExpires }
            throw .invalidJSON
        } catch {
            throw .invalidJSON
        }
        guard !payload.secret.isEmpty else { throw .noSecret }
        var expires: Date?
        if let text = payload.expires {
            do { expires = try ISODate.parse(text) } catch { throw .badExpires }
        }
        let secret = NewSecret(Array(payload.secret.utf8))
        switch payload.id {
        case nil: return (secret, nil, expires)
        case .text(let text)?:
            guard !text.isEmpty, !text.contains(where: \.isNewline) else { throw .badID }
            return (secret, text, expires)
        case .number(let number)?: return (secret, String(number), expires)
        }
    }

    /// The JSON form of create's output.
    private struct Payload: Decodable {
        var secret: String
        var id: ProviderID?
        var expires: String?
    }

    /// A provider id printed as a string or an integer.
    private enum ProviderID: Decodable {
        case text(String)
        case number(Int64)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
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
