/// Counts and side results of a scan, shown after the findings.
public struct ScanSummary: Sendable {
    /// Files read from a working tree, the index or a diff.
    public var filesScanned: Int
    /// Git blobs read by a history sweep.
    public var blobsScanned: Int
    /// Bytes scanned in all.
    public var bytesScanned: Int
    /// Wall-clock seconds the scan took.
    public var seconds: Double
    /// Files skipped because they looked binary.
    public var skippedBinary: Int
    /// Files skipped because they were over the size limit.
    public var skippedLarge: Int
    /// Per-input errors, each `path: message`; the scan went on without those inputs.
    public var errors: [String]
    /// Findings removed by suppression, listed with `showSuppressed` and always counted.
    public var suppressed: [SuppressedFinding]

    /// A summary from its parts; everything not given is zero or empty.
    public init(
        filesScanned: Int = 0, blobsScanned: Int = 0, bytesScanned: Int = 0, seconds: Double = 0,
        skippedBinary: Int = 0, skippedLarge: Int = 0, errors: [String] = [], suppressed: [SuppressedFinding] = []
    ) {
        self.filesScanned = filesScanned
        self.blobsScanned = blobsScanned
        self.bytesScanned = bytesScanned
        self.seconds = seconds
        self.skippedBinary = skippedBinary
        self.skippedLarge = skippedLarge
        self.errors = errors
        self.suppressed = suppressed
    }
}
