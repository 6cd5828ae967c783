import HoundInputs
import HoundInventory
import HoundModel
import HoundReport

/// Sweeps one repository of a list: finds or mirrors it, then runs the very pipeline of
/// `scan --history` on it (`ScanCommand.perform`) and tags every finding with the repository.
struct RepositorySweeper {
    /// The sweep command's context (its options are handed through).
    var context: CommandContext
    /// Relative paths in the list are taken from here.
    var listFolder: String
    /// Mirrors of URL repositories.
    var cache: MirrorCache
    /// Checkpoints and ref tips (`--state`).
    var state: SweepState?
    /// Scan only what is new since the tips recorded in `state` (`--since-last`).
    var sinceLast = false

    /// What sweeping one repository gave.
    struct Swept {
        /// Its findings, each carrying the repository.
        var findings: [Finding]
        /// How it went.
        var outcome: RepositoryOutcome
        /// Skipped-file counts.
        var counts: ScanSummary
        /// The inventory the scan cross-referenced (for `--on-leak`, applied once per sweep).
        var inventory: (any KeyLookup)?
    }

    /// Sweeps `target`; a repository that cannot be swept (in full) is an outcome with its reason.
    func sweep(_ target: SweepTarget) throws -> Swept {
        let reference = target.reference
        func failed(_ reason: String) -> Swept {
            Swept(findings: [], outcome: RepositoryOutcome(repository: reference, failure: reason), counts: ScanSummary())
        }
        let path: String
        if target.isURL {
            switch cache.localCopy(of: target) {
            case .success(let mirror): path = mirror
            case .failure(let failure): return failed(failure.description)
            }
        } else {
            path = FileText.resolve(target.identity, relativeTo: listFolder)
            guard FileText.exists(path) else { return failed("no such repository (\(path) does not exist)") }
            guard FileText.isDirectory(path) else { return failed("not a repository (\(path) is not a folder)") }
        }
        var arguments = context.arguments
        arguments.flags = Set(["history", "no-progress"]).union(context.arguments.flags.intersection(["no-cache"]))
        arguments.values = context.arguments.values.filter { SweepCommand.passedValues.contains($0.key) }
        var tips: [String]?
        if sinceLast, let state {
            let current = try? currentTips(path)
            tips = current
            if let current, let old = state.tips(for: target) {
                if Set(current) == Set(old) {
                    // Nothing new: no ref moved, appeared or went away.
                    return Swept(
                        findings: [], outcome: RepositoryOutcome(repository: reference), counts: ScanSummary())
                }
                // New commits: reachable from a tip now, not from a tip then. A force-pushed
                // ref's rewritten commits are not ancestors of its old tip, so they are scanned;
                // an old tip git no longer has (collected after a force push) excludes nothing.
                let kept = existingCommits(old, in: path)
                arguments.values["branch"] = current + kept.map { "^" + $0 }
            }
        }
        arguments.positionals = [path]
        var problems: [String] = []
        if let shallow = try? cache.git.run(["rev-parse", "--is-shallow-repository"], in: path), shallow.succeeded,
            shallow.stdoutText.hasPrefix("true")
        {
            problems.append("shallow clone: only part of the history could be swept")
        }
        var scanContext = context
        scanContext.arguments = arguments
        let outcome: ScanCommand.Outcome
        do {
            outcome = try ScanCommand.perform(scanContext)
        } catch let error as UsageError {
            throw error
        } catch {
            return failed(target.scrubbed("\(error)"))
        }
        problems += outcome.gathered.errors + outcome.problems
        if let tips, let state, problems.isEmpty { try state.recordTips(tips, for: target) }
        var findings = outcome.findings
        for index in findings.indices { findings[index].repository = reference }
        let gathered = outcome.gathered
        return Swept(
            findings: findings,
            outcome: RepositoryOutcome(
                repository: reference, failure: problems.isEmpty ? nil : problems.joined(separator: "; "),
                findings: findings.count, blobsScanned: gathered.blobsScanned, bytesScanned: gathered.bytesScanned),
            counts: ScanSummary(skippedBinary: gathered.skippedBinary, skippedLarge: gathered.skippedLarge),
            inventory: outcome.inventory)
    }

    /// Those of `ids` that are commits the repository at `path` still has (one git child).
    func existingCommits(_ ids: [String], in path: String) -> [String] {
        let input = Array(ids.map { $0 + "\n" }.joined().utf8)
        guard let result = try? cache.git.run(["cat-file", "--batch-check=%(objecttype)"], in: path, stdin: input),
            result.succeeded
        else { return [] }
        let types = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        return ids.indices.filter { $0 < types.count && types[$0] == "commit" }.map { ids[$0] }
    }

    /// The commits the refs of the repository at `path` point to (tags peeled), sorted, once each.
    func currentTips(_ path: String) throws -> [String] {
        let result = try cache.git.run(
            ["for-each-ref", "--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname)"], in: path)
        guard result.succeeded else { throw SweepFailure(result.stderrText) }
        var ids = Set<String>()
        for line in result.stdoutText.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            if fields.count >= 2, fields[0] == "commit" { ids.insert(fields[1]) }
            if fields.count >= 4, fields[2] == "commit" { ids.insert(fields[3]) }
        }
        return ids.sorted()
    }
}
