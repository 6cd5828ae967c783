/// What a report needs to know about a rule: SARIF lists these under `tool.driver.rules`.
public struct RuleDescriptor: Sendable, Hashable {
    /// The rule id (`github-fine-grained-pat`).
    public var id: String
    /// One sentence saying what the rule finds.
    public var description: String
    /// The rule's tags (`aws`, `key`...).
    public var tags: [String]

    /// A descriptor from its parts.
    public init(id: String, description: String, tags: [String] = []) {
        self.id = id
        self.description = description
        self.tags = tags
    }
}
