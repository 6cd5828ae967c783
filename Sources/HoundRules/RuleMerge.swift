/// How a configuration's rules combine with the rules it builds on (the built-in rules, or the
/// file its `[extend] path` names).
///
/// - A **patch** (a rule with neither `regex` nor `path`) changes the rule of the same id, or
///   every rule that answers to that id as an alias (`aws-access-token`): its description,
///   entropy, secret group and path replace theirs when given; its keywords, tags, stopwords,
///   allowlists and requirements are added. This is how gitleaks files add an allowlist to a
///   default rule.
/// - A **full rule** replaces the rule of the same id and every rule that answers to its id as
///   an alias; in a gitleaks file a full rule with exactly a base rule's id is merged field by
///   field instead, as gitleaks does.
enum RuleMerge {
    /// `overlay` on top of `base`. A patch that matches nothing is an error, unless
    /// `patchesMayDangle` (the base is itself extended later: the patch is kept for it).
    static func merge(base: [Rule], overlay: [Rule], dialect: ConfigurationDialect, patchesMayDangle: Bool)
        throws(RuleError) -> [Rule]
    {
        var out = base
        var added: [Rule] = []
        for rule in overlay {
            let exact = out.indices.filter { out[$0].id == rule.id }
            let byAlias = out.indices.filter { out[$0].id != rule.id && out[$0].aliases.contains(rule.id) }
            if rule.isPatch {
                let targets = exact.isEmpty ? byAlias : exact
                if targets.isEmpty {
                    if patchesMayDangle {
                        added.append(rule)
                        continue
                    }
                    throw RuleError(
                        file: rule.source.file, line: rule.source.line, column: rule.source.column,
                        message: "rule \"\(rule.id)\" has no \"regex\" (nor \"path\") and extends no rule of that id")
                }
                for index in targets { out[index] = patched(out[index], with: rule) }
            } else if dialect == .gitleaks, !exact.isEmpty {
                for index in exact { out[index] = patched(out[index], with: rule) }
            } else {
                let replaced = Set(exact + byAlias)
                out = out.indices.filter { !replaced.contains($0) }.map { out[$0] }
                added.append(rule)
            }
        }
        return out + added
    }

    /// `base` with `patch`'s fields merged in, as gitleaks merges an extending rule.
    static func patched(_ base: Rule, with patch: Rule) -> Rule {
        var rule = base
        if patch.description != patch.id { rule.description = patch.description }
        if !patch.regex.isEmpty {
            rule.regex = patch.regex
            // The regex is the user's now: errors about it point at their file.
            rule.source = patch.source
        }
        if let group = patch.secretGroup { rule.secretGroup = group }
        if let entropy = patch.entropy { rule.entropy = entropy }
        if let path = patch.path { rule.path = path }
        rule.keywords = unique(base.keywords + patch.keywords)
        rule.tags = unique(base.tags + patch.tags)
        rule.stopwords = unique(base.stopwords + patch.stopwords)
        rule.allowlists += patch.allowlists
        rule.required += patch.required
        rule.skipReport = base.skipReport || patch.skipReport
        rule.yieldsToProviderRules = base.yieldsToProviderRules || patch.yieldsToProviderRules
        return rule
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension Rule {
    /// A rule with neither a regex nor a path: it changes the rule it extends.
    var isPatch: Bool { regex.isEmpty && path == nil }
}
