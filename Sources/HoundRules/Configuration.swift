import TOML

/// A user's configuration: `.keyhound.toml` or a gitleaks `.gitleaks.toml`.
///
/// ```toml
/// inventory = "security/keys.toml"      # the key inventory (see README)
/// max_file_size = "10MB"                 # skip larger files (with a notice)
/// disabled_rules = ["generic-password"]  # built-in rules to turn off
/// [extend]
/// use_default = true                     # keep the built-in rules (default)
/// [[rules]]                              # extra rules, same format as patterns/*.toml
/// [allowlist]                            # global allowlist: paths, regexes, stopwords
/// [rotation.defaults.aws]                # rotation commands shared by keys of a provider or tag
/// ```
public struct Configuration: Sendable {
    /// Whether the built-in rules stay on.
    public var useDefaultRules: Bool
    /// Built-in rule ids to turn off.
    public var disabledRules: [String]
    /// Extra (or replacing) rules.
    public var rules: [Rule]
    /// Global allowlists.
    public var allowlists: [Allowlist]
    /// Inventory path, relative to the configuration file's folder.
    public var inventory: String?
    /// Baseline path, relative to the configuration file's folder.
    public var baseline: String?
    /// Files larger than this are skipped with a notice.
    public var maxFileSize: Int?
    /// The file it came from.
    public var file: String
    /// Non-fatal problems (unknown gitleaks fields that were ignored).
    public var warnings: [String]
    /// The `[rotation]` table (`[rotation.defaults.<provider-or-tag>]`), decoded by the rotation
    /// commands.
    public var rotation: TOMLTable?

    /// The empty configuration: built-in rules only.
    public init(file: String = "<defaults>") {
        useDefaultRules = true
        disabledRules = []
        rules = []
        allowlists = []
        inventory = nil
        baseline = nil
        maxFileSize = nil
        self.file = file
        warnings = []
        rotation = nil
    }

    static let topLevelKeys = [
        "title", "inventory", "baseline", "max_file_size", "disabled_rules", "disabledRules", "extend", "rules",
        "allowlist", "allowlists", "rotation",
    ]

    /// Decodes a configuration from TOML text. Gitleaks files (`isGitleaks`) ignore unknown
    /// fields with a warning; keyhound files reject them with a suggestion.
    public static func decode(_ text: String, file: String, isGitleaks: Bool = false) throws(RuleError) -> Configuration
    {
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(text)
        } catch {
            throw RuleError(
                file: file, line: error.position.line, column: error.position.column, message: error.message)
        }
        var config = Configuration(file: file)
        let reader = TableReader(table: table, file: file, known: topLevelKeys, strictUnknownKeys: !isGitleaks)
        config.warnings += try reader.checkUnknownKeys(context: "configuration")
        config.inventory = try reader.string("inventory")
        if let rotation = table["rotation"] {
            guard let t = rotation.tableValue else {
                throw reader.error(at: "rotation", "\"rotation\" must be a table")
            }
            config.rotation = t
        }
        config.baseline = try reader.string("baseline")
        config.disabledRules = try reader.strings("disabled_rules", "disabledRules")
        if let size = table["max_file_size"] {
            if let n = size.integerValue, n > 0 {
                config.maxFileSize = Int(n)
            } else if let s = size.stringValue, let n = ByteSize.parse(s) {
                config.maxFileSize = n
            } else {
                throw reader.error(
                    at: "max_file_size",
                    "max_file_size must be a positive number of bytes or a size like \"10MB\" (at least 1 byte, at most 8 EiB)")
            }
        }
        // Gitleaks files replace the default rules unless [extend] useDefault = true.
        config.useDefaultRules = !isGitleaks
        if let extend = table["extend"] {
            guard let t = extend.tableValue else { throw reader.error(at: "extend", "\"extend\" must be a table") }
            let ext = TableReader(
                table: t, file: file, known: ["use_default", "useDefault", "disabled_rules", "disabledRules", "path"],
                strictUnknownKeys: !isGitleaks)
            config.warnings += try ext.checkUnknownKeys(context: "[extend]")
            if let use = try ext.bool("use_default", "useDefault") { config.useDefaultRules = use }
            config.disabledRules += try ext.strings("disabled_rules", "disabledRules")
            if t["path"] != nil {
                config.warnings.append(
                    "\(file): [extend] path is not supported; extend the built-in rules instead (ignored)")
            }
        }
        let positions = ValuePositions(text)
        var seen: [String: RuleSource] = [:]
        for t in try reader.tables("rules") {
            let rule = try RuleDecoder.rule(
                t, file: file, strict: !isGitleaks, text: positions, warnings: &config.warnings)
            if let first = seen[rule.id] {
                throw RuleError(
                    file: file, line: rule.source.line, column: rule.source.column,
                    message: "duplicate rule id \"\(rule.id)\" (first defined at line \(first.line))")
            }
            seen[rule.id] = rule.source
            config.rules.append(rule)
        }
        for t in try reader.tables("allowlist") + reader.tables("allowlists") {
            config.allowlists.append(
                try RuleDecoder.allowlist(
                    t, file: file, strict: !isGitleaks, text: positions, warnings: &config.warnings))
        }
        return config
    }
}

/// Sizes like `10MB`, `512KiB`, `1G`.
public enum ByteSize {
    /// Parses a size: a number with an optional unit (B, K/KB/KiB, M/MB/MiB, G/GB/GiB; powers of
    /// 1024). Nil for anything else, for 0, and for sizes that do not fit in 64 bits.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: " ")
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard let n = Int(digits), !digits.isEmpty, n > 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: " ").lowercased()
        let shift: Int
        switch unit {
        case "", "b": shift = 0
        case "k", "kb", "kib": shift = 10
        case "m", "mb", "mib": shift = 20
        case "g", "gb", "gib": shift = 30
        default: return nil
        }
        guard n <= Int.max >> shift else { return nil }
        return n << shift
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        String(self.drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
