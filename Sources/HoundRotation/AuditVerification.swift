/// The result of checking an audit log's chain and head.
public struct AuditVerification: Sendable, Equatable, CustomStringConvertible {
    /// How many records were found intact (all of them when ``problem`` is nil).
    public var records: Int
    /// The SHA-256 of the last intact line (64 zeros for an empty log): what `audit head` exports.
    public var head: String
    /// Whether records are chained with HMAC-SHA-256 (under `KEYHOUND_AUDIT_KEY`).
    public var keyed: Bool
    /// Whether a head file was checked (truncation at the end, an emptied log).
    public var headChecked: Bool
    /// The records or the head are keyed but no audit key was given: they cannot be checked.
    public var needsKey: Bool
    /// The first line that cannot be trusted, and why; nil when the chain is intact.
    public var problem: AuditProblem?

    /// A verification from its parts.
    public init(
        records: Int, head: String, keyed: Bool = false, headChecked: Bool = false, needsKey: Bool = false,
        problem: AuditProblem?
    ) {
        self.records = records
        self.head = head
        self.keyed = keyed
        self.headChecked = headChecked
        self.needsKey = needsKey
        self.problem = problem
    }

    /// Whether the whole chain (and the head, when checked) is intact.
    public var isIntact: Bool { problem == nil && !needsKey }

    /// `audit log intact: 12 records, head 3fa9…` or `audit log broken at line 5: …`.
    public var description: String {
        if let problem { return "audit log broken at line \(problem.line): \(problem.reason)" }
        if needsKey {
            return "audit log not verified: it is chained with HMAC-SHA-256; set KEYHOUND_AUDIT_KEY to the audit key to verify it"
        }
        var text = "audit log intact: \(records) record\(records == 1 ? "" : "s"), head \(head)"
        if keyed { text += ", chained with HMAC-SHA-256" }
        text += headChecked ? ", matches its head file" : " (no head file: a cut at the end would not show)"
        return text
    }
}

/// Where an audit log's chain breaks.
public struct AuditProblem: Sendable, Equatable {
    /// The 1-based line number of the first record that cannot be trusted.
    public var line: Int
    /// Why.
    public var reason: String
}
