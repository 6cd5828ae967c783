#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
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

    /// Rules from the generated flat table (see `EmbeddedSource.builtinRules`).
    static func decodeTable(_ table: [String]) -> [Rule] {
        let width = EmbeddedSource.fieldsPerRule
        // Split on the separator's UTF-8 bytes: Character-level splitting (grapheme breaking)
        // was a visible share of start-up.
        let separator = Array(EmbeddedSource.separator.utf8)
        func list(_ field: String) -> [String] {
            guard !field.isEmpty else { return [] }
            var field = field
            return field.withUTF8 { bytes in
                // memchr for the separator's first byte, then a compare: a per-byte loop over
                // every keyword and stopword was a visible share of start-up.
                var parts: [String] = []
                var start = 0
                var i = 0
                let base = bytes.baseAddress!
                while i + separator.count <= bytes.count,
                    let hit = memchr(base + i, Int32(separator[0]), bytes.count - i)
                {
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    guard at + separator.count <= bytes.count else { break }
                    if memcmp(base + at, separator, separator.count) == 0 {
                        parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self))
                        start = at + separator.count
                        i = start
                    } else {
                        i = at + 1
                    }
                }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
                return parts
            }
        }
        var rules: [Rule] = []
        rules.reserveCapacity(table.count / width)
        var i = 0
        while i + width <= table.count {
            let f = table[i..<(i + width)].map { $0 }
            let source = list(f[11])
            var rule =
                Rule(
                    id: f[0], description: f[1], regex: f[2], secretGroup: Int(f[3]), keywords: list(f[4]),
                    entropy: Double(f[5]), validator: Validator(rawValue: f[6]),
                    confidence: Confidence(rawValue: f[7]) ?? .high, tags: list(f[8]), path: f[9].isEmpty ? nil : f[9],
                    stopwords: list(f[10]),
                    source: RuleSource(
                        file: source.first ?? "patterns", line: source.count > 1 ? Int(source[1]) ?? 0 : 0,
                        column: source.count > 2 ? Int(source[2]) ?? 0 : 0))
            rule.aliases = GitleaksAliases.table[rule.id] ?? []
            rules.append(rule)
            i += width
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
