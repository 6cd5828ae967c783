import Foundation
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
            let object: [String: Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: Data(trimmed)) as? [String: Any] else {
                    throw Problem(description: "\(name):\(lineNumber): not a JSON object")
                }
                object = parsed
            } catch let problem as Problem {
                throw problem
            } catch {
                throw Problem(description: "\(name):\(lineNumber): not JSON (expected a jsonl report)")
            }
            if let summary = object["summary"] as? [String: Any] {
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

    private mutating func readSummary(_ object: [String: Any]) {
        summaries += 1
        summary.filesScanned += object["files_scanned"] as? Int ?? 0
        summary.blobsScanned += object["blobs_scanned"] as? Int ?? 0
        summary.bytesScanned += object["bytes_scanned"] as? Int ?? 0
        summary.seconds += object["seconds"] as? Double ?? 0
        summary.skippedBinary += object["skipped_binary"] as? Int ?? 0
        summary.skippedLarge += object["skipped_large"] as? Int ?? 0
        errors += object["errors"] as? [String] ?? []
        for entry in object["repositories"] as? [[String: Any]] ?? [] {
            guard let name = entry["name"] as? String, let location = entry["location"] as? String else { continue }
            repositories.append(
                RepositoryOutcome(
                    repository: RepositoryReference(name: name, location: location), failure: entry["reason"] as? String,
                    findings: entry["findings"] as? Int ?? 0, blobsScanned: entry["blobs_scanned"] as? Int ?? 0,
                    bytesScanned: entry["bytes_scanned"] as? Int ?? 0))
        }
    }

    /// A finding from its JSON object, or nil when a required field is missing.
    static func finding(_ o: [String: Any]) -> Finding? {
        guard let rule = o["rule"] as? String, let fingerprintText = o["fingerprint"] as? String,
            let fingerprint = Fingerprint(parsing: fingerprintText), let location = location(o)
        else { return nil }
        var finding = Finding(
            ruleID: rule, description: o["description"] as? String ?? "", location: location,
            otherLocations: (o["locations"] as? [[String: Any]] ?? []).compactMap(Self.location), secret: [],
            fingerprint: fingerprint,
            confidence: (o["confidence"] as? String).flatMap(Confidence.init(rawValue:)) ?? .medium,
            severity: (o["severity"] as? String).flatMap(Severity.init(rawValue:)) ?? .medium,
            context: o["context"] as? String ?? "", tags: o["tags"] as? [String] ?? [],
            key: (o["key"] as? [String: Any]).flatMap(Self.key), notes: o["notes"] as? [String] ?? [],
            provenanceKind: o["provenance"] as? String ?? "file")
        finding.redactedText = o["redacted"] as? String ?? "…"
        if let repository = o["repository"] as? [String: Any], let name = repository["name"] as? String,
            let where_ = repository["location"] as? String
        {
            finding.repository = RepositoryReference(name: name, location: where_)
            finding.alsoInRepositories = o["also_in"] as? Int ?? 0
        }
        return finding
    }

    private static func location(_ o: [String: Any]) -> Location? {
        guard let path = o["path"] as? String else { return nil }
        return Location(
            path: path, line: o["line"] as? Int ?? 0, column: o["column"] as? Int ?? 0,
            endLine: o["end_line"] as? Int ?? 0, endColumn: o["end_column"] as? Int ?? 0,
            commit: (o["commit"] as? [String: Any]).flatMap(Self.commit))
    }

    private static func commit(_ o: [String: Any]) -> CommitInfo? {
        guard let id = o["id"] as? String else { return nil }
        return CommitInfo(
            id: id, author: o["author"] as? String ?? "", email: o["email"] as? String ?? "",
            date: o["date"] as? String ?? "", summary: o["summary"] as? String ?? "")
    }

    private static func key(_ o: [String: Any]) -> KeyReference? {
        guard let name = o["name"] as? String else { return nil }
        return KeyReference(
            name: name, owner: o["owner"] as? String, consumers: o["consumers"] as? [String] ?? [],
            status: o["status"] as? String ?? "active", lastRotated: o["last_rotated"] as? String,
            onLeak: o["on_leak"] as? String ?? "report", environment: o["environment"] as? String)
    }
}
