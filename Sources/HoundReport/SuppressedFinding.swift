import HoundModel

/// A finding that suppression removed from the results, and why.
public struct SuppressedFinding: Sendable {
    /// The finding as it would have been reported.
    public var finding: Finding
    /// Why it was suppressed: `inline keyhound:allow`, `baseline`, `.keyhoundignore`,
    /// `allowlist: <which>`.
    public var reason: String

    /// A suppressed finding from its parts.
    public init(finding: Finding, reason: String) {
        self.finding = finding
        self.reason = reason
    }

    /// Whether the suppression lives in the scanned source itself (an inline `keyhound:allow`)
    /// rather than in a file beside it; SARIF calls these `inSource` and `external`.
    var isInSource: Bool { reason.hasPrefix("inline") }
}
