import HoundModel

/// A commit and path that brought a blob into the history.
public struct BlobIntroduction: Sendable, Hashable {
    /// The commit whose diff added or changed the file to this blob.
    public var commit: CommitInfo
    /// The file's path in that commit.
    public var path: RawPath

    /// An introduction from its parts.
    public init(commit: CommitInfo, path: RawPath) {
        self.commit = commit
        self.path = path
    }
}

/// One unique blob of a history sweep, with every commit and path that introduced it.
///
/// Scan ``bytes`` once; a finding in it belongs to every introduction (report the first as the
/// location, the rest as other locations).
public struct HistoryBlob: Sendable {
    /// The blob's object id.
    public var objectID: String
    /// The blob's content.
    public var bytes: [UInt8]
    /// Commits and paths that introduced the blob, oldest first (never empty).
    public var introductions: [BlobIntroduction]

    /// A blob from its parts.
    public init(objectID: String, bytes: [UInt8], introductions: [BlobIntroduction]) {
        self.objectID = objectID
        self.bytes = bytes
        self.introductions = introductions
    }

    /// The path of the oldest introduction.
    public var path: RawPath { introductions.first?.path ?? RawPath("") }

    /// The blob as a fragment: the oldest introduction's path, provenance `.blob` with the
    /// introducing commits (each once, oldest first).
    public var fragment: Fragment {
        var seen = Set<String>()
        let commits = introductions.map(\.commit).filter { seen.insert($0.id).inserted }
        return Fragment(path: path.display, bytes: bytes, provenance: .blob(objectID: objectID, commits: commits))
    }
}
