import HoundInputs
import HoundModel
import HoundRules

/// History findings: one report entry per secret, with every place it was introduced.
package enum HistoryMerge {
    /// Whether scanning a blob can depend on its path or commit (a rule's `path`, an allowlist's
    /// `paths` or `commits`): then a sweep scans each blob under the commit and path that first
    /// introduced it, which means reading no blob before the whole log is read. Otherwise any
    /// introduction gives the same findings, and reading overlaps the log.
    package static func dependsOnLocation(_ ruleSet: RuleSet) -> Bool {
        let allowlists = ruleSet.allowlists + ruleSet.rules.flatMap(\.allowlists)
        return ruleSet.rules.contains { $0.path != nil }
            || allowlists.contains { !$0.paths.isEmpty || !$0.commits.isEmpty }
    }

    /// The finding placed at each commit and path that introduced its blob.
    package static func locate(_ finding: Finding, at introductions: [BlobIntroduction]) -> Finding {
        guard !introductions.isEmpty else { return finding }
        var out = finding
        let locations = introductions.map { intro in
            Location(
                path: intro.path.display, line: finding.location.line, column: finding.location.column,
                endLine: finding.location.endLine, endColumn: finding.location.endColumn, commit: intro.commit)
        }.sorted()
        out.location = locations[0]
        out.otherLocations = Array(locations.dropFirst())
        return out
    }

    /// Findings of the same rule and secret merged into one, locations sorted and deduplicated.
    package static func merge(_ findings: [Finding]) -> [Finding] {
        var order: [String] = []
        var merged: [String: Finding] = [:]
        for finding in findings {
            let id = finding.identity
            if var existing = merged[id] {
                existing.otherLocations += [finding.location] + finding.otherLocations
                merged[id] = existing
            } else {
                merged[id] = finding
                order.append(id)
            }
        }
        return order.compactMap { id in
            guard var f = merged[id] else { return nil }
            var all = Array(Set([f.location] + f.otherLocations)).sorted()
            f.location = all.removeFirst()
            f.otherLocations = all
            return f
        }.sorted()
    }
}
