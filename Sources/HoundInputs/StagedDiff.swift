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

    /// `git diff --cached` with the options our parser reads.
    static let arguments = ["diff", "--cached"] + DiffStream.patchOptions

    /// Each staged file's added lines (`prefetched`: the early diff's, when it succeeded).
    public func patches(prefetched: StagedPrefetch? = nil) throws(InputError) -> [FilePatch] {
        guard repository.hasWorkTree else {
            guard repository.isBareRepository else { throw .outsideWorkTree(repository.gitDirectory) }
            throw .notARepository(repository.gitDirectory + " (bare: nothing is staged)")
        }
        if let early = prefetched?.stagedPatches() { return early }
        do {
            return try Self.collect(git: repository.git, directory: repository.directory, arguments: Self.arguments + ["--"])
        } catch {
            // Old gits cannot diff an unborn HEAD: compare with the empty tree instead.
            guard case .gitFailed = error, try repository.resolveCommit("HEAD") == nil else { throw error }
            return try Self.collect(
                git: repository.git, directory: repository.directory,
                arguments: Self.arguments + [try repository.emptyTree(), "--"])
        }
    }

    /// The staged added lines as fragments (provenance `.staged`).
    public func fragments(prefetched: StagedPrefetch? = nil) throws(InputError) -> DiffFragments {
        var result = DiffFragments()
        for patch in try patches(prefetched: prefetched) {
            let (fragment, notice) = DiffStream.fragment(for: patch, provenance: .staged)
            if let fragment { result.fragments.append(fragment) }
            if let notice { result.notices.append(notice) }
        }
        return result
    }

    /// Runs `git <arguments>` in `directory` and parses its patches; a failing git is thrown.
    static func collect(git: GitTool, directory: String, arguments: [String]) throws(InputError) -> [FilePatch] {
        var patches: [FilePatch] = []
        var stream = DiffStream()
        let result = try git.stream(arguments, in: directory) { chunk in
            stream.feed(chunk) { patch, _ in patches.append(patch) }
            return .proceed
        }
        guard result.succeeded else {
            throw .gitFailed(command: GitTool.display(arguments), status: result.status, message: result.stderrText)
        }
        stream.finish { patch, _ in patches.append(patch) }
        return patches
    }
}
