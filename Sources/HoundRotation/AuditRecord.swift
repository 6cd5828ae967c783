import Foundation
import HoundSupport

/// One line of the audit log: a step of a rotation, who ran it, and how it went. Never a secret.
///
/// Written as one JSON object per line with a fixed member order:
/// `{"seq":3,"time":"…","key":"…","rotation":"…","step":"create","outcome":"succeeded",`
/// `"actor":"…","details":{…},"prev":"<sha256 of line 2>"}`.
public struct AuditRecord: Sendable, Equatable {
    /// When it happened.
    public var time: Date
    /// The inventory key.
    public var key: String
    /// The rotation's id (`{rotation_id}`).
    public var rotation: String
    /// The step (`create`, `revoke-old`...) or a rotation event (`start`, `resume`, `finish`).
    public var step: String
    /// `started`, `succeeded`, `failed`, `retrying`, `skipped`, `interrupted`...
    public var outcome: String
    /// Who ran it (see ``AuditActor``).
    public var actor: String
    /// Context as string pairs, in order: the command line, exit status, error message...
    public var details: [(String, String)]

    /// A record from its parts.
    public init(
        time: Date, key: String, rotation: String, step: String, outcome: String, actor: String,
        details: [(String, String)] = []
    ) {
        self.time = time
        self.key = key
        self.rotation = rotation
        self.step = step
        self.outcome = outcome
        self.actor = actor
        self.details = details
    }

    /// The JSON line (without its newline) for position `seq`, chained to `prev`.
    func line(seq: Int, prev: String) -> String {
        let detailText = details.map { JSONText.quote($0.0) + ":" + JSONText.quote($0.1) }.joined(separator: ",")
        return "{\"seq\":\(seq),\"time\":\(JSONText.quote(ISODate.format(time))),\"key\":\(JSONText.quote(key)),"
            + "\"rotation\":\(JSONText.quote(rotation)),\"step\":\(JSONText.quote(step)),"
            + "\"outcome\":\(JSONText.quote(outcome)),\"actor\":\(JSONText.quote(actor)),"
            + "\"details\":{\(detailText)},\"prev\":\(JSONText.quote(prev))}"
    }

    /// Records are equal when every field is (details in order).
    public static func == (lhs: AuditRecord, rhs: AuditRecord) -> Bool {
        lhs.time == rhs.time && lhs.key == rhs.key && lhs.rotation == rhs.rotation && lhs.step == rhs.step
            && lhs.outcome == rhs.outcome && lhs.actor == rhs.actor
            && lhs.details.map(\.0) == rhs.details.map(\.0) && lhs.details.map(\.1) == rhs.details.map(\.1)
    }
}
