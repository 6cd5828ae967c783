import HoundRedaction
import HoundSupport

/// How sure keyhound is that a finding is a live credential.
public enum Confidence: String, Sendable, Comparable, CaseIterable, Codable {
    /// Heuristic match, weak context.
    case low
    /// A plausible secret: generic rule with entropy and context.
    case medium
    /// A provider format with a distinctive prefix, or a passed checksum.
    case high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}

/// How urgent a finding is; maps to SARIF levels (`critical`/`high` → error, `medium` → warning,
/// `low` → note).
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case low, medium, high, critical

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Where in a file a finding sits (1-based line and column; columns count bytes).
///
/// Kept small (a scan can hold hundreds of thousands): the commit, which few findings carry and
/// which holds five strings, is stored behind one shared reference.
public struct Location: Hashable, Sendable, Comparable {
    /// Display path.
    public var path: String
    /// 1-based line in the file.
    public var line: Int
    /// 1-based byte column of the secret's first byte.
    public var column: Int
    /// 1-based line of the secret's last byte.
    public var endLine: Int
    /// 1-based byte column just past the secret's last byte.
    public var endColumn: Int
    /// The commit, boxed (nil for none).
    private var commitBox: CommitBox?
    /// The code-point columns, 0 when unknown.
    private var characterStart = 0
    private var characterEnd = 0

    /// The commit that added it, for range and history scans.
    public var commit: CommitInfo? {
        get { commitBox?.value }
        set { commitBox = newValue.map(CommitBox.init) }
    }

    /// `column` and `endColumn` counted in Unicode code points (SARIF's `unicodeCodePoints`),
    /// when known; equal to the byte columns on ASCII lines.
    public var characterColumns: (start: Int, end: Int)? {
        get { characterStart == 0 ? nil : (characterStart, characterEnd) }
        set { (characterStart, characterEnd) = newValue.map { (max(1, $0.start), $0.end) } ?? (0, 0) }
    }

    /// A location from its parts.
    public init(path: String, line: Int, column: Int, endLine: Int, endColumn: Int, commit: CommitInfo? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.commitBox = commit.map(CommitBox.init)
    }

    public static func == (lhs: Location, rhs: Location) -> Bool {
        lhs.path == rhs.path && lhs.line == rhs.line && lhs.column == rhs.column && lhs.endLine == rhs.endLine
            && lhs.endColumn == rhs.endColumn && lhs.commit == rhs.commit
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(commit)
    }

    public static func < (lhs: Location, rhs: Location) -> Bool {
        (lhs.path, lhs.line, lhs.column, lhs.commit?.id ?? "") < (rhs.path, rhs.line, rhs.column, rhs.commit?.id ?? "")
    }
}

/// An immutable commit behind a reference: locations copy 8 bytes, not five strings.
private final class CommitBox: Sendable {
    let value: CommitInfo
    init(_ value: CommitInfo) { self.value = value }
}

/// A finding's rarely set fields, behind one immutable, shared reference.
private final class FindingExtras: Sendable {
    /// The fields themselves.
    struct Fields: Sendable {
        var key: KeyReference?
        var repository: RepositoryReference?
        var alsoInRepositories = 0
        var redactedText: String?

        /// Whether every field holds its default (no box needed).
        var isDefault: Bool { key == nil && repository == nil && alsoInRepositories == 0 && redactedText == nil }
    }

    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }

    var key: KeyReference? { fields.key }
    var repository: RepositoryReference? { fields.repository }
    var alsoInRepositories: Int { fields.alsoInRepositories }
    var redactedText: String? { fields.redactedText }
}

/// What the inventory knows about the key a finding matched.
public struct KeyReference: Hashable, Sendable {
    /// The key's inventory name.
    public var name: String
    /// Owning team or person.
    public var owner: String?
    /// Services that use the key.
    public var consumers: [String]
    /// `active`, `retired` or `revoked`.
    public var status: String
    /// ISO 8601 date of the last rotation.
    public var lastRotated: String?
    /// `report`, `rotate` or `emergency`.
    public var onLeak: String
    /// Environment (`prod`, `staging`...).
    public var environment: String?

    /// A reference from its parts.
    public init(
        name: String, owner: String?, consumers: [String], status: String, lastRotated: String?, onLeak: String,
        environment: String? = nil
    ) {
        self.name = name
        self.owner = owner
        self.consumers = consumers
        self.status = status
        self.lastRotated = lastRotated
        self.onLeak = onLeak
        self.environment = environment
    }
}

