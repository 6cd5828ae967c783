import HoundJSON
import HoundModel
import HoundSupport

/// The findings a team accepted when adopting keyhound, by identity (rule id + fingerprint),
/// so that only new findings fail a build.
///
/// The file is JSON, one entry per line, sorted by rule then fingerprint, so re-creating it from
/// the same findings (with the same salt, which `create` and `update` keep) is byte-identical and
/// diffs stay small:
///
/// ```json
/// {
///   "keyhound_baseline": 2,
///   "salt": "<32 hex digits>",
///   "kdf": "pbkdf2-sha256",
///   "iterations": 65536,
///   "findings": [
///     {"rule": "github-pat", "fingerprint": "sha256:…", "path": "src/app.swift"},
///     {"rule": "generic-password", "fingerprint": "pbkdf2-sha256:…", "path": "config.yml", "reason": "test database"}
///   ]
/// }
/// ```
///
/// A baseline is committed, so anyone can read it: a plain SHA-256 of a low-entropy secret
/// (`Winter2026!`) would fall to a dictionary in milliseconds. Secrets that `SecretStrength`
/// estimates under 64 bits are therefore stored as PBKDF2-HMAC-SHA-256 of the secret with the
/// file's random salt and `iterations` rounds (`pbkdf2-sha256:`); others keep their
/// `sha256:`/`hmac-sha256:` fingerprint (no attack is cheaper than guessing them outright).
/// Version 1 files (plain fingerprints only, no salt) are still read; `baseline update` rewrites
/// them as version 2.
///
/// `path` is the first path (in sort order) where the secret was seen, for people only: matching
/// ignores it, and line numbers are never stored, so entries survive edits and moves. `reason`
/// says why the finding was accepted (`--reason`). No secret is stored.
public struct Baseline: Sendable, Equatable {
    /// One accepted finding.
    public struct Entry: Hashable, Sendable, Comparable {
        /// The rule id.
        public var ruleID: String
        /// The secret's fingerprint, plain or protected.
        public var fingerprint: BaselineDigest
        /// Where it was first seen, for people.
        public var path: String?
        /// Why it was accepted.
        public var reason: String?

        /// An entry from its parts.
        public init(ruleID: String, fingerprint: BaselineDigest, path: String? = nil, reason: String? = nil) {
            self.ruleID = ruleID
            self.fingerprint = fingerprint
            self.path = path
            self.reason = reason
        }

        /// An entry with a plain fingerprint.
        public init(ruleID: String, fingerprint: Fingerprint, path: String? = nil, reason: String? = nil) {
            self.init(ruleID: ruleID, fingerprint: .plain(fingerprint), path: path, reason: reason)
        }

