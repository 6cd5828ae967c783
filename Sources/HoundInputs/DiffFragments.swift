import HoundModel

/// The fragments of a diff-based input (staged changes, a commit range) and what was skipped.
public struct DiffFragments: Sendable {
    /// One fragment per file (per commit, for ranges) with at least one added line.
    public var fragments: [Fragment]
    /// Binary files and sections that could not be read.
    public var notices: [InputNotice]

    /// Fragments and notices from their parts.
    public init(fragments: [Fragment] = [], notices: [InputNotice] = []) {
        self.fragments = fragments
        self.notices = notices
    }
}
