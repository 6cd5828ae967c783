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
        var results = report.findings.map {
            result(for: $0, ruleIndex: ruleIndex[$0.ruleID] ?? -1, options: options)
        }
        results += suppressed.map {
            result(for: $0.finding, ruleIndex: ruleIndex[$0.finding.ruleID] ?? -1, options: options, suppressedBy: $0)
        }
        let driver: JSONValue = .object([
            ("name", .string("keyhound")),
            ("version", .string(report.toolVersion)),
            ("informationUri", .string(report.informationURI)),
            ("rules", .array(rules.map(ruleObject))),
        ])
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([invocation(report.summary)])),
            ("results", .array(results)),
        ])
        let log: JSONValue = .object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
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

    /// A `reportingDescriptor`: id, name, short description, tags.
    static func ruleObject(_ rule: RuleDescriptor) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.description))])),
            ("properties", .object([("tags", .strings(unique(rule.tags)))])),
        ])
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