        /// `rule:fingerprint`.
        public var identity: String { "\(ruleID):\(fingerprint)" }

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.ruleID, lhs.fingerprint.description) < (rhs.ruleID, rhs.fingerprint.description)
        }
    }

    /// The entries, sorted, one per identity.
    public let entries: [Entry]
    /// The salt of protected fingerprints (16 random bytes, kept when the file is re-created).
    public let salt: [UInt8]
    /// PBKDF2 rounds of protected fingerprints.
    public let iterations: Int
    /// The version the file was read as (1 or 2); new baselines are version 2.
    public let version: Int
    private let identities: Set<String>
    private let protectedRules: Set<String>

    /// The format version written.
    public static let currentVersion = 2
    /// PBKDF2 rounds for new baselines: a guess costs an attacker 2 × 65,536 SHA-256 compressions
    /// instead of 1 (about 90 ms with OpenSSL on this project's CI machine: a 10,000-word
    /// dictionary takes 15 minutes instead of 10 ms; `benchmarks/fingerprint-attack` measures it).
    public static let kdfIterations = 65_536
    /// The range of rounds a file may ask for: a hostile file cannot make a scan spin.
    public static let acceptedIterations = 10_000...1_000_000
    /// The name of the key derivation written in the file.
    public static let kdfName = "pbkdf2-sha256"

    /// A baseline of `entries` (sorted; for a repeated identity the smallest path is kept, and a
    /// reason if any entry has one).
    public init(entries: [Entry], salt: [UInt8] = Baseline.newSalt(), iterations: Int = Baseline.kdfIterations, version: Int = Baseline.currentVersion) {
        var best: [String: Entry] = [:]
        for entry in entries {
            if var kept = best[entry.identity] {
                if (entry.path ?? "\u{10FFFF}") < (kept.path ?? "\u{10FFFF}") { kept.path = entry.path }
                kept.reason = kept.reason ?? entry.reason
                best[entry.identity] = kept
            } else {
                best[entry.identity] = entry
            }
        }
        self.entries = best.values.sorted()
        self.salt = salt
        self.iterations = iterations
        self.version = version
        identities = Set(best.keys)
        protectedRules = Set(best.values.filter(\.fingerprint.isProtected).map(\.ruleID))
    }

    /// A baseline accepting every one of `findings`, each entry with `reason`.
    public init(findings: [Finding], reason: String? = nil, salt: [UInt8] = Baseline.newSalt(), iterations: Int = Baseline.kdfIterations) {
        self.init(
            entries: findings.flatMap { finding in
                let digest = BaselineDigest.of(finding, salt: salt, iterations: iterations)
                return ([finding.location] + finding.otherLocations).map {
                    Entry(ruleID: finding.ruleID, fingerprint: digest, path: $0.path, reason: reason)
                }
            }, salt: salt, iterations: iterations)
    }

    /// 16 random bytes.
    public static func newSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// Whether the finding with this rule and plain fingerprint is accepted.
    public func contains(ruleID: String, fingerprint: Fingerprint) -> Bool {
        identities.contains("\(ruleID):\(fingerprint)")
    }

    /// Whether `finding` is accepted.
    public func contains(_ finding: Finding) -> Bool { entry(for: finding) != nil }

    /// The entry accepting `finding`, if any: by its plain fingerprint, else (for a rule with
    /// protected entries and a low-entropy secret) by its protected one, computed here.
    public func entry(for finding: Finding) -> Entry? {
        if identities.contains(finding.identity) { return entries.first { $0.identity == finding.identity } }
        guard protectedRules.contains(finding.ruleID), SecretStrength.isLowEntropy(finding.secret) else { return nil }
        let identity = "\(finding.ruleID):\(BaselineDigest.protected(finding.secret, salt: salt, iterations: iterations))"
        guard identities.contains(identity) else { return nil }
        return entries.first { $0.identity == identity }
    }

    /// Whether checking `finding` costs a slow hash (see `entry(for:)`).
    public func needsSlowHash(_ finding: Finding) -> Bool {
        !identities.contains(finding.identity) && protectedRules.contains(finding.ruleID)
            && SecretStrength.isLowEntropy(finding.secret)
    }

    /// What `update` did.
    public struct Update: Sendable, Equatable {
        /// The new baseline.
        public var baseline: Baseline
        /// Entries for findings the old baseline lacked.
        public var added: Int
        /// Entries kept (with their reasons).
        public var kept: Int
        /// Entries whose findings are gone.
        public var dropped: Int
    }

    /// This baseline brought up to date with `findings`: an entry for each (an existing entry's
    /// reason is kept; new entries get `reason`), none for findings that are gone. The salt is
    /// kept; a version 1 file's entries are rewritten in version 2 form.
    public func updated(with findings: [Finding], reason: String?) -> Update {
        let salt = version >= 2 ? self.salt : Baseline.newSalt()
        var next: [Entry] = []
        var matched = Set<String>()
        var added = Set<String>()
        for finding in findings {
            let existing = entry(for: finding)
            if let existing { matched.insert(existing.identity) }
            let digest = BaselineDigest.of(finding, salt: salt, iterations: iterations)
            for location in [finding.location] + finding.otherLocations {
                let entry = Entry(ruleID: finding.ruleID, fingerprint: digest, path: location.path, reason: existing?.reason ?? reason)
                if existing == nil { added.insert(entry.identity) }
                next.append(entry)
            }
        }
        let baseline = Baseline(entries: next, salt: salt, iterations: iterations)
        return Update(
            baseline: baseline, added: added.count, kept: matched.count,
            dropped: entries.count - matched.count)
    }

    public static func == (lhs: Baseline, rhs: Baseline) -> Bool {
        lhs.entries == rhs.entries && lhs.salt == rhs.salt && lhs.iterations == rhs.iterations
    }

    /// The file's text (always the current version).
    public func rendered() -> String {
        // Pretty, one finding per line.
        var writer = JSONWriter(layout: .pretty)
        writer.beginObject()
        writer.member("keyhound_baseline", .int(Baseline.currentVersion))
        writer.member("salt", .string(Hex.encode(salt)))
        writer.member("kdf", .string(Baseline.kdfName))
        writer.member("iterations", .int(iterations))
        writer.key("findings")
        writer.beginArray()
        for entry in entries {
            var members: [(String, JSONValue)] = [
                ("rule", .string(entry.ruleID)), ("fingerprint", .string(entry.fingerprint.description)),
            ]
            if let path = entry.path { members.append(("path", .string(path))) }
            if let reason = entry.reason { members.append(("reason", .string(reason))) }
            writer.write(.object(members), layout: .inline)
        }
        writer.end()
        writer.end()
        writer.newline()
        return String(decoding: writer.sink, as: UTF8.self)
    }

    /// Writes the baseline to `path` atomically.
    public func write(to path: String) throws(InventoryError) {
        do {
            try AtomicFile.write(rendered(), to: path)
        } catch {
            throw InventoryError(.write, path: path, message: error.description)
        }
    }

    /// Reads the baseline at `path`.
    public static func load(path: String) throws(InventoryError) -> Baseline {
        try parse(InventoryFileIO.read(path, kind: .baseline), path: path)
    }

    /// Reads the baseline at `path`, or nil when there is none.
    public static func loadIfPresent(path: String) throws(InventoryError) -> Baseline? {
        guard InventoryFileIO.exists(path) else { return nil }
        return try load(path: path)
    }

    /// Reads a baseline's text; `path` names it in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(InventoryError) -> Baseline {
        let root = try DocumentValue.parseJSON(bytes, path: path)
        guard case .table(let table) = root.content, case .integer(let version)? = table["keyhound_baseline"]?.content else {
            throw InventoryError(.invalidField, path: path, position: root.position, message: "not a keyhound baseline (no \"keyhound_baseline\" version)")
        }
        guard version == 1 || version == 2 else {
            throw InventoryError(.invalidField, path: path, position: root.position, message: "unsupported baseline version \(version)")
        }
        var salt: [UInt8] = []
        var iterations = kdfIterations
        if version == 2 {
            guard case .string(let hex)? = table["salt"]?.content, let bytes = Hex.decode(hex), bytes.count >= 8 else {
                throw InventoryError(
                    .invalidField, path: path, position: table["salt"]?.position ?? root.position,
                    message: "\"salt\" must be at least 16 hex digits")
            }
            guard case .string(kdfName)? = table["kdf"]?.content else {
                throw InventoryError(
                    .invalidField, path: path, position: table["kdf"]?.position ?? root.position,
                    message: "\"kdf\" must be \"\(kdfName)\"")
            }
            guard case .integer(let rounds)? = table["iterations"]?.content, acceptedIterations.contains(Int(rounds)) else {
                throw InventoryError(
                    .invalidField, path: path, position: table["iterations"]?.position ?? root.position,
                    message: "\"iterations\" must be a number from \(acceptedIterations.lowerBound) to \(acceptedIterations.upperBound)")
            }
            salt = bytes
            iterations = Int(rounds)
        }
        guard case .array(let items)? = table["findings"]?.content else {
            throw InventoryError(.invalidField, path: path, position: root.position, message: "\"findings\" must be an array")
        }
        var entries: [Entry] = []
        for item in items {
            guard case .table(let object) = item.content,
                case .string(let rule)? = object["rule"]?.content, !rule.isEmpty,
                case .string(let text)? = object["fingerprint"]?.content
            else {
                throw InventoryError(
                    .invalidField, path: path, position: item.position,
                    message: "each finding needs a \"rule\" and a \"fingerprint\" string")
            }
            guard let fingerprint = BaselineDigest(parsing: text, allowProtected: version >= 2) else {
                throw InventoryError(
                    .invalidField, path: path, position: object["fingerprint"]?.position,
                    message: version >= 2
                        ? "invalid fingerprint (expected sha256:, hmac-sha256: or pbkdf2-sha256: and 64 hex digits)"
                        : "invalid fingerprint (expected sha256:<64 hex digits> or hmac-sha256:<64 hex digits>)")
            }
            var entryPath: String?
            if case .string(let seen)? = object["path"]?.content { entryPath = seen }
            var reason: String?
            if case .string(let why)? = object["reason"]?.content { reason = why }
            entries.append(Entry(ruleID: rule, fingerprint: fingerprint, path: entryPath, reason: reason))
        }
        return Baseline(entries: entries, salt: salt, iterations: iterations, version: Int(version))
    }
}

