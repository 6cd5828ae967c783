#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundJSON
import HoundSupport

/// The head of an audit log, kept apart from it (`audit.head` in the rotation state
/// folder) so that removing records at the end of the log, emptying it or rewriting it shows:
/// how many records it had and the hash of the last one. With an audit key the head carries an
/// HMAC of itself, so it cannot be rewritten without the key either. `keyhound audit head`
/// prints it for export (a SIEM, a ticket), where no one with access to the log can reach it.
public struct AuditHead: Sendable, Equatable {
    /// The file name in the state folder.
    public static let fileName = "audit.head"

    /// The log's absolute path.
    public var log: String
    /// How many records it held.
    public var records: Int
    /// The SHA-256 (hex) of its last line; 64 zeros for none.
    public var head: String
    /// Whether the last record was chained with HMAC-SHA-256.
    public var keyed: Bool
    /// HMAC-SHA-256 of ``signedText`` under the audit key; nil without a key.
    public var mac: String?

    /// A head from its parts.
    public init(log: String, records: Int, head: String, keyed: Bool, mac: String? = nil) {
        self.log = log
        self.records = records
        self.head = head
        self.keyed = keyed
        self.mac = mac
    }

    /// What the HMAC covers: `log|records|head|keyed`.
    var signedText: String { "\(log)|\(records)|\(head)|\(keyed ? "hmac-sha256" : "sha256")" }

    /// The head signed with `key` (or unsigned without one).
    public func signed(with key: [UInt8]?) -> AuditHead {
        var copy = self
        copy.mac = key.map { Hex.encode(HMACSHA256.authenticationCode(key: $0, message: Array(signedText.utf8))) }
        return copy
    }

    /// Whether the HMAC is the one `key` gives.
    func isSigned(by key: [UInt8]) -> Bool { signed(with: key).mac == mac }

    /// The head as one JSON object (with the time it is printed, for `audit head`).
    public func json(at time: Date? = nil) -> String {
        var members: [(String, JSONValue)] = [
            ("log", .string(log)), ("records", .int(records)), ("head", .string(head)),
            ("chain", .string(keyed ? "hmac-sha256" : "sha256")),
        ]
        if let mac { members.append(("mac", .string(mac))) }
        if let time { members.append(("time", .string(ISODate.format(time)))) }
        return JSONValue.object(members).encodedText(.inline) + "\n"
    }

    /// Reads a head file's bytes; nil when they are not a head.
    init?(json bytes: [UInt8]) {
        guard let root = try? JSONReader.parse(bytes), let log = root["log"]?.stringValue,
            let records = root["records"]?.intValue, let head = root["head"]?.stringValue,
            let chain = root["chain"]?.stringValue
        else { return nil }
        self.init(log: log, records: records, head: head, keyed: chain == "hmac-sha256", mac: root["mac"]?.stringValue)
    }

    /// The head at `path`, nil when there is none.
    ///
    /// - Throws: `AuditLogError` when it exists but cannot be read or is not a head.
    static func read(_ path: String) throws(AuditLogError) -> AuditHead? {
        let bytes: [UInt8]?
        do { bytes = try FileBytes.readIfPresent(path) } catch { throw AuditLogError(path: path, message: "\(error)") }
        guard let bytes else { return nil }
        guard let head = AuditHead(json: bytes) else {
            throw AuditLogError(path: path, message: "not an audit head file (it was edited, or is from another tool)")
        }
        return head
    }
}
