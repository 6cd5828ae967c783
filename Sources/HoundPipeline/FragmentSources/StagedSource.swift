import HoundInputs

/// The staged diff: only the lines it adds, numbered as in the new file (what the pre-commit
/// hook scans).
package struct StagedSource: FragmentSource {
    /// git's answers when the process asked for them early (the hook's latency is mostly git's).
    package var prefetched: StagedPrefetch?

    /// The staged diff, from `prefetched` when given, else asked of git now.
    package init(prefetched: StagedPrefetch? = nil) { self.prefetched = prefetched }

    package func feed(_ pipeline: inout ScanPipeline) throws {
        let repository: GitRepository
        do {
            repository = try prefetched?.discovered() ?? GitRepository.discover(at: pipeline.workingDirectory, git: pipeline.git)
        } catch {
            throw SourceError("\(error)")
        }
        pipeline.repositoryRoot = repository.workTree
        let diff: DiffFragments
        do {
            diff = try StagedDiff(repository: repository).fragments(prefetched: prefetched)
        } catch {
            throw SourceError("\(error)")
        }
        pipeline.record(diff.notices)
        pipeline.scan(diff.fragments)
    }
}
