#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundJSON
import HoundSupport

/// One line of the audit log: a step of a rotation (or an event of its life), who ran it, what
/// triggered the rotation, and how it went. Never a secret.
///
/// Written as one JSON object per line with a fixed member order:
/// `{"seq":3,"time":"…","key":"…","rotation":"…","step":"create","outcome":"succeeded",`
/// `"actor":"…","trigger":{"kind":"schedule"},"details":{…},"prev":"<hash of line 2>"}`; a
/// record chained with HMAC-SHA-256 carries `"chain":"hmac-sha256"` before `prev`.
public struct AuditRecord: Sendable, Equatable {
    /// When it happened.
    public var time: Date
    /// The inventory key.
    public var key: String
    /// The rotation's id (`{rotation_id}`).
    public var rotation: String
    /// The step or event.
    public var event: AuditEvent
    /// How it went.
    public var outcome: AuditOutcome
    /// Who ran it (see ``AuditActor``).
    public var actor: String
    /// What started the rotation.
    public var trigger: RotationTrigger
    /// Context as string pairs, in order: the command line, exit status, error message...
    public var details: [(String, String)]

    /// A record from its parts.
    public init(
        time: Date, key: String, rotation: String, event: AuditEvent, outcome: AuditOutcome, actor: String,
        trigger: RotationTrigger = RotationTrigger(.manual), details: [(String, String)] = []
    ) {
        self.time = time
        self.key = key
        self.rotation = rotation
        self.event = event
        self.outcome = outcome
        self.actor = actor
        self.trigger = trigger
        self.details = details
    }

    /// The JSON line (without its newline) for position `seq`, chained to `prev` (`keyed`: an
    /// HMAC of the previous line).
    func line(seq: Int, prev: String, keyed: Bool) -> String {
        var members: [(String, JSONValue)] = [
            ("seq", .int(seq)), ("time", .string(ISODate.format(time))), ("key", .string(key)),
            ("rotation", .string(rotation)), ("step", .string(event.rawValue)), ("outcome", .string(outcome.rawValue)),
            ("actor", .string(actor)), ("trigger", trigger.jsonValue), ("details", .object(details.map { ($0.0, .string($0.1)) })),
        ]
        if keyed { members.append(("chain", .string("hmac-sha256"))) }
        members.append(("prev", .string(prev)))
        return JSONValue.object(members).encodedText(.compact)
    }

    /// Records are equal when every field is (details in order).
    public static func == (lhs: AuditRecord, rhs: AuditRecord) -> Bool {
        lhs.time == rhs.time && lhs.key == rhs.key && lhs.rotation == rhs.rotation && lhs.event == rhs.event
            && lhs.outcome == rhs.outcome && lhs.actor == rhs.actor && lhs.trigger == rhs.trigger
            && lhs.details.map(\.0) == rhs.details.map(\.0) && lhs.details.map(\.1) == rhs.details.map(\.1)
    }
}
