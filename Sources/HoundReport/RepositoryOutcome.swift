import HoundJSON
import HoundModel

/// How one repository of a sweep went: scanned, or failed and why (its findings still count).
public struct RepositoryOutcome: Sendable, Equatable {
    /// The repository.
    public var repository: RepositoryReference
    /// Why it could not be scanned in full, or nil when it was.
    public var failure: String?
    /// Findings reported for it.
    public var findings: Int
    /// Unique blobs read.
    public var blobsScanned: Int
    /// Bytes scanned.
    public var bytesScanned: Int

    /// An outcome from its parts.
    public init(
        repository: RepositoryReference, failure: String? = nil, findings: Int = 0, blobsScanned: Int = 0,
        bytesScanned: Int = 0
    ) {
        self.repository = repository
        self.failure = failure
        self.findings = findings
        self.blobsScanned = blobsScanned
        self.bytesScanned = bytesScanned
    }

    /// `{name, location, status ("scanned" or "failed"), reason, findings, blobs_scanned, bytes_scanned}`.
    var jsonObject: JSONValue {
        .object([
            ("name", .string(repository.name)),
            ("location", .string(repository.location)),
            ("status", .string(failure == nil ? "scanned" : "failed")),
            ("reason", .optional(failure)),
            ("findings", .int(findings)),
            ("blobs_scanned", .int(blobsScanned)),
            ("bytes_scanned", .int(bytesScanned)),
        ])
    }
}
