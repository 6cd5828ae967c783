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
    /// Blobs the history names but the repository lacks.
    public var missingBlobs = 0
    /// Notices (shallow clone, missing objects, oversized blobs).
    public var notices: [InputNotice] = []

    /// An empty report.
    public init() {}
}
