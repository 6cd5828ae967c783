/// What a report needs to know about a rule: SARIF lists these under `tool.driver.rules`.
public struct RuleDescriptor: Sendable, Hashable {
    /// The rule id (`github-fine-grained-pat`).
    public var id: String
    /// One sentence saying what the rule finds.
    public var description: String
    /// The rule's tags (`aws`, `key`...).
    public var tags: [String]
    /// The gitleaks default rule ids the rule answers to (the first is what `--format gitleaks`
    /// reports).
    public var aliases: [String]
    /// What the credential is, how to rotate it: markdown for SARIF `help`.
    public var help: String?
    /// A page about the credential, for SARIF `helpUri`.
    public var helpURI: String?
    /// The rule's confidence (`high`, `medium`, `low`), for SARIF `precision`.
    public var confidence: String?

    /// A descriptor from its parts.
    public init(
        id: String, description: String, tags: [String] = [], aliases: [String] = [], help: String? = nil,
        helpURI: String? = nil, confidence: String? = nil
    ) {
        self.id = id
        self.description = description
        self.tags = tags
        self.aliases = aliases
        self.help = help
        self.helpURI = helpURI
        self.confidence = confidence
    }
}
