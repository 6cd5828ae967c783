import HoundModel
import HoundSupport

/// A sweep of a repository's history that reads every unique blob once.
///
/// Three git children, none of which diffs file contents:
/// 1. `git log --raw -c` over the revisions (all refs by default) maps each blob to the commits
///    and paths that introduced it (``HistoryIndex``);
/// 2. `git cat-file --batch-all-objects --batch-check --unordered` lists the objects present in
///    pack order with their sizes, so oversized blobs are skipped unread, missing ones noticed,
///    and reads follow the packs;
/// 3. `git cat-file --batch` streams the chosen blobs' contents to the caller, one at a time,
///    so memory stays bounded by the index plus the largest blob.
///
/// Works on bare repositories and mirrors. A shallow clone is scanned as far as it goes, with a
/// notice; blobs missing from a partial clone are counted, never fetched.
public struct HistoryScan: Sendable {
    /// The order blobs are read in.
    public enum Order: String, Sendable {
        /// Pack order (`--unordered`): sequential reads, delta bases close by.
        case pack
        /// Sorted by object id: no listing pass, random access into the packs.
        case objectID = "object-id"
    }

    /// The repository.
    public var repository: GitRepository
    /// The refs or revisions whose history is swept; nil sweeps every ref (`--all`).
    public var refs: [String]?
    /// Blobs above this many bytes are skipped.
    public var maximumBlobSize: Int
    /// How many leading bytes are checked for a NUL.
    public var binaryProbeLength = 8000
    /// The read order.
    public var order: Order = .pack

    /// A sweep of the history of `refs` (every ref when nil), skipping blobs above
    /// `maximumBlobSize`.
    public init(repository: GitRepository, refs: [String]? = nil, maximumBlobSize: Int = 10 << 20) {
        self.repository = repository
        self.refs = refs
        self.maximumBlobSize = maximumBlobSize
    }

    /// Step 1 alone: which commits and paths introduced each blob.
    public func index() throws(InputError) -> HistoryIndex {
        var parser = HistoryIndex.Parser()
        do {
            try repository.stream(HistoryIndex.logArguments(refs: refs)) { chunk in
                parser.feed(chunk)
                return .proceed
            }
        } catch {
            // An empty repository has no HEAD to log: that is an empty history.
            if case .gitFailed(_, _, let message) = error, message.contains("does not have any commits") {
                return HistoryIndex()
            }
            throw error
        }
        return parser.finish()
    }

    /// Calls `body` with each unique, non-binary blob within the size limit, with its
    /// introductions; returns what was covered and skipped.
    @discardableResult
    public func forEachBlob(_ body: (HistoryBlob) -> Void) throws(InputError) -> HistoryReport {
        var report = HistoryReport()
        if repository.isShallow {
            report.notices.append(
                InputNotice(
                    .shallowHistory, subject: repository.directory,
                    message: "shallow clone: history before the shallow boundary was not scanned, "
                        + "and blobs of the boundary commits are attributed to them"))
        }
        let index = try index()
        report.commits = index.commitCount
        report.uniqueBlobs = index.blobCount
        guard index.blobCount > 0 else { return report }

        let request = try blobsToRead(index, &report)
        var parser = CatFileBatchParser()
        let probe = binaryProbeLength
        try repository.stream(["cat-file", "--batch"], stdin: request) { chunk in
            parser.feed(chunk) { object in
                switch object {
                case .found(let id, _, let raw):
                    // UTF-16 with a byte-order mark is scanned as UTF-8 (see `UTF16Text`).
                    let content = UTF16Text.utf8(fromBOM: raw, probe: probe) ?? raw
                    let probed = content.prefix(probe)
                    if probed.contains(0) {
                        report.binaryBlobs += 1
                        return
                    }
                    report.scannedBlobs += 1
                    report.scannedBytes += content.count
                    body(
                        HistoryBlob(
                            objectID: id.description, bytes: content, introductions: index.introductions(of: id)))
                case .missing(let id):
                    report.missingBlobs += 1
                    report.notices.append(
                        InputNotice(
                            .missingObject, subject: String(decoding: id, as: UTF8.self),
                            message: "blob not in the repository"))
                case .malformed(let header):
                    report.notices.append(
                        InputNotice(
                            .missingObject, message: "unreadable cat-file header: " + PathDisplay.escape(header)))
                }
            }
            return .proceed
        }
        return report
    }

    /// The `cat-file --batch` request (one id per line, in read order) for the blobs to read;
    /// counts oversized and missing ones into `report`.
    private func blobsToRead(_ index: HistoryIndex, _ report: inout HistoryReport) throws(InputError) -> [UInt8] {
        var seen = [Bool](repeating: false, count: index.blobCount)
        var request: [UInt8] = []
        request.reserveCapacity(index.blobCount * 41)
        var found = 0
        var lines = LineSplitter()
        let limit = maximumBlobSize
        let directory = repository.directory
        func collect(_ line: UnsafeBufferPointer<UInt8>) {
            guard line.starts(with: Self.blobPrefix) else { return }
            let fields = line[Self.blobPrefix.count...].split(separator: 0x20)
            guard fields.count == 2, let blob = ObjectID(hex: fields[0]), let group = index.group(of: blob),
                !seen[group]
            else { return }
            seen[group] = true
            found += 1
            let size = fields[1].reduce(0) { $0 &* 10 &+ Int($1 &- 0x30) }
            guard size <= limit else {
                report.oversizedBlobs += 1
                let path = index.introductions(inGroup: group).first?.path.display ?? directory
                report.notices.append(
                    InputNotice(
                        .tooLarge, subject: path, message: "blob \(blob) skipped: \(size) bytes is above the size limit"
                    ))
                return
            }
            request.append(contentsOf: fields[0])
            request.append(0x0A)
        }
        let format = "--batch-check=%(objecttype) %(objectname) %(objectsize)"
        switch order {
        case .pack:
            try repository.stream(["cat-file", "--batch-all-objects", "--unordered", format]) { chunk in
                lines.feed(chunk, collect)
                return .proceed
            }
        case .objectID:
            var ids: [UInt8] = []
            ids.reserveCapacity(index.blobCount * 41)
            for blob in index.blobs {
                ids.append(contentsOf: blob.description.utf8)
                ids.append(0x0A)
            }
            try repository.stream(["cat-file", format], stdin: ids) { chunk in
                lines.feed(chunk, collect)
                return .proceed
            }
        }
        lines.finish(collect)
        let missing = index.blobCount - found
        if missing > 0 {
            report.missingBlobs += missing
            report.notices.append(
                InputNotice(
                    .missingObject, subject: directory,
                    message:
                        "\(missing) blob(s) named by the history are not in the repository (partial or damaged clone)"))
        }
        return request
    }

    private static let blobPrefix = Array("blob ".utf8)
}
