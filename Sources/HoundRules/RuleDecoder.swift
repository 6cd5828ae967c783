import HoundModel
import TOML
import HoundRedaction

/// Decodes `[[rules]]` entries and allowlists from TOML tables. Field names follow gitleaks where
/// the concept is the same; both our snake_case and gitleaks' camelCase spellings are accepted.
enum RuleDecoder {
    static let ruleKeys = [
        "id", "description", "regex", "secret_group", "secretGroup", "keywords", "entropy", "validate", "confidence",
        "tags", "path", "stopwords", "allowlist", "allowlists", "examples", "negative_examples", "example_path", "severity",
        "skipReport", "skip_report", "required",
    ]
    /// Fields of a `[[rules.required]]` table.
    static let requiredKeys = ["id", "withinLines", "within_lines", "withinColumns", "within_columns"]
    static let allowlistKeys = [
        "description", "paths", "regexes", "regex_target", "regexTarget", "stopwords", "commits", "condition",
        "target_rules", "targetRules",
    ]
    /// Gitleaks rule fields keyhound accepts but ignores.
    static let ignoredGitleaksKeys = ["report"]

    /// Decodes one `[[rules]]` table; errors about the regex point at its value.
    static func rule(
        _ table: TOMLTable, file: String, strict: Bool, warnings: inout [String]
    ) throws(RuleError) -> Rule {
        let reader = TOMLFieldReader(
            table: table, file: file, known: ruleKeys + (strict ? [] : ignoredGitleaksKeys), strictUnknownKeys: strict)
        let id = try reader.requiredString("id", context: "rule")
        warnings += try reader.checkUnknownKeys(context: "rule \"\(id)\"")
        guard isAcceptableID(id) else {
            throw reader.error(at: "id", "rule id must not be empty, contain control characters or begin or end with a blank")
        }
        // A rule with neither regex nor path is a patch on a rule of the same id that it extends
        // (built-in or `[extend] path`); `RuleMerge` refuses one that extends nothing.
        let regex = try reader.string("regex")
        let path = try reader.string("path")
        var validator: Validator?
        if let name = try reader.string("validate") {
            guard let v = Validator(rawValue: name) else {
                throw reader.error(
                    at: "validate",
                    "rule \"\(id)\": unknown validator \(Redaction.name(name)); known: "
                        + Validator.allCases.map(\.rawValue).joined(separator: ", ")
                        + EditDistance.hint(for: name, among: Validator.allCases.map(\.rawValue)))
            }
            validator = v
        }
        var confidence = Confidence.high
        if let name = try reader.string("confidence") {
            guard let c = Confidence(rawValue: name) else {
                throw reader.error(
                    at: "confidence", "rule \"\(id)\": confidence must be high, medium or low, not \(Redaction.name(name))")
            }
            confidence = c
        }
        var secretGroup = try reader.int("secret_group", "secretGroup")
        // In gitleaks, 0 means "not set": the first group that matched.
        if !strict, secretGroup == 0 { secretGroup = nil }
        if let g = secretGroup, g < 0 {
            throw reader.error(
                at: table["secret_group"] != nil ? "secret_group" : "secretGroup",
                "rule \"\(id)\": secret group must be ≥ 0")
        }
        // `!(0...8).contains`: also refuses nan, which every comparison lets through.
        if let e = try reader.double("entropy"), !(0...8).contains(e) {
            throw reader.error(at: "entropy", "rule \"\(id)\": entropy must be between 0 and 8 bits per byte")
        }
        var allowlists: [Allowlist] = []
        for t in try reader.tables("allowlist") + reader.tables("allowlists") {
            allowlists.append(try allowlist(t, file: file, strict: strict, warnings: &warnings))
        }
        let keywords = try reader.strings("keywords").map { $0.lowercased() }.filter { !$0.isEmpty }
        var required: [RequiredRule] = []
        for t in try reader.tables("required") {
            required.append(try requirement(t, file: file, rule: id, strict: strict, warnings: &warnings))
        }
        var rule = Rule(
            id: id, description: try reader.string("description") ?? id, regex: regex ?? "", secretGroup: secretGroup,
            keywords: keywords, entropy: try reader.double("entropy"), validator: validator, confidence: confidence,
            tags: try reader.strings("tags"), path: path, stopwords: try reader.strings("stopwords"),
            allowlists: allowlists, examples: try reader.strings("examples"),
            negativeExamples: try reader.strings("negative_examples"),
            source: source(of: table, file: file, fields: ["regex", "path", "secret_group", "secretGroup", "keywords", "entropy"]))
        rule.examplePath = try reader.string("example_path")
        rule.skipReport = try reader.bool("skipReport", "skip_report") ?? false
        rule.required = required
        // gitleaks drops a finding of a rule whose id says "generic" when another rule found the
        // same secret on that line.
        if !strict, id.lowercased().contains("generic") { rule.yieldsToProviderRules = true }
        return rule
    }

