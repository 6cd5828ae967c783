import Dispatch
import HoundModel
import HoundSupport
import Synchronization

/// A sweep of a repository's history that reads every unique blob once, while git is still
/// listing them.
///
/// Two git children, neither of which diffs file contents, and three threads:
/// - the log reader runs `git log --raw -c` over the revisions (all refs by default), builds the
///   ``HistoryIndex`` (which commits and paths introduced each blob) and submits each blob the
///   first time it appears;
/// - the writer sends those ids to `git cat-file --batch` as they come (log order is recency
///   order, close to pack order, so git's delta-base cache stays warm);
/// - the caller's thread reads `cat-file`'s output and hands each text blob to `body` as it
///   arrives; blobs above the size limit are passed over as they stream by, binary ones once
///   their first bytes show it. Memory stays bounded by the index plus the blob being read.
///
/// Works on bare repositories and mirrors. A shallow clone is swept as far as it goes, with a
/// notice. A blob `cat-file` reports missing, or one it dies on (a corrupt object: the sweep
/// restarts `cat-file` after it), is a problem naming the object and its paths, and the sweep
/// goes on; so is a log that fails after it began. Blobs absent from a partial clone are
/// counted, never fetched.
public struct HistoryScan: Sendable {
    /// The repository.
    public var repository: GitRepository
    /// The refs or revisions whose history is swept; nil sweeps every ref (`--all`).
    public var refs: [String]?
    /// Blobs above this many bytes are skipped.
    public var maximumBlobSize: Int
    /// How many leading bytes are checked for a NUL.
    public var binaryProbeLength = 8000
    /// Whether reading waits for the whole log, so each blob is handed out under its oldest
    /// introduction (what path rules and path or commit allowlists need to see); otherwise
    /// reading overlaps the log and each blob comes with the introduction the log showed first.
    public var waitsForIndex = false

    /// A sweep of the history of `refs` (every ref when nil), skipping blobs above
    /// `maximumBlobSize`.
    public init(repository: GitRepository, refs: [String]? = nil, maximumBlobSize: Int = 10 << 20) {
        self.repository = repository
        self.refs = refs
        self.maximumBlobSize = maximumBlobSize
    }

    /// The most problems named one by one; the rest are counted in one more.
    static let namedProblemLimit = 50

    /// Calls `body`, on the calling thread, with each unique text blob within the size limit as
    /// it is read; returns the index (every introduction of every blob) and what was covered,
    /// skipped and could not be read. Throws when the history could not be read at all.
    public func sweep(_ body: (HistoryBlob) -> Void) throws(InputError) -> HistorySweep {
        let feed = HistoryFeed()
        let logDone = DispatchSemaphore(value: 0)
        let logResult = LogOutcome()
        let waits = waitsForIndex
        let scan = self
        DispatchQueue(label: "keyhound.history.log").async {
            logResult.store(scan.readLog(into: feed, waitingForIndex: waits))
            feed.complete()
            logDone.signal()
        }
        let writerDone = DispatchSemaphore(value: 0)
        DispatchQueue(label: "keyhound.history.writer").async {
            feed.runWriter()
            writerDone.signal()
        }
        var reader = HistoryBlobReader(scan: self, feed: feed)
        let readFailure: InputError?
        do {
            try reader.run(body)
            readFailure = nil
        } catch {
            readFailure = error
        }
        feed.stop()
        logDone.wait()
        writerDone.wait()
        if let readFailure { throw readFailure }

        let log = logResult.take()
        let index = log.index
        if let failure = log.failure, index.commitCount == 0 { throw failure }
        var report = reader.report
        report.commits = index.commitCount
        report.uniqueBlobs = index.blobCount
        if repository.isShallow {
            report.notices.insert(
                InputNotice(
                    .shallowHistory, subject: repository.directory,
                    message: "shallow clone: history before the shallow boundary was not scanned, "
                        + "and blobs of the boundary commits are attributed to them"),
                at: 0)
        }
        reader.describeSkipped(index, into: &report)
        if log.absentBlobs > 0 {
            report.missingBlobs += log.absentBlobs
            report.problems.append(
                InputNotice(
                    .missingObject, subject: repository.directory,
                    message: "\(log.absentBlobs) blob(s) named by the history are not in this partial clone: "
                        + "not fetched, not scanned"))
        }
        if let failure = log.failure {
            report.problems.append(
                InputNotice(
                    .unreadable, subject: repository.directory,
                    message: "the history could not be read to the end (\(index.commitCount) commits read): \(failure)")
            )
        }
        return HistorySweep(index: index, report: report)
    }

