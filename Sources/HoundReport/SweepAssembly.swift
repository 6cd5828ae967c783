import HoundModel

/// Puts a sweep's report together from its repositories' findings and outcomes, whether they
/// come from one process or from shard reports read back: the same input gives the same report,
/// finding for finding.
public enum SweepAssembly {
    /// The report: repositories in order of name and location, each finding told in how many
    /// other repositories the same secret (rule and fingerprint) appears, findings sorted.
    public static func report(
        findings: [Finding], repositories: [RepositoryOutcome], seconds: Double, toolVersion: String,
        extraErrors: [String] = [], counts: ScanSummary = ScanSummary()
    ) -> ScanReport {
        var seen = Set<RepositoryReference>()
        let outcomes = repositories.sorted { $0.repository < $1.repository }.filter { seen.insert($0.repository).inserted }
        var places: [String: Set<RepositoryReference>] = [:]
        for finding in findings {
            if let repository = finding.repository { places[finding.identity, default: []].insert(repository) }
        }
        var all = findings
        for index in all.indices where all[index].repository != nil {
            all[index].alsoInRepositories = max(0, (places[all[index].identity]?.count ?? 1) - 1)
        }
        all.sort()
        let failures = outcomes.compactMap { outcome in
            outcome.failure.map { "\(outcome.repository.name) (\(outcome.repository.location)): \($0)" }
        }
        var summary = counts
        summary.seconds = seconds
        summary.blobsScanned = outcomes.reduce(0) { $0 + $1.blobsScanned }
        summary.bytesScanned = outcomes.reduce(0) { $0 + $1.bytesScanned }
        summary.errors = failures + extraErrors
        var report = ScanReport(findings: all, summary: summary, toolVersion: toolVersion)
        report.repositories = outcomes
        return report
    }
}
