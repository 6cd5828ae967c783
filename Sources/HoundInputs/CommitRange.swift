import HoundModel

/// The lines added by each commit of a range: what CI scans for a pull request.
///
/// `A..B` is the commits reachable from `B` and not from `A`. `A...B` is read the same way
/// (as `git diff A...B` would: the commits `B` added since it forked from `A`), not as `git
/// log`'s symmetric difference, which would also scan the base branch's new commits. Each file
/// of each commit becomes one fragment with provenance `.commit`. Merge commits contribute no
/// lines of their own (their parents' commits are in the range).
public struct CommitRange: Sendable {
    /// The repository.
    public var repository: GitRepository
    /// The range as the user wrote it.
    public var range: String

    /// The commits of `range` (`A..B`, `A...B`, or a single revision meaning all its history).
    public init(repository: GitRepository, range: String) {
        self.repository = repository
        self.range = range
    }

    /// The commits since `reference`: `reference..HEAD`.
    public static func since(_ reference: String, in repository: GitRepository) -> CommitRange {
        CommitRange(repository: repository, range: reference + "..HEAD")
    }

    /// The revision arguments handed to `git log`.
    public var revisions: [String] {
        let bytes = Array(range.utf8)
        let dots = Array("...".utf8)
        guard let start = (0..<max(0, bytes.count - 2)).first(where: { bytes[$0..<($0 + 3)].elementsEqual(dots) })
        else { return [range] }
        let base = String(decoding: bytes[..<start], as: UTF8.self)
        let tip = String(decoding: bytes[(start + 3)...], as: UTF8.self)
        return [(base.isEmpty ? "HEAD" : base) + ".." + (tip.isEmpty ? "HEAD" : tip)]
    }

    /// Calls `body` with each commit's added lines per file, newest commit first; returns the
    /// notices (binary files).
    @discardableResult
    public func forEachFragment(_ body: (Fragment) -> Void) throws(InputError) -> [InputNotice] {
        var notices: [InputNotice] = []
        let arguments =
            ["log", DiffStream.commitFormat, "--diff-merges=off", "--no-show-signature"] + DiffStream.patchOptions
            + ["--end-of-options"] + revisions + ["--"]
        var stream = DiffStream()
        func deliver(_ patch: FilePatch, _ commit: CommitInfo?) {
            guard let commit else { return }
            let (fragment, notice) = DiffStream.fragment(for: patch, provenance: .commit(commit))
            if let fragment { body(fragment) }
            if var notice {
                notice.subject = (notice.subject ?? "") + " @ " + String(commit.id.prefix(12))
                notices.append(notice)
            }
        }
        do {
            try repository.stream(arguments) { chunk in
                stream.feed(chunk, deliver)
                return .proceed
            }
        } catch {
            if case .gitFailed(_, _, let message) = error, Self.isBadRevision(message) {
                throw .badRevision(range, message: message)
            }
            throw error
        }
        stream.finish(deliver)
        return notices
    }

    /// All fragments of the range at once.
    public func fragments() throws(InputError) -> DiffFragments {
        var fragments: [Fragment] = []
        let notices = try forEachFragment { fragments.append($0) }
        return DiffFragments(fragments: fragments, notices: notices)
    }

    private static func isBadRevision(_ message: String) -> Bool {
        message.contains("unknown revision") || message.contains("bad revision")
            || message.contains("ambiguous argument")
            || message.contains("Invalid revision range") || message.contains("invalid revision")
    }
}
