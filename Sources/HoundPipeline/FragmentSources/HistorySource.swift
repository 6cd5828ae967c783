import HoundEngine
import HoundInputs
import HoundModel

/// A repository's history: every unique blob reachable from its refs (or from `refs`) scanned
/// once, while git still lists them; each finding placed at every commit and path that
/// introduced its blob (``HistoryMerge``), and tagged with `repository` when one is named (a
/// sweep).
package struct HistorySource: FragmentSource {
    /// The repository (a path, resolved against the working directory).
    package var path: String
    /// Only commits reachable from these revisions (`^REV` excludes); nil: every ref.
    package var refs: [String]?
    /// Scan each blob under its oldest introduction, reading no blob before the whole log is
    /// read (when a rule or allowlist depends on the path or commit; see ``HistoryScan``).
    package var waitsForIndex: Bool
    /// The repository every finding names (a sweep), or nil.
    package var repository: RepositoryReference?

    /// The history of `path`.
    package init(path: String, refs: [String]? = nil, waitsForIndex: Bool, repository: RepositoryReference? = nil) {
        self.path = path
        self.refs = refs
        self.waitsForIndex = waitsForIndex
        self.repository = repository
    }

    package func feed(_ pipeline: inout ScanPipeline) throws {
        let repo: GitRepository
        do {
            repo = try GitRepository.discover(
                at: FilePaths.resolve(path, relativeTo: pipeline.workingDirectory), git: pipeline.git)
        } catch {
            pipeline.errors.append("\(path): \(error)")
            return
        }
        if pipeline.repositoryRoot == nil { pipeline.repositoryRoot = repo.workTree }
        var history = HistoryScan(repository: repo, refs: refs, maximumBlobSize: pipeline.maxFileSize)
        history.waitsForIndex = waitsForIndex
        var sweep: HistorySweep?
        // Read-but-unscanned blob bytes (a bigger blob still passes, alone).
        let budget = HistoryByteBudget(limit: 32 << 20)
        let progress = pipeline.observer.progress
        progress.begin(total: 0, unit: "blobs")
        do {
            let output = try ParallelScan.scan(
                workers: pipeline.workers, rules: pipeline.compiled, capacity: 64, batch: 1,
                makeLoader: {},
                scanItem: { (scanner: inout Scanner, _: Void, blob: Blob) in
                    ParallelScan.Scanned(scanner.scan(blob.fragment), bytes: blob.fragment.bytes.count, tag: blob.id)
                },
                progress: { bytes in
                    budget.release(bytes)
                    progress.advance(bytes: bytes)
                }
            ) { (push: (Blob) -> Void) throws(InputError) in
                sweep = try history.sweep { blob in
                    budget.acquire(blob.bytes.count)
                    push(Blob(fragment: blob.fragment, id: blob.objectID))
                }
            }
            if let index = sweep?.index {
                for (blob, result) in output.results {
                    // A blob no commit of the sweep introduced (an unreachable object) is not history.
                    let introductions = index.introductions(of: blob)
                    guard !introductions.isEmpty else { continue }
                    pipeline.findings += result.findings.map { place($0, at: introductions) }
                    pipeline.suppressed += result.suppressed.map { (place($0.finding, at: introductions), $0.reason) }
                }
            }
        } catch {
            pipeline.errors.append("\(path): \(error)")
        }
        guard let report = sweep?.report else { return }
        pipeline.blobsScanned += report.scannedBlobs
        pipeline.bytesScanned += report.scannedBytes
        pipeline.skippedBinary += report.binaryBlobs
        // One too-large notice per oversized blob: counted there. Missing or damaged blobs and
        // a log cut short are errors: the sweep is incomplete (exit 2), what it found stands.
        pipeline.record(report.notices + report.problems)
    }

    /// `finding` at every introduction of its blob, naming the repository when there is one.
    private func place(_ finding: Finding, at introductions: [BlobIntroduction]) -> Finding {
        var placed = HistoryMerge.locate(finding, at: introductions)
        if let repository { placed.repository = repository }
        return placed
    }

    /// A blob on its way to a worker.
    private struct Blob: Sendable {
        var fragment: Fragment
        var id: ObjectID
    }
}
