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
    /// The `[rotation]` table: command timeout and retries, `[rotation.defaults.<provider-or-tag>]`.
    public var rotation: RotationConfiguration?
    /// Which tool's configuration this is (recognised from the content).
    public var dialect: ConfigurationDialect = .keyhound
    /// The fields that showed the dialect (empty when the file name decided).
    public var dialectEvidence: [String] = []
    /// `[extend] path`: a configuration this one builds on (resolved by the caller, who reads it).
    public var extendPath: String?
    /// Where `[extend] path` is written, for errors about the file it names.
    public var extendPosition: SourcePoint?
    /// Whether `[extend] use_default` was written (else it follows the dialect or the base).
    public var useDefaultIsExplicit = false
    /// The files this configuration extends, outermost base first.
    public var extendedFiles: [String] = []

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
        "allowlist", "allowlists", "rotation", "minVersion",
    ]


    /// Decodes a configuration from TOML text. The dialect is recognised from the content (see
    /// `ConfigurationDialect`), `hint` deciding when the content does not. Gitleaks files ignore
    /// unknown fields with a warning; keyhound files reject them with a suggestion.
    public static func decode(_ text: String, file: String, hint: ConfigurationDialect = .keyhound) throws(RuleError)
        -> Configuration
    {
        let table = try parse(text, file: file)
        let (dialect, evidence) = ConfigurationDialect.recognise(table, hint: hint)
        var config = try decode(table, text: text, file: file, dialect: dialect)
        config.dialectEvidence = evidence
        return config
    }

    /// Decodes a configuration as `isGitleaks` says, whatever its content.
    public static func decode(_ text: String, file: String, isGitleaks: Bool) throws(RuleError) -> Configuration {
        let table = try parse(text, file: file)
        return try decode(table, text: text, file: file, dialect: isGitleaks ? .gitleaks : .keyhound)
    }

    /// The TOML document of `text`; a syntax error names `file`, line and column.
    static func parse(_ text: String, file: String) throws(RuleError) -> TOMLTable {
        do {
            return try TOMLParser.parse(text)
        } catch {
            throw RuleError(
                file: file, line: error.position.line, column: error.position.column, message: error.message)
        }
    }

    static func decode(_ table: TOMLTable, text: String, file: String, dialect: ConfigurationDialect) throws(RuleError)
        -> Configuration
    {
        let isGitleaks = dialect == .gitleaks
        var config = Configuration(file: file)
        config.dialect = dialect
        let reader = TOMLFieldReader(table: table, file: file, known: topLevelKeys, strictUnknownKeys: !isGitleaks)
        config.warnings += try reader.checkUnknownKeys(context: "configuration")
        config.inventory = try reader.string("inventory")
        if let rotation = try reader.table("rotation") {
            config.rotation = try RotationConfiguration.decode(rotation, file: file)
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
            let ext = TOMLFieldReader(
                table: t, file: file, known: ["use_default", "useDefault", "disabled_rules", "disabledRules", "path"],
                strictUnknownKeys: !isGitleaks)
            config.warnings += try ext.checkUnknownKeys(context: "[extend]")
            if let use = try ext.bool("use_default", "useDefault") {
                config.useDefaultRules = use
                config.useDefaultIsExplicit = true
            }
            config.disabledRules += try ext.strings("disabled_rules", "disabledRules")
            if let path = try ext.string("path") {
                guard !path.isEmpty else { throw ext.error(at: "path", "[extend] path must not be empty") }
                config.extendPath = path
                let p = t.position(of: "path") ?? t.position
                config.extendPosition = SourcePoint(line: p.line, column: p.column)
            }
        }
        var seen: [String: RuleSource] = [:]
        for t in try reader.tables("rules") {
            let rule = try RuleDecoder.rule(
                t, file: file, strict: !isGitleaks, warnings: &config.warnings)
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
                    t, file: file, strict: !isGitleaks, warnings: &config.warnings))
        }
        return config
    }

    /// This configuration on top of `base`, the file its `[extend] path` names: the base's rules
    /// with this file's rules merged in (see `RuleMerge`), both files' allowlists, this file's
    /// settings where it has them. The built-in rules stay on as this file says, else as the base
    /// says (a keyhound file keeps them unless `use_default = false`).
    public func extending(_ base: Configuration) throws(RuleError) -> Configuration {
        var out = self
        out.rules = try RuleMerge.merge(base: base.rules, overlay: rules, dialect: dialect, patchesMayDangle: true)
        out.allowlists = base.allowlists + allowlists
        out.disabledRules = base.disabledRules + disabledRules
        out.inventory = inventory ?? base.inventory.map { base.relocated($0, to: self) }
        out.baseline = baseline ?? base.baseline.map { base.relocated($0, to: self) }
        out.maxFileSize = maxFileSize ?? base.maxFileSize
        out.rotation = rotation ?? base.rotation
        out.warnings = base.warnings + warnings
        if !useDefaultIsExplicit && dialect == .gitleaks { out.useDefaultRules = base.useDefaultRules }
        out.extendedFiles = base.extendedFiles + [base.file]
        return out
    }

    /// `path`, written relative to this file's folder, as the path to use from anywhere: absolute
    /// paths stay, others are prefixed with this file's folder (the loader names extended files
    /// by absolute path).
    func relocated(_ path: String, to other: Configuration) -> String {
        guard !path.hasPrefix("/"), let slash = file.lastIndex(of: "/") else { return path }
        return String(file[...slash]) + path
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
