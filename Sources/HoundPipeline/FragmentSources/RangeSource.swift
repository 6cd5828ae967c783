import HoundInputs
import HoundSupport

/// The lines added by commits: a range (`--diff A..B`, `--since REF`) or a list of commit ids
/// (`--commits FILE`), each attributed to its commit.
package struct RangeSource: FragmentSource {
    /// Which commits.
    package enum Commits: Sendable {
        /// `A..B`, `A...B` or one revision.
        case range(String)
        /// Commit ids, each diffed against its parent (a root commit against the empty tree).
        case listed([String])
    }

    /// Which commits.
    package var commits: Commits

    /// The lines added by `commits`.
    package init(_ commits: Commits) { self.commits = commits }

    /// The ids of a commit list: separated by line ends or spaces.
    package static func ids(in bytes: [UInt8]) -> [String] {
        bytes.split(whereSeparator: { $0 == 0x0a || $0 == 0x0d || $0 == 0x20 }).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    package func feed(_ pipeline: inout ScanPipeline) throws {
        let repository: GitRepository
        do {
            repository = try GitRepository.discover(at: pipeline.workingDirectory, git: pipeline.git)
        } catch {
            throw SourceError("\(error)")
        }
        pipeline.repositoryRoot = repository.workTree
        var all = DiffFragments()
        switch commits {
        case .range(let range):
            do {
                all = try CommitRange(repository: repository, range: range).fragments()
            } catch {
                throw SourceError("\(error)")
            }
        case .listed(let ids):
            for id in Set(ids).sorted() {
                do {
                    let one = try CommitRange(repository: repository, range: "\(id)^!").fragments()
                    all.fragments += one.fragments
                    all.notices += one.notices
                } catch {
                    // A root commit has no parent: diff it against the empty tree.
                    do {
                        let root = try CommitRange(repository: repository, range: id).fragments()
                        all.fragments += root.fragments
                        all.notices += root.notices
                    } catch {
                        // The other commits are still scanned and reported; this one is named (exit 2).
                        pipeline.errors.append(
                            "commit \(id.count <= 64 ? id : Redaction.excerpt(id)): \(Self.commitProblem(error))")
                    }
                }
            }
        }
        pipeline.record(all.notices)
        pipeline.scan(all.fragments)
    }

    /// What went wrong with one listed commit: an id git does not know, or git's message.
    static func commitProblem(_ error: any Error) -> String {
        if let input = error as? InputError {
            if case .badRevision = input { return "not a commit of this repository" }
            if case .gitFailed(_, _, let message) = input,
                message.contains("bad object") || message.contains("bad revision") || message.contains("unknown revision")
            {
                return "not a commit of this repository"
            }
        }
        return "\(error)"
    }
}
