import HoundInputs
import HoundInventory
import HoundModel
import HoundReport

/// A sweep's repositories: one ``HistorySource`` per repository of a list, each finding naming
/// its repository. Each repository is found in place or mirrored (``MirrorCache``); with
/// `--since-last`, only commits new since its recorded tips are swept, and a repository whose ref
/// files did not change at all is skipped without a single git child (``RefSnapshot``).
///
/// Each repository is scanned with its own configuration (its rules, allowlists, baseline), so
/// the pipeline for one repository is set up by the caller (`scan`); what comes out is handed,
/// repository by repository, to the output stage (`emit`), so nothing of a repository need be
/// held once it is written.
package struct RepositoryListSource {
    /// The repositories, in list order.
    package var targets: [SweepTarget]
    /// Relative paths in the list are taken from here.
    package var listFolder: String
    /// Mirrors of URL repositories.
    package var cache: MirrorCache
    /// Ref tips of the last complete sweep of each repository (`--state`).
    package var tips: SweepTips?
    /// Sweep only what is new since the recorded tips (`--since-last`).
    package var sinceLast: Bool

    /// A source of `targets`.
    package init(targets: [SweepTarget], listFolder: String, cache: MirrorCache, tips: SweepTips?, sinceLast: Bool) {
        self.targets = targets
        self.listFolder = listFolder
        self.cache = cache
        self.tips = tips
        self.sinceLast = sinceLast
    }

    /// What scanning one repository's history gave (set up and run by the caller).
    package struct Scanned {
        /// Its findings (suppressed, merged, cross-referenced by the caller).
        package var findings: [Finding] = []
        /// What kept the scan from being complete (errors, files not applied); empty when none.
        package var problems: [String] = []
        /// Why the repository could not be scanned at all, when it could not.
        package var failure: String?
        /// Unique blobs and their bytes scanned.
        package var blobsScanned = 0, bytesScanned = 0
        /// Binary and too-large blobs skipped.
        package var skippedBinary = 0, skippedLarge = 0
        /// The inventory the scan cross-referenced.
        package var inventory: (any KeyLookup)?

        /// A scan result.
        package init() {}
    }

    /// One repository, swept.
    package struct Swept {
        /// The list entry.
        package var target: SweepTarget
        /// Its findings, each naming the repository.
        package var findings: [Finding]
        /// How it went.
        package var outcome: RepositoryOutcome
        /// Skipped-blob counts.
        package var counts: ScanSummary
        /// The inventory the scan cross-referenced (for `--on-leak`, applied once per sweep).
        package var inventory: (any KeyLookup)?
        /// Whether `--since-last` found nothing new (no checkpoint needed: checking again is as
        /// cheap as reading one).
        package var unchanged = false
        /// Whether it comes from a checkpoint of an earlier, interrupted sweep.
        package var resumed = false

        /// A repository swept with `findings`.
        package init(
            target: SweepTarget, findings: [Finding], outcome: RepositoryOutcome, counts: ScanSummary = ScanSummary(),
            inventory: (any KeyLookup)? = nil, unchanged: Bool = false
        ) {
            self.target = target
            self.findings = findings
            self.outcome = outcome
            self.counts = counts
            self.inventory = inventory
            self.unchanged = unchanged
        }
    }

    /// Sweeps every repository in list order. `resumed(target)` gives a repository already
    /// swept (a checkpoint), which is handed on as it is; otherwise `scan` runs the repository's
    /// history source through a pipeline set up for it. `emit` gets each repository once done.
    package func sweep(
        resumed: (SweepTarget) -> Swept?, scan: (HistorySource) throws -> Scanned, emit: (Swept) throws -> Void
    ) throws {
        for target in targets {
            if let done = resumed(target) {
                try emit(done)
                continue
            }
            try emit(try sweep(target, scan: scan))
        }
    }

    /// Sweeps `target`; a repository that cannot be swept (in full) is an outcome with its reason.
    package func sweep(_ target: SweepTarget, scan: (HistorySource) throws -> Scanned) throws -> Swept {
        let reference = target.reference
        func failed(_ reason: String) -> Swept {
            Swept(target: target, findings: [], outcome: RepositoryOutcome(repository: reference, failure: reason))
        }
        let path: String
        if target.isURL {
            switch cache.localCopy(of: target) {
            case .success(let mirror): path = mirror
            case .failure(let failure): return failed(failure.description)
            }
        } else {
            path = FilePaths.resolve(target.identity, relativeTo: listFolder)
            guard FilePaths.exists(path) else { return failed("no such repository (\(path) does not exist)") }
            guard FilePaths.isDirectory(path) else { return failed("not a repository (\(path) is not a folder)") }
        }
        var refs: [String]?
        var current: [String]?
        var snapshot: RefSnapshot?
        if sinceLast, let tips {
            // Read before git lists the tips: a ref moving in between is seen next time.
            snapshot = RefSnapshot.read(repository: path)
            if tips.refsUnchanged(snapshot, for: target) {
                // The ref files are as they were: nothing is new, and no git child is needed.
                return Swept(target: target, findings: [], outcome: RepositoryOutcome(repository: reference), unchanged: true)
            }
            current = try? currentTips(path)
            if let current, let old = tips.tips(for: target) {
                if Set(current) == Set(old) {
                    // Nothing new: no ref moved, appeared or went away (the files changed all
                    // the same, say a repack): remember them, so the next sweep need not ask git.
                    try? tips.recordRefs(snapshot, for: target)
                    return Swept(
                        target: target, findings: [], outcome: RepositoryOutcome(repository: reference), unchanged: true)
                }
                // New commits: reachable from a tip now, not from a tip then. A force-pushed
                // ref's rewritten commits are not ancestors of its old tip, so they are scanned;
                // an old tip git no longer has (collected after a force push) excludes nothing.
                refs = current + existingCommits(old, in: path).map { "^" + $0 }
            }
        }
        var problems: [String] = []
        if let shallow = try? cache.git.run(["rev-parse", "--is-shallow-repository"], in: path), shallow.succeeded,
            shallow.stdoutText.hasPrefix("true")
        {
            problems.append("shallow clone: only part of the history could be swept")
        }
        let scanned = try scan(HistorySource(path: path, refs: refs, waitsForIndex: false, repository: reference))
        if let failure = scanned.failure { return failed(target.scrubbed(failure)) }
        problems += scanned.problems
        if let current, let tips, problems.isEmpty { try tips.record(current, refs: snapshot, for: target) }
        var findings = scanned.findings
        for index in findings.indices { findings[index].repository = reference }
        return Swept(
            target: target, findings: findings,
            outcome: RepositoryOutcome(
                repository: reference, failure: problems.isEmpty ? nil : problems.joined(separator: "; "),
                findings: findings.count, blobsScanned: scanned.blobsScanned, bytesScanned: scanned.bytesScanned),
            counts: ScanSummary(skippedBinary: scanned.skippedBinary, skippedLarge: scanned.skippedLarge),
            inventory: scanned.inventory)
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
