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

    /// The log as pretty-printed JSON ending with a newline.
    static func render(_ report: ScanReport, options: ReportOptions) -> [UInt8] {
        let suppressed = options.showSuppressed ? report.summary.suppressed : []
        let rules = ruleDescriptors(report, including: report.findings + suppressed.map(\.finding))
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let paths = SARIFPaths(root: report.sourceRoot, workingDirectory: report.workingDirectory)
        var results = report.findings.map {
            result(for: $0, ruleIndex: ruleIndex[$0.ruleID] ?? -1, options: options, paths: paths)
        }
        results += suppressed.map {
            result(
                for: $0.finding, ruleIndex: ruleIndex[$0.finding.ruleID] ?? -1, options: options, paths: paths,
                suppressedBy: $0)
        }
        let driver: JSONValue = .object([
            ("name", .string("keyhound")),
            ("version", .string(report.toolVersion)),
            ("semanticVersion", .string(report.toolVersion)),
            ("informationUri", .string(report.informationURI)),
            ("rules", .array(rules.map(ruleObject))),
        ])
        var run: [(String, JSONValue)] = [("tool", .object([("driver", driver)]))]
        if let id = report.automationID { run.append(("automationDetails", .object([("id", .string(id))]))) }
        if let root = report.sourceRoot {
            let uri = "file://" + URIReference.percentEncoded(root.hasSuffix("/") ? root : root + "/")
            run.append(("originalUriBaseIds", .object([(srcRoot, .object([("uri", .string(uri))]))])))
        }
        run += [
            ("invocations", .array([invocation(report.summary)])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ]
        let log: JSONValue = .object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
        return log.encoded(.pretty) + [UInt8(ascii: "\n")]
    }

    /// The report's rules plus any rule a finding names that the list lacks, sorted by id.
    static func ruleDescriptors(_ report: ScanReport, including findings: [Finding]) -> [RuleDescriptor] {
        var rules = report.rules
        var known = Set(rules.map(\.id))
        for finding in findings.sorted() where known.insert(finding.ruleID).inserted {
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
