import HoundSupport
import HoundModel

/// The rules and global allowlists one scan uses: the built-in rules (unless a configuration
/// turns them off), minus disabled ones, plus the configuration's own (a user rule with a
/// built-in rule's id replaces it).
public struct RuleSet: Sendable {
    /// The rules, in a stable order (built-in first, by file, then the configuration's).
    public var rules: [Rule]
    /// Global allowlists.
    public var allowlists: [Allowlist]
    /// Non-fatal problems found while combining (disabled ids that no rule answers to).
    public var warnings: [String] = []

    /// A rule set from its parts.
    public init(rules: [Rule], allowlists: [Allowlist] = []) {
        self.rules = rules
        self.allowlists = allowlists
    }

    /// The built-in rules with no configuration.
    public static var builtin: RuleSet { RuleSet(rules: BuiltinRules.all) }

    /// Combines the built-in rules with `configuration` (see `RuleMerge`). Disabling an id no
    /// rule answers to is a warning in `warnings` (as in gitleaks), with a suggestion; a
    /// requirement naming no rule, or a patch extending nothing, is an error.
    public static func make(configuration: Configuration) throws(RuleError) -> RuleSet {
        var rules = try RuleMerge.merge(
            base: configuration.useDefaultRules ? BuiltinRules.all : [], overlay: configuration.rules,
            dialect: configuration.dialect, patchesMayDangle: false)
        var warnings: [String] = []
        let everything = rules + BuiltinRules.all
        for id in configuration.disabledRules where !everything.contains(where: { $0.answers(to: id) }) {
            let known = Array(Set(everything.flatMap { [$0.id] + $0.aliases })).sorted()
            warnings.append(
                "\(configuration.file): disabled rule \"\(id)\" does not exist (ignored)"
                    + EditDistance.hint(for: id, among: known))
        }
        let disabled = configuration.disabledRules
        rules.removeAll { rule in disabled.contains { rule.answers(to: $0) } }
        for rule in rules {
            for requirement in rule.required where !rules.contains(where: { $0.answers(to: requirement.id) }) {
                throw RuleError(
                    file: rule.source.file, line: rule.source.line, column: rule.source.column,
                    message: "rule \"\(rule.id)\" requires rule \"\(requirement.id)\", which is not in the rule set")
            }
        }
        var set = RuleSet(rules: rules, allowlists: configuration.allowlists)
        set.warnings = warnings
        return set
    }
}

/// The rules compiled into the binary from `patterns/*.toml` (see `BuiltinRules+Generated.swift`,
/// written by `swift run keyhound-embed`).
public enum BuiltinRules {
    /// Every built-in rule, without examples (those are read from `patternFiles` when needed).
    public static let all: [Rule] = decodeTable(table)

    /// Rules from the generated flat table (see `EmbeddedSource.builtinRules`): fields in a
    /// fixed order, each list its length then its items. The strings are the table's literals,
    /// kept as they are (no splitting, no copies: splitting joined lists was half of start-up).
    static func decodeTable(_ table: [String]) -> [Rule] {
        var rules: [Rule] = []
        var i = 0
        func next() -> String {
            defer { i += 1 }
            return table[i]
        }
        func list() -> [String] {
            let count = Int(next()) ?? 0
            defer { i += count }
            return Array(table[i..<(i + count)])
        }
        while i < table.count {
            let id = next()
            let description = next()
            let regex = next()
            let group = Int(next())
            let keywords = list()
            let entropy = Double(next())
            let validator = Validator(rawValue: next())
            let confidence = Confidence(rawValue: next()) ?? .high
            let tags = list()
            let path = next()
            let stopwords = list()
            let source = RuleSource(file: next(), line: Int(next()) ?? 0, column: Int(next()) ?? 0)
            var rule = Rule(
                id: id, description: description, regex: regex, secretGroup: group, keywords: keywords,
                entropy: entropy, validator: validator, confidence: confidence, tags: tags,
                path: path.isEmpty ? nil : path, stopwords: stopwords, source: source)
            rule.aliases = GitleaksAliases.table[rule.id] ?? []
            rules.append(rule)
        }
        return rules
    }

    /// The built-in rules with their examples, decoded from the embedded TOML (slower: for
    /// `rules check` and tests).
    public static func withExamples() throws(RuleError) -> [Rule] {
        var rules: [Rule] = []
        for (name, text) in patternFiles {
            rules += try PatternFile.decode(text, file: "patterns/\(name)")
        }
        return rules
    }
}

/// A `patterns/*.toml` file: `[[rules]]` only.
public enum PatternFile {
    /// Decodes the rules of one pattern file (strict: unknown fields are errors).
    public static func decode(_ text: String, file: String) throws(RuleError) -> [Rule] {
        var config = try Configuration.decode(text, file: file, isGitleaks: false)
        config.warnings.removeAll()
        for rule in config.rules {
            guard RuleDecoder.isValidID(rule.id) else {
                throw RuleError(
                    file: file, line: rule.source.line, column: rule.source.column,
                    message: "rule id \"\(rule.id)\" must be kebab-case: lowercase letters, digits and '-'")
            }
            guard !rule.isPatch else {
                throw RuleError(
                    file: file, line: rule.source.line, column: rule.source.column,
                    message: "rule \"\(rule.id)\" needs a \"regex\" (or at least a \"path\")")
            }
        }
        return config.rules.map { rule in
            var rule = rule
            rule.aliases = GitleaksAliases.table[rule.id] ?? []
            return rule
        }
    }
}
