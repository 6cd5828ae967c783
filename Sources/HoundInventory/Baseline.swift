import HoundModel
import HoundSupport

/// The findings a team accepted when adopting keyhound, by identity (rule id + fingerprint),
/// so that only new findings fail a build.
///
/// The file is JSON, one entry per line, sorted by rule then fingerprint, so re-creating it from
/// the same findings is byte-identical and diffs stay small:
///
/// ```json
/// {
///   "keyhound_baseline": 1,
///   "findings": [
///     {"rule": "github-pat", "fingerprint": "sha256:…", "path": "src/app.swift"}
///   ]
/// }
/// ```
///
/// `path` is the first path (in sort order) where the secret was seen, for people only: matching
/// ignores it, and line numbers are never stored, so entries survive edits and moves. No secret
/// is stored. Fingerprints depend on `KEYHOUND_FINGERPRINT_KEY`: changing the key invalidates a
/// baseline.
public struct Baseline: Sendable, Equatable {
    /// One accepted finding.
    public struct Entry: Hashable, Sendable, Comparable {
        /// The rule id.
        public var ruleID: String
        /// The secret's fingerprint.
        public var fingerprint: Fingerprint
        /// Where it was first seen, for people.
        public var path: String?

        /// An entry from its parts.
        public init(ruleID: String, fingerprint: Fingerprint, path: String? = nil) {
            self.ruleID = ruleID
            self.fingerprint = fingerprint
            self.path = path
        }

        /// `rule:fingerprint`, as `Finding.identity`.
        public var identity: String { "\(ruleID):\(fingerprint)" }

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.ruleID, lhs.fingerprint.description) < (rhs.ruleID, rhs.fingerprint.description)
        }
    }

    /// The entries, sorted, one per identity.
    public let entries: [Entry]
    private let identities: Set<String>

    /// The format version written in the file.
    public static let version = 1

    /// A baseline of `entries` (sorted; for a repeated identity the smallest path is kept).
    public init(entries: [Entry]) {
        var best: [String: Entry] = [:]
        for entry in entries {
            if let kept = best[entry.identity], (kept.path ?? "\u{10FFFF}") <= (entry.path ?? "\u{10FFFF}") { continue }
            best[entry.identity] = entry
        }
        self.entries = best.values.sorted()
        identities = Set(best.keys)
    }

    /// A baseline accepting every one of `findings`.
    public init(findings: [Finding]) {
        self.init(
            entries: findings.flatMap { finding in
                ([finding.location] + finding.otherLocations).map {
                    Entry(ruleID: finding.ruleID, fingerprint: finding.fingerprint, path: $0.path)
                }
            })
    }

    /// Whether the finding with this rule and fingerprint is accepted.
    public func contains(ruleID: String, fingerprint: Fingerprint) -> Bool {
        identities.contains("\(ruleID):\(fingerprint)")
    }

    /// Whether `finding` is accepted.
    public func contains(_ finding: Finding) -> Bool { identities.contains(finding.identity) }

    /// The file's text.
    public func rendered() -> String {
        var out = "{\n  \"keyhound_baseline\": \(Baseline.version),\n  \"findings\": ["
        for (index, entry) in entries.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"rule\": \(JSONWriter.quote(entry.ruleID)), \"fingerprint\": \(JSONWriter.quote(entry.fingerprint.description))"
            if let path = entry.path { out += ", \"path\": \(JSONWriter.quote(path))" }
            out += "}"
        }
        out += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
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

    /// Reads a baseline's text; `path` names it in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(InventoryError) -> Baseline {
        let root: DocumentValue
        do {
            root = try JSONDocumentReader.parse(bytes)
        } catch {
            throw InventoryError(.syntax, path: path, position: error.position, message: "invalid JSON: \(error.message)")
        }
        guard case .table(let table) = root.content, case .integer(let version)? = table["keyhound_baseline"]?.content else {
            throw InventoryError(.invalidField, path: path, position: root.position, message: "not a keyhound baseline (no \"keyhound_baseline\" version)")
        }
        guard version == Baseline.version else {
            throw InventoryError(.invalidField, path: path, position: root.position, message: "unsupported baseline version \(version)")
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
            guard let fingerprint = Fingerprint(parsing: text) else {
                throw InventoryError(
                    .invalidField, path: path, position: object["fingerprint"]?.position,
                    message: "invalid fingerprint (expected sha256:<64 hex digits> or hmac-sha256:<64 hex digits>)")
            }
            var entryPath: String?
            if case .string(let seen)? = object["path"]?.content { entryPath = seen }
            entries.append(Entry(ruleID: rule, fingerprint: fingerprint, path: entryPath))
        }
        return Baseline(entries: entries)
    }
}
