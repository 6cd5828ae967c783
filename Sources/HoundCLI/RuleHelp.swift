import HoundReport
import HoundRules

/// What reports say about a rule beyond its id: the help GitHub code scanning shows beside an
/// alert (what the credential is, what to do about it), a page to read, and the precision.
enum RuleHelp {
    /// Where keyhound's documentation lives; rule pages are anchors of the README.
    static let documentation = "https://github.com/keyhound/keyhound"

    static func descriptor(_ rule: Rule) -> RuleDescriptor {
        RuleDescriptor(
            id: rule.id, description: rule.description, tags: rule.tags, aliases: rule.aliases,
            help: markdown(rule), helpURI: documentation + "#rules", confidence: rule.confidence.rawValue)
    }

    /// Markdown help: the credential, why it matters, how to rotate it and where to register it.
    static func markdown(_ rule: Rule) -> String {
        var out = "**\(rule.description)** (keyhound rule `\(rule.id)`"
        if !rule.aliases.isEmpty { out += "; gitleaks: " + rule.aliases.map { "`\($0)`" }.joined(separator: ", ") }
        out += ").\n\n"
        out += "A credential committed to a repository has leaked to everyone who can read it, and stays in its history.\n\n"
        out += "**What to do**\n\n"
        out += "1. Rotate it now at the provider"
        if let provider = rule.tags.first(where: { $0 != "generic" }) { out += " (\(provider))" }
        out += ": create a new credential, deploy it, then revoke this one. If it is in your key inventory, "
        out += "`keyhound rotate NAME` does this end to end and the alert names the key's owner.\n"
        out += "2. Remove it from the code; read it from the environment or a secret manager instead.\n"
        out += "3. If it is not a real credential, mark the line with `keyhound:allow`, or accept it with "
        out += "`keyhound baseline update --reason \"…\"`.\n"
        return out
    }
}
