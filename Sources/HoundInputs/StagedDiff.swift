import HoundModel

/// The lines added by the changes staged for the next commit: what the pre-commit hook scans.
///
/// Runs `git diff --cached -U0` against `HEAD` (the empty tree in a repository with no commit
/// yet) and keeps only added lines, numbered as in the new file. Renamed files contribute only
/// their edited lines, deleted files nothing, binary files a notice. Inside a hook the
/// inherited `GIT_INDEX_FILE` is honoured, so `git commit -a` and `git commit <path>` are
/// scanned as they will be committed.
public struct StagedDiff: Sendable {
    /// The repository whose index is read.
    public var repository: GitRepository

    /// The staged changes of `repository`.
    public init(repository: GitRepository) {
        self.repository = repository
    }

    /// Each staged file's added lines.
    public func patches() throws(InputError) -> [FilePatch] {
        guard !repository.isBare else { throw .notARepository(repository.gitDirectory + " (bare: nothing is staged)") }
        var patches: [FilePatch] = []
        let base = ["diff", "--cached"] + DiffStream.patchOptions
        do {
            try collect(base + ["--"], into: &patches)
        } catch {
            // Old gits cannot diff an unborn HEAD: compare with the empty tree instead.
            guard case .gitFailed = error, try repository.resolveCommit("HEAD") == nil else { throw error }
            patches.removeAll()
            try collect(base + [try repository.emptyTree(), "--"], into: &patches)
        }
        return patches
    }

    /// The staged added lines as fragments (provenance `.staged`).
    public func fragments() throws(InputError) -> DiffFragments {
        var result = DiffFragments()
        for patch in try patches() {
            let (fragment, notice) = DiffStream.fragment(for: patch, provenance: .staged)
            if let fragment { result.fragments.append(fragment) }
            if let notice { result.notices.append(notice) }
        }
        return result
    }

    private func collect(_ arguments: [String], into patches: inout [FilePatch]) throws(InputError) {
        var stream = DiffStream()
        try repository.stream(arguments) { chunk in
            stream.feed(chunk) { patch, _ in patches.append(patch) }
            return .proceed
        }
        stream.finish { patch, _ in patches.append(patch) }
    }
}
