/// What a report shows beyond the findings.
public struct ReportOptions: Sendable, Hashable {
    /// Writes the secrets themselves (`--show-secrets`); off, reports carry only the redacted form
    /// and the fingerprint.
    public var showSecrets: Bool
    /// ANSI colour in the text format (the CLI turns it on for a TTY without `NO_COLOR`).
    public var color: Bool
    /// Lists suppressed findings and the reason each was suppressed (`--show-suppressed`).
    public var showSuppressed: Bool
    /// Adds the short "what now" guidance a pre-commit or pre-push hook shows when it blocks.
    public var blockMessage: Bool

    /// Options from their parts; all off by default.
    public init(
        showSecrets: Bool = false, color: Bool = false, showSuppressed: Bool = false, blockMessage: Bool = false
    ) {
        self.showSecrets = showSecrets
        self.color = color
        self.showSuppressed = showSuppressed
        self.blockMessage = blockMessage
    }
}
