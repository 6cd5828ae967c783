import HoundSupport

/// The findings another scanner accepted, read from its report so that `keyhound baseline
/// import` can turn them into a keyhound baseline: a gitleaks JSON report (an array of objects
/// with `RuleID`, `File`, `StartLine`, `Secret`, `Commit`...) or a detect-secrets baseline
/// (`{"results": {FILE: [{"type", "hashed_secret", "line_number"}]}}`).
///
/// Neither holds what a keyhound baseline keys on (a rule of ours and a SHA-256 of the secret),
/// so each entry keeps what can recognise the finding again in a keyhound scan: the secret itself
/// when a gitleaks report was written without `--redact` (kept in memory only), the SHA-1 that
/// detect-secrets stores, and the file, line and rule.
public struct ImportedReport: Sendable {
    /// Which tool wrote the report.
    public enum Kind: String, Sendable {
        case gitleaks = "gitleaks report"
        case detectSecrets = "detect-secrets baseline"
    }

    /// One accepted finding of the other tool.
    public struct Entry: Sendable {
        /// The other tool's rule id or secret type.
        public var rule: String
        /// The file, as the report names it.
        public var file: String
        /// The 1-based line, when known.
        public var line: Int?
        /// The commit, for gitleaks history reports.
        public var commit: String?
        /// The secret, when the report holds it unredacted.
        public var secret: [UInt8]?
        /// detect-secrets' SHA-1 of the secret.
        public var sha1: [UInt8]?
    }

    /// The tool.
    public var kind: Kind
    /// Its entries, in report order.
    public var entries: [Entry]

    /// Reads the report at `path`.
    public static func load(path: String) throws(InventoryError) -> ImportedReport {
        try parse(InventoryFileIO.read(path, kind: .report), path: path)
    }

    /// Reads a report's bytes; `path` names it in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(InventoryError) -> ImportedReport {
        let root = try DocumentValue.parseJSON(bytes, path: path)
        switch root.content {
        case .array(let items): return try gitleaks(items, path: path)
        case .table(let table) where table["results"] != nil: return try detectSecrets(table, path: path)
        default:
            throw InventoryError(
                .invalidField, path: path, position: root.position,
                message: "not a gitleaks JSON report (an array of findings) nor a detect-secrets baseline (\"results\")")
        }
    }

    static func gitleaks(_ items: [DocumentValue], path: String) throws(InventoryError) -> ImportedReport {
        var entries: [Entry] = []
        for item in items {
            guard case .table(let object) = item.content, case .string(let rule)? = object["RuleID"]?.content,
                case .string(let file)? = object["File"]?.content
            else {
                throw InventoryError(
                    .invalidField, path: path, position: item.position,
                    message: "each gitleaks finding needs \"RuleID\" and \"File\" strings")
            }
            var entry = Entry(rule: rule, file: file)
            if case .integer(let line)? = object["StartLine"]?.content { entry.line = Int(line) }
            if case .string(let commit)? = object["Commit"]?.content, !commit.isEmpty { entry.commit = commit }
            if case .string(let secret)? = object["Secret"]?.content, !secret.isEmpty, secret != "REDACTED",
                !secret.hasSuffix("...")
            {
                entry.secret = Array(secret.utf8)
            }
            entries.append(entry)
        }
        return ImportedReport(kind: .gitleaks, entries: entries)
    }

    static func detectSecrets(_ table: DocumentTable, path: String) throws(InventoryError) -> ImportedReport {
        guard case .table(let results)? = table["results"]?.content else {
            throw InventoryError(
                .invalidField, path: path, position: table["results"]?.position, message: "\"results\" must be an object")
        }
        var entries: [Entry] = []
        for member in results.entries {
            let (file, value) = (member.key, member.value)
            guard case .array(let items) = value.content else {
                throw InventoryError(.invalidField, path: path, position: value.position, message: "results for \(file) must be an array")
            }
            for item in items {
                guard case .table(let object) = item.content, case .string(let type)? = object["type"]?.content else {
                    throw InventoryError(.invalidField, path: path, position: item.position, message: "each result needs a \"type\" string")
                }
                var entry = Entry(rule: type, file: file)
                if case .integer(let line)? = object["line_number"]?.content { entry.line = Int(line) }
                if case .string(let hex)? = object["hashed_secret"]?.content, let digest = Hex.decode(hex), digest.count == 20 {
                    entry.sha1 = digest
                }
                entries.append(entry)
            }
        }
        return ImportedReport(kind: .detectSecrets, entries: entries)
    }
}