    /// Step 1 alone: which commits and paths introduced each blob.
    public func index() throws(InputError) -> HistoryIndex {
        let log = readLog(into: HistoryFeed(), waitingForIndex: true, submits: false)
        if let failure = log.failure { throw failure }
        return log.index
    }

    /// What the log reader leaves behind.
    struct LogRead: Sendable {
        /// Every introduction read.
        var index = HistoryIndex()
        /// What stopped the log early, if anything.
        var failure: InputError?
        /// Blobs absent from a partial clone (not requested).
        var absentBlobs = 0
    }

    /// Runs the log, submitting blobs to `feed` as they first appear (or all at the end, under
    /// their oldest introduction, when `waitingForIndex`); returns the index and the failure
    /// that stopped the log early, if any. An empty repository is an empty history.
    func readLog(into feed: HistoryFeed, waitingForIndex: Bool, submits: Bool = true) -> LogRead {
        var parser = HistoryIndex.Parser()
        var held: [ObjectID] = []
        var failure: InputError?
        let present: Set<ObjectID>?
        var absent = 0
        do {
            present = submits ? try presentBlobsOfPartialClone() : nil
        } catch {
            return LogRead(failure: error)
        }
        func pass(_ fresh: [(blob: ObjectID, seenAt: BlobIntroduction)]) {
            guard submits else { return }
            var requests: [HistoryFeed.Request] = []
            requests.reserveCapacity(fresh.count)
            for (blob, seenAt) in fresh {
                if let present, !present.contains(blob) {
                    absent += 1
                } else if waitingForIndex {
                    held.append(blob)
                } else {
                    requests.append(HistoryFeed.Request(blob: blob, introduction: seenAt))
                }
            }
            feed.submit(requests)
        }
        do {
            try repository.stream(HistoryIndex.logArguments(refs: refs)) { chunk in
                parser.feed(chunk)
                pass(parser.takeFresh())
                return feed.isStopped && submits ? .stop : .proceed
            }
        } catch {
            // An empty repository has no HEAD to log: that is an empty history.
            if case .gitFailed(_, _, let message) = error, message.contains("does not have any commits") {
                return LogRead()
            }
            failure = error
        }
        let index = parser.finish()
        pass(parser.takeFresh())
        if waitingForIndex {
            feed.submit(
                held.compactMap { blob in
                    index.introductions(of: blob).first.map { HistoryFeed.Request(blob: blob, introduction: $0) }
                })
        }
        return LogRead(index: index, failure: failure, absentBlobs: absent)
    }

    /// In a partial clone, the blobs present (the others are promised by a remote, and asking
    /// `cat-file` for them would fetch them); nil in a complete repository.
    private func presentBlobsOfPartialClone() throws(InputError) -> Set<ObjectID>? {
        let config = try repository.git.run(
            ["config", "--get-regexp", "^(extensions\\.partialclone|remote\\..*\\.promisor)$"],
            in: repository.directory)
        guard config.succeeded, !config.stdout.isEmpty else { return nil }
        var present = Set<ObjectID>()
        var lines = LineSplitter()
        let prefix = Array("blob ".utf8)
        func collect(_ line: UnsafeBufferPointer<UInt8>) {
            guard line.starts(with: prefix), let blob = ObjectID(hex: line[prefix.count...]) else { return }
            present.insert(blob)
        }
        try repository.stream(
            ["cat-file", "--batch-all-objects", "--unordered", "--batch-check=%(objecttype) %(objectname)"]
        ) { chunk in
            lines.feed(chunk, collect)
            return .proceed
        }
        lines.finish(collect)
        return present
    }
}

/// What ``HistoryScan/sweep(_:)`` returns: the index for attribution, and the report.
public struct HistorySweep: Sendable {
    /// Every (blob, commit, path) introduction of the history read.
    public var index: HistoryIndex
    /// What was covered, skipped and could not be read.
    public var report: HistoryReport
}

/// The log reader's result, handed from its thread to the caller's.
private final class LogOutcome: Sendable {
    private let value = Mutex(HistoryScan.LogRead())

    func store(_ outcome: HistoryScan.LogRead) { value.withLock { $0 = outcome } }

    func take() -> HistoryScan.LogRead { value.withLock { $0 } }
}
