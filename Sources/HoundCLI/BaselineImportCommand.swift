import HoundInventory
import HoundJSON
import HoundModel
import HoundPipeline
import HoundSupport

/// `keyhound baseline import REPORT`: a gitleaks JSON report or a detect-secrets baseline becomes
/// a keyhound baseline.
enum BaselineImportCommand: Command {
    static let spec = CommandSpec(
        name: "baseline import", summary: "Turn a gitleaks JSON report or a detect-secrets baseline into a keyhound baseline.",
        usage: "baseline import REPORT [PATH...] [--output FILE] [--reason TEXT] [scan options]",
        options: BaselineFiles.scanOptions + [
            .init(name: "output", value: "FILE", help: "Where to write (default: the baseline scans apply; entries already there are kept).", short: "o"),
            .init(name: "reason", value: "TEXT", help: "Reason recorded on imported entries (default: where they came from)."),
            .init(name: "format", value: "FORMAT", help: "text (default) or json: what was imported and what was not.", short: "f", choices: CommandSpec.Option.textOrJSON),
        ],
        positionals: "REPORT [PATH...]",
        discussion: """
            Neither report holds keyhound's identities, so keyhound scans (PATH, default the
            current folder; --history for a history report) and accepts each of its findings that
            the report names: by the secret itself when the gitleaks report is unredacted, by
            detect-secrets' SHA-1 of it, else by file and line (and rule, through the gitleaks
            aliases). Report entries keyhound does not find are listed, never silently dropped.
            The secret is never written or printed. Exit status: 0 imported, 2 the report could
            not be read or the scan could not complete.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        guard let reportPath = context.arguments.positionals.first else {
            throw UsageError(message: "which report? keyhound baseline import REPORT", command: spec.name)
        }
        let format = context.arguments.value("format") ?? "text"
        guard format == "text" || format == "json" else {
            throw UsageError(message: "unknown format '\(format)': use text or json", command: spec.name)
        }
        let report: ImportedReport
        do {
            report = try ImportedReport.load(path: FileText.resolve(reportPath, relativeTo: context.workingDirectory))
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        var scanContext = context
        scanContext.arguments.positionals.removeFirst()
        let outcome = try ScanCommand.perform(scanContext, applyIdentitySuppression: false, crossReference: false)
        let matcher = ImportMatcher(
            findings: outcome.findings, aliases: outcome.loaded.ruleSet.rules.reduce(into: [:]) { $0[$1.id] = $1.aliases },
            pathForms: { path in SuppressionFiles(root: BaselineFiles.root(context, outcome), workingDirectory: context.workingDirectory).pathForms(path) })
        var accepted: [Finding] = []
        var missing: [ImportedReport.Entry] = []
        for entry in report.entries {
            let found = matcher.findings(for: entry)
            if found.isEmpty { missing.append(entry) } else { accepted += found }
        }
        let target = BaselineFiles.target(scanContext, outcome: outcome)
        let previous = try? Baseline.loadIfPresent(path: target)
        let salt = previous.flatMap { $0.version >= 2 ? $0.salt : nil } ?? Baseline.newSalt()
        let reason = context.arguments.value("reason") ?? "imported from a \(report.kind.rawValue)"
        let imported = Baseline(findings: accepted, reason: reason, salt: salt)
        let merged = Baseline(entries: (previous?.version ?? 0) >= 2 ? previous!.entries + imported.entries : imported.entries, salt: salt)
        try BaselineFiles.write(merged, to: target)
        let status = BaselineFiles.reportErrors(outcome, context)
        let shownTarget = BaselineFiles.shown(target, context)
        if format == "json" {
            let notFound = missing.map { entry -> JSONValue in
                .object([("rule", .string(entry.rule)), ("file", .string(entry.file)), ("line", entry.line.map { .int($0) } ?? .null)])
            }
            let summary: JSONValue = .object([
                ("report", .string(report.kind.rawValue)), ("entries", .int(report.entries.count)),
                ("imported", .int(report.entries.count - missing.count)), ("baseline", .string(shownTarget)),
                ("baseline_entries", .int(merged.entries.count)), ("not_found", .array(notFound)),
            ])
            context.console.out(summary.encodedText(.inline) + "\n")
        } else {
            for entry in missing {
                context.console.out(
                    "not found by keyhound: \(entry.file)\(entry.line.map { ":\($0)" } ?? "") (\(entry.rule))\n")
            }
            context.console.out(
                "keyhound: imported \(report.entries.count - missing.count) of \(Plural.count(report.entries.count, "entry", "entries")) "
                    + "from the \(report.kind.rawValue) into \(shownTarget) (\(Plural.count(merged.entries.count, "entry", "entries")))\n")
        }
        return status
    }
}

/// Finds the keyhound findings a report entry names.
struct ImportMatcher {
    let findings: [Finding]
    let aliases: [String: [String]]
    let pathForms: (String) -> [String]

    /// By secret (an unredacted gitleaks report), by SHA-1 (detect-secrets), else by file, line
    /// and, when the rule is one keyhound knows by that name, rule.
    func findings(for entry: ImportedReport.Entry) -> [Finding] {
        if let secret = entry.secret {
            return findings.filter { $0.secret == secret }
        }
        if let sha1 = entry.sha1 {
            let byHash = findings.filter { SHA1.hash($0.secret) == sha1 }
            if !byHash.isEmpty { return byHash }
        }
        guard let line = entry.line else { return [] }
        let atPlace = findings.filter { finding in
            ([finding.location] + finding.otherLocations).contains { location in
                location.line == line && pathForms(location.path).contains(entry.file)
                    && (entry.commit == nil || location.commit?.id == entry.commit)
            }
        }
        let sameRule = atPlace.filter { $0.ruleID == entry.rule || aliases[$0.ruleID]?.contains(entry.rule) == true }
        return sameRule.isEmpty ? atPlace : sameRule
    }
}