    /// Decodes one `[[rules.required]]` table of the rule `rule`.
    static func requirement(
        _ table: TOMLTable, file: String, rule: String, strict: Bool, warnings: inout [String]
    ) throws(RuleError) -> RequiredRule {
        let reader = TOMLFieldReader(table: table, file: file, known: requiredKeys, strictUnknownKeys: strict)
        warnings += try reader.checkUnknownKeys(context: "[[rules.required]] of rule \"\(rule)\"")
        let id = try reader.requiredString("id", context: "[[rules.required]] of rule \"\(rule)\"")
        let lines = try reader.int("withinLines", "within_lines")
        let columns = try reader.int("withinColumns", "within_columns")
        for (value, key) in [(lines, "withinLines"), (columns, "withinColumns")] where (value ?? 0) < 0 {
            throw reader.error(at: table[key] != nil ? key : nil, "rule \"\(rule)\": \(key) must be ≥ 0")
        }
        return RequiredRule(id: id, withinLines: lines, withinColumns: columns)
    }

    /// The table's header position, with where the values of `fields` start.
    static func source(of table: TOMLTable, file: String, fields: [String]) -> RuleSource {
        var positions: [String: SourcePoint] = [:]
        for field in fields {
            guard let value = table.valuePosition(of: field) else { continue }
            positions[field] = SourcePoint(line: value.line, column: value.column)
        }
        return RuleSource(
            file: file, line: table.position.line, column: table.position.column, valuePositions: positions)
    }

    /// Decodes one allowlist table.
    static func allowlist(
        _ table: TOMLTable, file: String, strict: Bool, warnings: inout [String]
    ) throws(RuleError) -> Allowlist {
        let reader = TOMLFieldReader(table: table, file: file, known: allowlistKeys, strictUnknownKeys: strict)
        warnings += try reader.checkUnknownKeys(context: "allowlist")
        var target = AllowlistTarget.secret
        if let name = try reader.string("regex_target", "regexTarget") {
            guard let t = AllowlistTarget(rawValue: name) else {
                throw reader.error(
                    at: table["regex_target"] != nil ? "regex_target" : "regexTarget",
                    "regexTarget must be secret, match or line, not \(Redaction.name(name))")
            }
            target = t
        }
        var requiresAll = false
        if let condition = try reader.string("condition") {
            switch condition.uppercased() {
            case "AND": requiresAll = true
            case "OR": requiresAll = false
            default: throw reader.error(at: "condition", "condition must be \"AND\" or \"OR\", not \(Redaction.name(condition))")
            }
        }
        return Allowlist(
            description: try reader.string("description") ?? "", paths: try reader.strings("paths"),
            regexes: try reader.strings("regexes"), regexTarget: target, stopwords: try reader.strings("stopwords"),
            commits: try reader.strings("commits"), requiresAll: requiresAll,
            targetRules: try reader.strings("target_rules", "targetRules"),
            source: source(of: table, file: file, fields: ["paths", "regexes"]))
    }

    /// Ids of user rules: anything printable (gitleaks allows capitals and spaces).
    static func isAcceptableID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, let last = id.unicodeScalars.last else { return false }
        return first != " " && last != " " && !id.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }

    /// Ids of built-in rules: kebab-case.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty
            && id.utf8.allSatisfy {
                ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 || $0 == 46
            }
    }
}
