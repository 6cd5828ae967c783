/// A commit a finding is attributed to.
public struct CommitInfo: Hashable, Sendable, Codable {
    /// The full object id.
    public var id: String
    /// Author name.
    public var author: String
    /// Author email.
    public var email: String
    /// Author date, ISO 8601 (`2026-11-22T10:00:00Z` or with an offset).
    public var date: String
    /// The first line of the message.
    public var summary: String

    /// A commit from its parts.
    public init(id: String, author: String, email: String, date: String, summary: String) {
        self.id = id
        self.author = author
        self.email = email
        self.date = date
        self.summary = summary
    }
}

/// Where a fragment's bytes came from.
public enum Provenance: Hashable, Sendable {
    /// A file in the working tree (or a directory walk).
    case file
    /// Standard input.
    case stdin
    /// Lines added in the staged diff.
    case staged
    /// Lines added by a commit of a range scan.
    case commit(CommitInfo)
    /// A blob of a history sweep; the commits that introduced it are attached to its findings.
    case blob(objectID: String, commits: [CommitInfo])

    /// A short word for reports: `file`, `stdin`, `staged`, `commit`, `history`.
    public var kind: String {
        switch self {
        case .file: "file"
        case .stdin: "stdin"
        case .staged: "staged"
        case .commit: "commit"
        case .blob: "history"
        }
    }
}
