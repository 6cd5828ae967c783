import HoundModel

/// Everything a report shows: the findings, the summary, and who produced them.
public struct ScanReport: Sendable {
    /// The findings that survived suppression, in any order (reports sort them).
    public var findings: [Finding]
    /// Counts, errors and suppressed findings.
    public var summary: ScanSummary
    /// keyhound's version, written to JSON and SARIF.
    public var toolVersion: String
    /// The rules of the scan's rule set, for SARIF `tool.driver.rules`. Rules that findings name
    /// but this list lacks are added from the findings.
    public var rules: [RuleDescriptor]
    /// Where to read about keyhound; SARIF `tool.driver.informationUri` (an absolute URI).
    public var informationURI: String
    /// A sweep's repositories and how each went (empty outside sweeps).
    public var repositories: [RepositoryOutcome] = []

    /// The repository root (absolute), for SARIF paths relative to `%SRCROOT%`.
    public var sourceRoot: String?
    /// The folder the findings' relative paths are relative to (absolute).
    public var workingDirectory: String?
    /// SARIF `automationDetails.id`: which analysis this run is (`keyhound/staged/`...).
    public var automationID: String?

    /// The default `informationURI`.
    public static let defaultInformationURI = "https://github.com/keyhound/keyhound"

    /// A report from its parts.
    public init(
        findings: [Finding], summary: ScanSummary, toolVersion: String, rules: [RuleDescriptor] = [],
        informationURI: String = ScanReport.defaultInformationURI
    ) {
        self.findings = findings
        self.summary = summary
        self.toolVersion = toolVersion
        self.rules = rules
        self.informationURI = informationURI
    }

    /// The same report in report order, as a copy (the HTML page, built from a report read back;
    /// the streamed formats read an `OrderedReport` instead).
    func sorted() -> ScanReport {
        let ordered = OrderedReport(self)
        var copy = self
        copy.findings = Array(ordered.findings)
        copy.summary.suppressed = Array(ordered.suppressed)
        copy.rules = ordered.rules
        return copy
    }

    /// How many findings there are at each severity, highest first, leaving out zeros.
    var severityCounts: [(Severity, Int)] {
        Severity.allCases.reversed().compactMap { severity in
            let count = findings.count(where: { $0.severity == severity })
            return count > 0 ? (severity, count) : nil
        }
    }
}

extension Finding {
    /// The finding with its other locations in report order.
    func withSortedLocations() -> Finding {
        var copy = self
        copy.otherLocations.sort()
        return copy
    }
}
