import TOML

/// Which tool's configuration a file is written for: keyhound's own (`.keyhound.toml`, snake_case
/// fields, built-in rules kept by default) or gitleaks' (`.gitleaks.toml`, camelCase fields, a
/// file with rules replaces the default rules unless `[extend] useDefault = true`).
///
/// The dialect is recognised from the content: fields only one of the two tools uses decide.
/// When the content says nothing either way (only `id`, `regex`, `keywords`...), the hint decides:
/// where the file came from (`GITLEAKS_CONFIG`, a file named `*gitleaks*.toml`).
public enum ConfigurationDialect: String, Sendable, Hashable {
    /// keyhound's `.keyhound.toml`.
    case keyhound
    /// gitleaks' `.gitleaks.toml`.
    case gitleaks

    /// Fields (by table: top level, `extend`, `rules`, allowlists) that only keyhound reads.
    static let keyhoundOnly: [String: Set<String>] = [
        "": ["inventory", "baseline", "max_file_size", "disabled_rules", "rotation"],
        "extend": ["use_default", "disabled_rules"],
        "rules": ["secret_group", "validate", "confidence", "examples", "negative_examples", "stopwords", "severity"],
        "allowlist": ["regex_target", "target_rules"],
    ]
    /// Fields that only gitleaks reads.
    static let gitleaksOnly: [String: Set<String>] = [
        "": ["title", "disabledRules", "minVersion"],
        "extend": ["useDefault", "disabledRules", "path"],
        "rules": ["secretGroup", "skipReport", "required", "report"],
        "allowlist": ["regexTarget", "targetRules"],
    ]

    /// The dialect `table` is written in, with the fields that showed it (empty when `hint`
    /// decided).
    public static func recognise(_ table: TOMLTable, hint: ConfigurationDialect) -> (
        dialect: ConfigurationDialect, evidence: [String]
    ) {
        var keyhound: [String] = []
        var gitleaks: [String] = []
        func look(_ t: TOMLTable, as kind: String) {
            for key in t.keys {
                if keyhoundOnly[kind]?.contains(key) == true { keyhound.append(key) }
                if gitleaksOnly[kind]?.contains(key) == true { gitleaks.append(key) }
            }
        }
        look(table, as: "")
        if let extend = table["extend"]?.tableValue { look(extend, as: "extend") }
        let allowlistKeys = ["allowlist", "allowlists"]
        for rule in tables(table["rules"]) {
            look(rule, as: "rules")
            for key in allowlistKeys { for list in tables(rule[key]) { look(list, as: "allowlist") } }
        }
        for key in allowlistKeys { for list in tables(table[key]) { look(list, as: "allowlist") } }
        if !gitleaks.isEmpty && keyhound.isEmpty { return (.gitleaks, unique(gitleaks)) }
        if !keyhound.isEmpty && gitleaks.isEmpty { return (.keyhound, unique(keyhound)) }
        return (hint, [])
    }

    /// The dialect a file's name suggests: `gitleaks` for `*gitleaks*.toml`.
    public static func hint(forPath path: String) -> ConfigurationDialect {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.lowercased().contains("gitleaks") ? .gitleaks : .keyhound
    }

    private static func tables(_ value: TOMLValue?) -> [TOMLTable] {
        guard let value else { return [] }
        if let t = value.tableValue { return [t] }
        return value.arrayValue?.compactMap(\.tableValue) ?? []
    }

    private static func unique(_ keys: [String]) -> [String] {
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}
