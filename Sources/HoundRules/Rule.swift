import TOML
import HoundModel

/// An offline validator a rule can name with `validate = "…"`.
public enum Validator: String, Sendable, CaseIterable {
    /// GitHub-style tokens: the last 6 characters are base62 of the CRC-32 of the 30 before them.
    case githubCRC32 = "github-crc32"
    /// JSON Web Tokens: the header decodes to a JSON object naming `alg`.
    case jwt = "jwt"
    /// PEM blocks: the body is base64 of plausible length.
    case pem = "pem"
}

/// Where a rule came from, for error messages and `rules list`.
public struct RuleSource: Sendable, Hashable, CustomStringConvertible {
    /// The file the rule was read from (`patterns/vcs.toml`, `.keyhound.toml`...).
    public var file: String
    /// Line of the rule's `[[rules]]` header.
    public var line: Int
    /// Column of the rule's `[[rules]]` header.
    public var column: Int

    /// Where the values of some fields start (`regex`, `path`), for errors about them.
    public var valuePositions: [String: SourcePoint]

    /// A source location.
    public init(file: String, line: Int, column: Int, valuePositions: [String: SourcePoint] = [:]) {
        self.file = file
        self.line = line
        self.column = column
        self.valuePositions = valuePositions
    }

    /// Where the value of `field` starts, else the rule's header.
    public func position(of field: String) -> SourcePoint {
        valuePositions[field] ?? SourcePoint(line: line, column: column)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A line and column in a rule file: the TOML reader's position, so rules and their files
/// agree on one position type.
public typealias SourcePoint = TOMLPosition

/// One detection rule: a regex with a secret group, the keywords that gate it, and the checks a
/// candidate must pass. Decoded from `patterns/*.toml`, `.keyhound.toml` or `.gitleaks.toml`.
public struct Rule: Sendable, Identifiable {
    /// Kebab-case id, stable forever.
    public var id: String
    /// What the rule finds.
    public var description: String
    /// RE2-syntax regex.
    public var regex: String
    /// The capture group holding the secret; nil means group 1 if the regex has groups, else 0.
    public var secretGroup: Int?
    /// Prefilter keywords, lowercased. Empty means "derive from the regex or run everywhere".
    public var keywords: [String]
    /// Minimum Shannon entropy of the secret.
    public var entropy: Double?
    /// Offline validator.
    public var validator: Validator?
    /// Confidence of a finding that passes every check.
    public var confidence: Confidence
    /// Tags (`github`, `vcs`, `generic`...).
    public var tags: [String]
    /// Only paths matching this regex are scanned by the rule.
    public var path: String?
    /// A finding whose secret contains one of these (case-insensitive) is dropped.
    public var stopwords: [String]
    /// Rule-local allowlists.
    public var allowlists: [Allowlist]
    /// Text that must yield a finding of this rule.
    public var examples: [String]
    /// Text that must yield no finding of this rule.
    public var negativeExamples: [String]
    /// The path the examples are scanned at (`config/master.key` for a rule with a `path`); nil
    /// scans them as `example.txt`.
    public var examplePath: String?
    /// Where it was defined.
    public var source: RuleSource
    /// Other ids the rule answers to: the gitleaks default rule that detects the same thing
    /// (`aws-access-token` for `aws-access-key-id`), for `disabledRules`, allowlist
    /// `targetRules`, `.gitleaksignore` entries and gitleaks-shaped reports.
    public var aliases: [String] = []
    /// Findings of this rule are not reported (gitleaks' `skipReport`): it serves as a
    /// `required` part of composite rules.
    public var skipReport = false
    /// Rules that must also match near a finding of this one for it to be reported (gitleaks'
    /// `[[rules.required]]`).
    public var required: [RequiredRule] = []
    /// Whether the rule yields to provider rules on the span it shares with them: generic rules,
    /// and in gitleaks configurations every rule whose id contains "generic", as in gitleaks.
    public var yieldsToProviderRules = false

    /// A rule from its parts.
    public init(
        id: String, description: String, regex: String, secretGroup: Int? = nil, keywords: [String] = [],
        entropy: Double? = nil, validator: Validator? = nil, confidence: Confidence = .high, tags: [String] = [],
        path: String? = nil, stopwords: [String] = [], allowlists: [Allowlist] = [], examples: [String] = [],
        negativeExamples: [String] = [], source: RuleSource = RuleSource(file: "<inline>", line: 1, column: 1)
    ) {
        self.id = id
        self.description = description
        self.regex = regex
        self.secretGroup = secretGroup
        self.keywords = keywords
        self.entropy = entropy
        self.validator = validator
        self.confidence = confidence
        self.tags = tags
        self.path = path
        self.stopwords = stopwords
        self.allowlists = allowlists
        self.examples = examples
        self.negativeExamples = negativeExamples
        self.source = source
        self.yieldsToProviderRules = tags.contains("generic")
    }

    /// Whether `name` is this rule's id or one of its aliases.
    public func answers(to name: String) -> Bool { id == name || aliases.contains(name) }

    /// Generic rules (tagged `generic`) yield to provider rules on the same span and get the
    /// extra generic-value heuristics.
    public var isGeneric: Bool { tags.contains("generic") }
}

/// A rule that must match near a finding of a composite rule (gitleaks' `[[rules.required]]`).
public struct RequiredRule: Sendable, Hashable {
    /// The required rule's id.
    public var id: String
    /// At most this many lines above or below the finding (nil: any line of the fragment).
    public var withinLines: Int?
    /// At most this many columns left or right of the finding's start (nil: any column).
    public var withinColumns: Int?

    /// A requirement from its parts.
    public init(id: String, withinLines: Int? = nil, withinColumns: Int? = nil) {
        self.id = id
        self.withinLines = withinLines
        self.withinColumns = withinColumns
    }
}

/// What an allowlist's regexes are matched against.
public enum AllowlistTarget: String, Sendable {
    /// The secret (default).
    case secret
    /// The whole regex match.
    case match
    /// The whole line.
    case line
}

/// A set of conditions under which findings are dropped (gitleaks-compatible).
public struct Allowlist: Sendable {
    /// Human description.
    public var description: String
    /// Path regexes.
    public var paths: [String]
    /// Value regexes, matched against `regexTarget`.
    public var regexes: [String]
    /// What `regexes` look at.
    public var regexTarget: AllowlistTarget
    /// Case-insensitive substrings of the secret.
    public var stopwords: [String]
    /// Commit ids.
    public var commits: [String]
    /// `and`: every non-empty criterion must match; `or` (default): any one.
    public var requiresAll: Bool
    /// For global `[[allowlists]]`: only these rules (empty: all).
    public var targetRules: [String]
    /// Where it was defined (nil when built in code), with where `paths` and `regexes` start.
    public var source: RuleSource?

    /// An allowlist from its parts.
    public init(
        description: String = "", paths: [String] = [], regexes: [String] = [], regexTarget: AllowlistTarget = .secret,
        stopwords: [String] = [], commits: [String] = [], requiresAll: Bool = false, targetRules: [String] = [],
        source: RuleSource? = nil
    ) {
        self.description = description
        self.paths = paths
        self.regexes = regexes
        self.regexTarget = regexTarget
        self.stopwords = stopwords
        self.commits = commits
        self.requiresAll = requiresAll
        self.targetRules = targetRules
        self.source = source
    }

    /// Whether the allowlist has no criterion at all.
    public var isEmpty: Bool { paths.isEmpty && regexes.isEmpty && stopwords.isEmpty && commits.isEmpty }
}
