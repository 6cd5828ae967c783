/// The result of checking an audit log's chain.
public struct AuditVerification: Sendable, Equatable, CustomStringConvertible {
    /// How many records were found intact (all of them when ``problem`` is nil).
    public var records: Int
    /// The SHA-256 of the last intact line (64 zeros for an empty log): record it elsewhere to
    /// detect a later truncation.
    public var head: String
    /// The first line that cannot be trusted, and why; nil when the chain is intact.
    public var problem: AuditProblem?

    /// Whether the whole chain is intact.
    public var isIntact: Bool { problem == nil }

    /// `audit log intact: 12 records, head 3fa9…` or `audit log broken at line 5: …`.
    public var description: String {
        if let problem { return "audit log broken at line \(problem.line): \(problem.reason)" }
        return "audit log intact: \(records) record\(records == 1 ? "" : "s"), head \(head)"
    }
}

/// Where an audit log's chain breaks.
public struct AuditProblem: Sendable, Equatable {
    /// The 1-based line number of the first record that cannot be trusted.
    public var line: Int
    /// Why.
    public var reason: String
}
