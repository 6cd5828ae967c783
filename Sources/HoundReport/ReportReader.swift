import HoundJSON
import HoundModel

/// Reads a `jsonl` report (a sweep, a shard of one, or a single scan) back into findings and
/// repository outcomes, for `report merge` and `report html`. Secrets are never in a report
/// unless asked for, so read-back findings carry their redacted form, not the secret.
public struct ReportReader: Sendable {
    /// A line that is not a report line, with where it is.
    public struct Problem: Error, CustomStringConvertible {
        /// `FILE:LINE: message`.
        public var description: String
    }

    /// The findings read so far (suppressed findings are left out).
    public var findings: [Finding] = []
    /// Repository outcomes from sweep summaries.
    public var repositories: [RepositoryOutcome] = []
    /// Errors named in the summaries.
    public var errors: [String] = []
    /// Totals from the summaries.
    public var summary = ScanSummary()
    /// How many summary lines were read (a complete report has one).
    public var summaries = 0

    /// An empty reader.
    public init() {}

    /// Reads one `jsonl` report's bytes; `name` is used in error messages.
    public mutating func read(_ bytes: [UInt8], name: String) throws(Problem) {
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0d })
            if trimmed.isEmpty { continue }
            let object: JSONNode
            do {
                object = try JSONReader.parse(trimmed)
            } catch {
                throw Problem(description: "\(name):\(lineNumber): not JSON (expected a jsonl report): \(error.message)")
            }
            guard object.objectValue != nil else { throw Problem(description: "\(name):\(lineNumber): not a JSON object") }
            if let summary = object["summary"], summary.objectValue != nil {
                readSummary(summary)
                continue
            }
            if object["suppressed_by"] != nil { continue }
            guard let finding = Self.finding(object) else {
                throw Problem(description: "\(name):\(lineNumber): not a keyhound finding (missing rule, path or fingerprint)")
            }
            findings.append(finding)
        }
    }

    private mutating func readSummary(_ object: JSONNode) {
        summaries += 1
        summary.filesScanned += object["files_scanned"]?.intValue ?? 0
        summary.blobsScanned += object["blobs_scanned"]?.intValue ?? 0
        summary.bytesScanned += object["bytes_scanned"]?.intValue ?? 0
        summary.seconds += object["seconds"]?.doubleValue ?? 0
        summary.skippedBinary += object["skipped_binary"]?.intValue ?? 0
        summary.skippedLarge += object["skipped_large"]?.intValue ?? 0
        errors += object["errors"]?.stringsValue ?? []
        for entry in object["repositories"]?.arrayValue ?? [] {
            guard let name = entry["name"]?.stringValue, let location = entry["location"]?.stringValue else { continue }
            repositories.append(
                RepositoryOutcome(
                    repository: RepositoryReference(name: name, location: location), failure: entry["reason"]?.stringValue,
                    findings: entry["findings"]?.intValue ?? 0, blobsScanned: entry["blobs_scanned"]?.intValue ?? 0,
                    bytesScanned: entry["bytes_scanned"]?.intValue ?? 0))
        }
    }

    /// A finding from its JSON object, or nil when a required field is missing.
    static func finding(_ o: JSONNode) -> Finding? {
        guard let rule = o["rule"]?.stringValue, let fingerprintText = o["fingerprint"]?.stringValue,
            let fingerprint = Fingerprint(parsing: fingerprintText), let location = location(o)
        else { return nil }
        var finding = Finding(
            ruleID: rule, description: o["description"]?.stringValue ?? "", location: location,
            otherLocations: (o["locations"]?.arrayValue ?? []).compactMap(Self.location), secret: [],
            fingerprint: fingerprint,
            confidence: (o["confidence"]?.stringValue).flatMap(Confidence.init(rawValue:)) ?? .medium,
            severity: (o["severity"]?.stringValue).flatMap(Severity.init(rawValue:)) ?? .medium,
            context: o["context"]?.stringValue ?? "", tags: o["tags"]?.stringsValue ?? [],
            key: o["key"].flatMap(Self.key), notes: o["notes"]?.stringsValue ?? [],
            provenanceKind: o["provenance"]?.stringValue ?? "file")
        finding.redactedText = o["redacted"]?.stringValue ?? "…"
        if let repository = o["repository"], let name = repository["name"]?.stringValue,
            let where_ = repository["location"]?.stringValue
        {
            finding.repository = RepositoryReference(name: name, location: where_)
            finding.alsoInRepositories = o["also_in"]?.intValue ?? 0
        }
        return finding
    }

    private static func location(_ o: JSONNode) -> Location? {
        guard let path = o["path"]?.stringValue else { return nil }
        return Location(
            path: path, line: o["line"]?.intValue ?? 0, column: o["column"]?.intValue ?? 0,
            endLine: o["end_line"]?.intValue ?? 0, endColumn: o["end_column"]?.intValue ?? 0,
            commit: o["commit"].flatMap(Self.commit))
    }

    private static func commit(_ o: JSONNode) -> CommitInfo? {
        guard let id = o["id"]?.stringValue else { return nil }
        return CommitInfo(
            id: id, author: o["author"]?.stringValue ?? "", email: o["email"]?.stringValue ?? "",
            date: o["date"]?.stringValue ?? "", summary: o["summary"]?.stringValue ?? "")
    }

    private static func key(_ o: JSONNode) -> KeyReference? {
        guard let name = o["name"]?.stringValue else { return nil }
        return KeyReference(
            name: name, owner: o["owner"]?.stringValue, consumers: o["consumers"]?.stringsValue ?? [],
            status: o["status"]?.stringValue ?? "active", lastRotated: o["last_rotated"]?.stringValue,
            onLeak: o["on_leak"]?.stringValue ?? "report", environment: o["environment"]?.stringValue)
    }
}
