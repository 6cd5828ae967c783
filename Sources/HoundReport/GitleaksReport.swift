import HoundJSON
import HoundModel
import HoundSupport

/// The `gitleaks` format: gitleaks' JSON report shape, so `jq` filters and CI scripts written
/// for gitleaks keep working: an array of objects with `RuleID`, `Description`, `StartLine`,
/// `EndLine`, `StartColumn`, `EndColumn`, `Match`, `Secret`, `File`, `SymlinkFile`, `Commit`,
/// `Entropy`, `Author`, `Email`, `Date`, `Message`, `Tags` and `Fingerprint`, in that order.
///
/// `RuleID` is the gitleaks id the rule answers to (`aws-access-token` for `aws-access-key-id`),
/// else keyhound's. `Secret` and `Match` are redacted unless `showSecrets` (as `gitleaks
/// --redact`; `Match` is the redacted line). Columns are those of the secret, 1-based, the end
/// inclusive (gitleaks' are the match's). `Fingerprint` is gitleaks' `[commit:]file:rule:line`,
/// the form `.gitleaksignore` takes. A history finding seen in several places is one object per
/// place. Suppressed findings are never listed.
enum GitleaksReport {
    /// The array, pretty-printed, ending with a newline, written one object at a time.
    static func write(_ report: OrderedReport, options: ReportOptions, to stream: inout ReportStream) {
        let aliases = Dictionary(report.rules.map { ($0.id, $0.aliases) }, uniquingKeysWith: { first, _ in first })
        stream.writeJSON(layout: .pretty) { writer in
            writer.beginArray()
            for finding in report.findings {
                let rule = aliases[finding.ruleID]?.first ?? finding.ruleID
                for location in [finding.location] + finding.otherLocations {
                    writer.write(object(finding, at: location, rule: rule, options: options))
                }
            }
            writer.end()
            writer.newline()
        }
    }

    /// One finding at one of its locations.
    static func object(_ finding: Finding, at location: Location, rule: String, options: ReportOptions) -> JSONValue {
        let secret: JSONValue = options.showSecrets ? .text(finding.secret) : .string(finding.redactedSecret)
        let commit = location.commit
        let fingerprint = (commit.map { "\($0.id):" } ?? "") + "\(location.path):\(rule):\(location.line)"
        return .object([
            ("RuleID", .string(rule)),
            ("Description", .string(finding.description)),
            ("StartLine", .int(location.line)),
            ("EndLine", .int(location.endLine)),
            ("StartColumn", .int(location.column)),
            ("EndColumn", .int(max(location.column, location.endColumn - 1))),
            ("Match", .string(finding.context)),
            ("Secret", secret),
            ("File", .string(location.path)),
            ("SymlinkFile", .string("")),
            ("Commit", .string(commit?.id ?? "")),
            ("Entropy", .double((Entropy.shannon(finding.secret) * 1e6).rounded() / 1e6)),
            ("Author", .string(commit?.author ?? "")),
            ("Email", .string(commit?.email ?? "")),
            ("Date", .string(commit?.date ?? "")),
            ("Message", .string(commit?.summary ?? "")),
            ("Tags", .strings(finding.tags)),
            ("Fingerprint", .string(fingerprint)),
        ])
    }
}