/// A baseline entry's fingerprint: the plain one (`sha256:`/`hmac-sha256:`), or, for a
/// low-entropy secret, PBKDF2 of it with the baseline's salt (`pbkdf2-sha256:`).
public enum BaselineDigest: Hashable, Sendable, CustomStringConvertible {
    /// The finding's own fingerprint.
    case plain(Fingerprint)
    /// 64 lowercase hex digits of PBKDF2-HMAC-SHA-256.
    case protectedDigest(String)

    /// What a baseline stores for `finding`: protected when its secret is low-entropy.
    public static func of(_ finding: Finding, salt: [UInt8], iterations: Int) -> BaselineDigest {
        SecretStrength.isLowEntropy(finding.secret)
            ? protected(finding.secret, salt: salt, iterations: iterations) : .plain(finding.fingerprint)
    }

    /// The protected digest of `secret`.
    public static func protected(_ secret: [UInt8], salt: [UInt8], iterations: Int) -> BaselineDigest {
        .protectedDigest(Hex.encode(PBKDF2.sha256(password: secret, salt: salt, iterations: iterations)))
    }

    /// Parses a plain fingerprint, or `pbkdf2-sha256:<64 hex>` when `allowProtected`.
    public init?(parsing text: String, allowProtected: Bool = true) {
        if let plain = Fingerprint(parsing: text) {
            self = .plain(plain)
            return
        }
        let prefix = Baseline.kdfName + ":"
        guard allowProtected, text.hasPrefix(prefix) else { return nil }
        let hex = text.dropFirst(prefix.count).lowercased()
        guard hex.utf8.count == 64, Hex.decode(hex) != nil else { return nil }
        self = .protectedDigest(hex)
    }

    /// Whether this is a protected (salted, slow) digest.
    public var isProtected: Bool {
        if case .protectedDigest = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .plain(let fingerprint): fingerprint.description
        case .protectedDigest(let hex): "\(Baseline.kdfName):\(hex)"
        }
    }
}
