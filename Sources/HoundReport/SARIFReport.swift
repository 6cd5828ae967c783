import HoundJSON
import HoundModel

/// The `sarif` format: a SARIF 2.1.0 log with one run, for GitHub code scanning and other
/// code-scanning UIs.
///
/// `tool.driver` names keyhound, its version and `informationUri`, and lists the rules (sorted by
/// id; rules that findings name but the report's rule list lacks are added). Each result carries
/// `ruleId`, `ruleIndex`, a `level` from the severity (critical and high → `error`, medium →
/// `warning`, low → `note`), a message without the secret, the location (relative paths as
/// percent-encoded URI references; byte columns), other locations as `relatedLocations`,
/// `partialFingerprints` `{"keyhound/v1": "<rule>:<fingerprint>"}` so code scanning matches
/// results across runs however lines move, and properties (confidence, severity, fingerprint,
/// redacted secret, inventory key, commit). With `showSuppressed`, suppressed findings are results
/// with `suppressions` (`inSource` for an inline allow, `external` otherwise). Scan errors become
/// tool execution notifications.
enum SARIFReport {
    /// The schema the log declares, the OASIS SARIF 2.1.0 (errata 01) schema.
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The `partialFingerprints` key; bump the version if the value's form ever changes.
    static let fingerprintKey = "keyhound/v1"

    /// The log as pretty-printed JSON ending with a newline, written as it goes: the results,
    /// last in the run, one at a time.
    static func write(_ report: OrderedReport, options: ReportOptions, to stream: inout ReportStream) {
        let rules = ruleDescriptors(report, includingSuppressed: options.showSuppressed)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let paths = SARIFPaths(root: report.report.sourceRoot, workingDirectory: report.report.workingDirectory)
        let driver: JSONValue = .object([
            ("name", .string("keyhound")),
            ("version", .string(report.toolVersion)),
            ("semanticVersion", .string(report.toolVersion)),
            ("informationUri", .string(report.report.informationURI)),
            ("rules", .array(rules.map(ruleObject))),
        ])
        stream.writeJSON(layout: .pretty) { writer in
            writer.beginObject()
            writer.member("$schema", .string(schemaURI))
            writer.member("version", .string("2.1.0"))
            writer.key("runs")
            writer.beginArray()
            writer.beginObject()
            writer.member("tool", .object([("driver", driver)]))
            if let id = report.report.automationID { writer.member("automationDetails", .object([("id", .string(id))])) }
            if let root = report.report.sourceRoot {
                let uri = "file://" + URIReference.percentEncoded(root.hasSuffix("/") ? root : root + "/")
                writer.member("originalUriBaseIds", .object([(srcRoot, .object([("uri", .string(uri))]))]))
            }
            writer.member("invocations", .array([invocation(report.summary)]))
            writer.member("columnKind", .string("unicodeCodePoints"))
            writer.key("results")
            writer.beginArray()
            for finding in report.findings {
                writer.write(result(for: finding, ruleIndex: ruleIndex[finding.ruleID] ?? -1, options: options, paths: paths))
            }
            if options.showSuppressed {
                for hidden in report.suppressed {
                    writer.write(
                        result(
                            for: hidden.finding, ruleIndex: ruleIndex[hidden.finding.ruleID] ?? -1, options: options,
                            paths: paths, suppressedBy: hidden))
                }
            }
            writer.end()
            writer.end()
            writer.end()
            writer.end()
            writer.newline()
        }
    }

    /// The report's rules plus any rule a finding (or, with `includingSuppressed`, a suppressed
    /// finding) names that the list lacks, described by the first such finding in report order,
    /// sorted by id.
    static func ruleDescriptors(_ report: OrderedReport, includingSuppressed: Bool) -> [RuleDescriptor] {
        var rules = report.rules
        let known = Set(rules.map(\.id))
        // The first finding in report order naming each unknown rule: one pass over each list.
        var first: [String: Finding] = [:]
        func consider(_ finding: Finding) {
            guard !known.contains(finding.ruleID) else { return }
            if let held = first[finding.ruleID], !(finding < held) { return }
            first[finding.ruleID] = finding
        }
        for finding in report.report.findings { consider(finding) }
        if includingSuppressed { for hidden in report.report.summary.suppressed { consider(hidden.finding) } }
        for finding in first.values {
            rules.append(RuleDescriptor(id: finding.ruleID, description: finding.description, tags: finding.tags))
        }
        return rules.sorted { $0.id < $1.id }
    }

    /// The base id of paths relative to the repository root.
    static let srcRoot = "%SRCROOT%"

    /// A `reportingDescriptor`: id, name, short and full descriptions, markdown help and its URI,
    /// and the properties GitHub code scanning ranks by (`security-severity` from the rule's
    /// confidence: high 8.0, medium 5.5, low 3.0; a result on an active inventory key is
    /// critical, 9.5, in its own properties), `precision` and the `security` tag.
    static func ruleObject(_ rule: RuleDescriptor) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(rule.id)),
            ("name", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.description))])),
        ]
        var full = rule.description + "."
        if !rule.aliases.isEmpty { full += " gitleaks rule: " + rule.aliases.joined(separator: ", ") + "." }
        members.append(("fullDescription", .object([("text", .string(full))])))
        if let help = rule.help {
            members.append(("help", .object([("text", .string(help)), ("markdown", .string(help))])))
        }
        if let uri = rule.helpURI { members.append(("helpUri", .string(uri))) }
        let confidence = rule.confidence ?? "high"
        members.append(
            (
                "properties",
                .object([
                    ("tags", .strings(unique(["security"] + rule.tags))),
                    ("precision", .string(precision(confidence))),
                    ("security-severity", .string(securitySeverity(confidence))),
                ])
            ))
        return .object(members)
    }

    /// SARIF `precision` for a confidence: `high`, `medium` or `low` (the same words).
    static func precision(_ confidence: String) -> String {
        ["high", "medium", "low"].contains(confidence) ? confidence : "high"
    }

    /// GitHub's `security-severity` for a confidence or severity word.
    static func securitySeverity(_ level: String) -> String {
        switch level {
        case "critical": "9.5"
        case "high": "8.0"
        case "medium": "5.5"
        default: "3.0"
        }
    }

    /// The run's one invocation: successful unless there were scan errors, which become
    /// notifications.
    static func invocation(_ summary: ScanSummary) -> JSONValue {
        var members: [(String, JSONValue)] = [("executionSuccessful", .bool(summary.errors.isEmpty))]
        if !summary.errors.isEmpty {
            let notifications = summary.errors.map { error -> JSONValue in
                .object([("level", .string("error")), ("message", .object([("text", .string(error))]))])
            }
            members.append(("toolExecutionNotifications", .array(notifications)))
        }
        return .object(members)
    }

    /// `critical`/`high` → `error`, `medium` → `warning`, `low` → `note`.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// `values` without repeats, first occurrence kept (SARIF tags must be unique).
    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
