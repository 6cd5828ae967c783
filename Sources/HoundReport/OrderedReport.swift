import HoundModel

/// A `ScanReport` seen in report order without copying it: the findings and suppressed findings
/// through permutations of their indices (8 bytes each; sorting a copy cost the copy plus the
/// sort's buffer, ~500 bytes per finding), each finding's other locations sorted as it is read,
/// the rules sorted by id without duplicates.
struct OrderedReport {
    /// The report as given.
    let report: ScanReport
    /// The findings in report order.
    let findings: LazyMapCollection<[Int], Finding>
    /// The suppressed findings in report order (by finding, then reason).
    let suppressed: LazyMapCollection<[Int], SuppressedFinding>
    /// The report's rules sorted by id, each id once.
    let rules: [RuleDescriptor]

    /// The view of `report`.
    init(_ report: ScanReport) {
        self.report = report
        let all = report.findings
        findings = FindingOrder.indices(of: all).lazy.map { all[$0].withSortedLocations() }
        let hidden = report.summary.suppressed
        suppressed = FindingOrder.indices(of: hidden) { ($0.finding, $0.reason) < ($1.finding, $1.reason) }.lazy.map {
            SuppressedFinding(finding: hidden[$0].finding.withSortedLocations(), reason: hidden[$0].reason)
        }
        var seen = Set<String>()
        rules = report.rules.sorted { $0.id < $1.id }.filter { seen.insert($0.id).inserted }
    }

    /// Counts, errors and side results.
    var summary: ScanSummary { report.summary }
    /// keyhound's version.
    var toolVersion: String { report.toolVersion }
}