/// One detected secret: the rule, where, the secret itself (kept in memory only), its
/// fingerprint, and what the inventory says.
///
/// A scan can hold hundreds of thousands of findings, so the value is kept small: strings the
/// rule provides (id, description, tags) and the path are shared with the rule and the fragment,
/// the fingerprint is stored inline, and what few findings carry (an inventory key, a sweep's
/// repository, a redacted form read back from a report) sits behind one shared reference.
public struct Finding: Sendable {
    /// The rule id (`github-pat`).
    public var ruleID: String
    /// The rule's description.
    public var description: String
    /// The first location; `otherLocations` holds the rest for history sweeps.
    public var location: Location
    /// Further places the same secret was found (history sweeps merge them).
    public var otherLocations: [Location]
    /// The secret's bytes. Never written anywhere unless the user asked (`--show-secrets`).
    public var secret: [UInt8]
    /// The secret's fingerprint.
    public var fingerprint: Fingerprint
    /// How sure we are.
    public var confidence: Confidence
    /// How urgent it is (raised for active inventory keys).
    public var severity: Severity
    /// The line holding the secret, with the secret redacted, trimmed for display.
    public var context: String
    /// The rule's tags.
    public var tags: [String]
    /// Extra notes: a failed checksum, the decoder that revealed the secret...
    public var notes: [String]
    /// Where the fragment came from.
    public var provenanceKind: String
    /// The rarely set fields, nil while they all hold their defaults.
    private var extras: FindingExtras?

    /// What the inventory knows, nil when the key is not registered (or no inventory is in use).
    public var key: KeyReference? {
        get { extras?.key }
        set { updateExtras { $0.key = newValue } }
    }
    /// The repository of a sweep finding (nil outside sweeps).
    public var repository: RepositoryReference? {
        get { extras?.repository }
        set { updateExtras { $0.repository = newValue } }
    }
    /// In how many other repositories of the sweep the same secret (rule and fingerprint) appears.
    public var alsoInRepositories: Int {
        get { extras?.alsoInRepositories ?? 0 }
        set { updateExtras { $0.alsoInRepositories = newValue } }
    }
    /// The redacted form when the secret is not in memory (a finding read back from a report).
    public var redactedText: String? {
        get { extras?.redactedText }
        set { updateExtras { $0.redactedText = newValue } }
    }

    /// Changes the extras (a fresh box: boxes are shared between copies and never mutated).
    private mutating func updateExtras(_ change: (inout FindingExtras.Fields) -> Void) {
        var fields = extras?.fields ?? FindingExtras.Fields()
        change(&fields)
        extras = fields.isDefault ? nil : FindingExtras(fields)
    }

    /// A finding from its parts.
    public init(
        ruleID: String, description: String, location: Location, otherLocations: [Location] = [],
        secret: [UInt8], fingerprint: Fingerprint, confidence: Confidence, severity: Severity, context: String,
        tags: [String] = [], key: KeyReference? = nil, notes: [String] = [], provenanceKind: String = "file"
    ) {
        self.ruleID = ruleID
        self.description = description
        self.location = location
        self.otherLocations = otherLocations
        self.secret = secret
        self.fingerprint = fingerprint
        self.confidence = confidence
        self.severity = severity
        self.context = context
        self.tags = tags
        self.notes = notes
        self.provenanceKind = provenanceKind
        if let key { self.key = key }
    }

    /// The identity baselines and ignore files use: rule plus fingerprint.
    public var identity: String { "\(ruleID):\(fingerprint)" }

    /// The secret redacted for display: the first few characters, then `…`, never more than a
    /// quarter of it (at most 4 characters).
    public var redactedSecret: String { redactedText ?? Redaction.redact(secret) }

    /// Whether the inventory knows this key.
    public var isRegistered: Bool { key != nil }

    /// Whether the secret is low-entropy (`SecretStrength`): its plain fingerprint would give it
    /// away to a dictionary, so files others read (SARIF, baselines) do not carry it.
    public var hasLowEntropySecret: Bool { SecretStrength.isLowEntropy(secret) }

    /// The identity files others read use: `identity`, or for a low-entropy secret
    /// `rule:context-sha256:<hex>`, from the rule and the redacted line (no content
    /// fingerprint), stable across runs while the line is unchanged.
    public var publicIdentity: String {
        hasLowEntropySecret ? "\(ruleID):context-sha256:\(SHA256.hexDigest(Array(context.utf8)))" : identity
    }
}

extension Finding: Comparable {
    /// Stable report order: repository (sweeps), path, line, column, rule, fingerprint.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        if lhs.repository != rhs.repository {
            guard let left = lhs.repository else { return true }
            guard let right = rhs.repository else { return false }
            return left < right
        }
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.fingerprint < rhs.fingerprint
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.repository == rhs.repository && lhs.location == rhs.location && lhs.ruleID == rhs.ruleID
            && lhs.fingerprint == rhs.fingerprint
    }
}
