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

/// One unique blob of a history sweep, as it is read.
///
/// Scan ``bytes`` once; a finding in it belongs to every commit and path that introduced the
/// blob, which the sweep's ``HistoryIndex`` lists once the log is read
/// (``HistoryIndex/introductions(of:)``). A blob no commit of the sweep introduced (an
/// unreachable object read before the log was done) has none: its findings are dropped.
public struct HistoryBlob: Sendable {
    /// The blob's object id.
    public var objectID: ObjectID
    /// The blob's content.
    public var bytes: [UInt8]
    /// The commit and path that first introduced the blob when the sweep waited for the whole
    /// log (``HistoryScan/waitsForIndex``); nil when the blob was read while the log ran.
    public var introduction: BlobIntroduction?

    /// A blob from its parts.
    public init(objectID: ObjectID, bytes: [UInt8], introduction: BlobIntroduction?) {
        self.objectID = objectID
        self.bytes = bytes
        self.introduction = introduction
    }

    /// The blob as a fragment: the introduction's path and provenance `.blob` with its commit
    /// (no path and no commit without one: the findings are placed from the index afterwards).
    public var fragment: Fragment {
        Fragment(
            path: introduction?.path.display ?? "", bytes: bytes,
            provenance: .blob(objectID: objectID.description, commits: introduction.map { [$0.commit] } ?? []))
    }
}
