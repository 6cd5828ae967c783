/// What a history sweep covered and skipped.
public struct HistoryReport: Sendable {
    /// Commits read.
    public var commits = 0
    /// Distinct blobs introduced by those commits.
    public var uniqueBlobs = 0
    /// Blobs handed to the caller.
    public var scannedBlobs = 0
    /// Their total size in bytes.
    public var scannedBytes = 0
    /// Blobs skipped as binary.
    public var binaryBlobs = 0
    /// Blobs skipped for size.
    public var oversizedBlobs = 0
    /// Blobs the history names but the repository lacks, or holds damaged.
    public var missingBlobs = 0
    /// Notices: a shallow clone, oversized blobs (the sweep is complete despite them).
    public var notices: [InputNotice] = []
    /// Problems that leave the sweep incomplete (exit status 2), each naming what could not be
    /// read: missing or corrupt blobs with their paths, a log that stopped early.
    public var problems: [InputNotice] = []

    /// An empty report.
    public init() {}
}
