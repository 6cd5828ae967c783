import Dispatch
import HoundModel
import HoundSupport
import Synchronization

/// A sweep of a repository's history that reads every unique blob once, in pack order, while
/// git is still working out which commits introduced them.
///
/// Three git children, none of which diffs file contents, run at once:
/// - `git log --raw -c` over the revisions (all refs by default) builds the ``HistoryIndex``:
///   which commits and paths introduced each blob;
/// - `git cat-file --batch-all-objects --batch-check --unordered` lists the objects present, in
///   pack order, with their sizes; each blob within the size limit is sent at once to
/// - `git cat-file --batch`, whose output the caller's thread reads, handing each text blob to
///   `body` as it arrives (binary ones are dropped once their first bytes show it).
///
/// Pack order is what makes reading cheap: each delta's base was just unpacked. Fed the same
/// blobs in the order the log first shows them, `cat-file` spent 7 times the CPU (26 s against
/// 3.5 s on the benchmark repository). So blobs are read before the log says who introduced
/// them; the log finishes first in practice, and findings are placed at every introduction
/// from the index at the end. Blobs no commit introduced (unreachable objects) are read too,
/// and not counted; their findings are dropped. A sweep narrowed to some refs, or one that must
/// scan each blob under its introduction (``waitsForIndex``), waits for the log, then reads in
/// pack order only the blobs the index names.
///
/// Works on bare repositories and mirrors. A shallow clone is swept as far as it goes, with a
/// notice. A blob the history names that is absent, one `cat-file` reports missing, or one it
/// dies on (a corrupt object: the sweep restarts `cat-file` after it) is a problem naming the
/// object and its paths, and the sweep goes on; so is a log that fails after it began. Objects
/// are only ever asked for when listed as present, so a partial clone never fetches.
public struct HistoryScan: Sendable {
    /// The repository.
    public var repository: GitRepository
    /// The refs or revisions whose history is swept; nil sweeps every ref (`--all`).
    public var refs: [String]?
    /// Blobs above this many bytes are skipped.
    public var maximumBlobSize: Int
    /// How many leading bytes are checked for a NUL.
    public var binaryProbeLength = 8000
    /// Whether reading waits for the whole log, so each blob is handed out under the commit and
    /// path that first introduced it (what path rules and path or commit allowlists need).
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

    /// Whether reading starts only once the index is complete.
    var readsAfterLog: Bool { waitsForIndex || refs != nil }

    /// Calls `body`, on the calling thread, with each unique text blob within the size limit as
    /// it is read; returns the index (every introduction of every blob) and what was covered,
    /// skipped and could not be read. Throws when the history could not be read at all.
    public func sweep(_ body: (HistoryBlob) -> Void) throws(InputError) -> HistorySweep {
        let feed = HistoryFeed()
        let log = Handoff(LogRead())
        let listing = Handoff(HistoryObjectList.Outcome())
        let logDone = DispatchGroup()
        let allDone = DispatchGroup()
        let scan = self
        logDone.enter()
        allDone.enter()
        DispatchQueue(label: "keyhound.history.log").async {
            log.store(scan.readLog(until: feed))
            logDone.leave()
            allDone.leave()
        }
        let waitForIndex: @Sendable () -> HistoryIndex = {
            logDone.wait()
            return log.take().index
        }
        let completeIndex = readsAfterLog ? waitForIndex : nil
        allDone.enter()
        DispatchQueue(label: "keyhound.history.objects").async {
            let lister = HistoryObjectList(scan: scan, feed: feed)
            listing.store(lister.run(filteringBy: completeIndex))
            feed.complete()
            allDone.leave()
        }
        allDone.enter()
        DispatchQueue(label: "keyhound.history.writer").async {
            feed.runWriter()
            allDone.leave()
        }
        var reader = HistoryBlobReader(scan: self, feed: feed, completeIndex: completeIndex)
        var readFailure: InputError?
        do {
            try reader.run(body)
            feed.stop()
        } catch {
            readFailure = error
            feed.abort()
        }
        allDone.wait()
        if let readFailure { throw readFailure }

        let read = log.take()
        let index = read.index
        if let failure = read.failure, index.commitCount == 0 { throw failure }
        let listed = listing.take()
        var report = HistoryReport()
        report.commits = index.commitCount
        report.uniqueBlobs = index.blobCount
        if repository.isShallow {
            report.notices.append(
                InputNotice(
                    .shallowHistory, subject: repository.directory,
                    message: "shallow clone: history before the shallow boundary was not scanned, "
                        + "and blobs of the boundary commits are attributed to them"))
        }
        reader.account(index, oversized: listed.oversized, into: &report)
        let failures = [
            ("the list of the repository's objects", listed.failure),
            ("the history (\(index.commitCount) commits read)", read.failure),
        ]
        for case (let what, let failure?) in failures {
            report.problems.append(
                InputNotice(
                    .unreadable, subject: repository.directory,
                    message: "\(what) could not be read to the end: \(failure)"))
        }
        return HistorySweep(index: index, report: report)
    }

    /// The log alone: which commits and paths introduced each blob.
    public func index() throws(InputError) -> HistoryIndex {
        let read = readLog(until: HistoryFeed())
        if let failure = read.failure { throw failure }
        return read.index
    }

    /// What the log reader leaves behind.
    struct LogRead: Sendable {
        /// Every introduction read.
        var index = HistoryIndex()
        /// What stopped the log early, if anything.
        var failure: InputError?
    }

    /// Runs the log into an index, stopping early when the sweep is aborted. An empty repository
    /// is an empty history.
    func readLog(until feed: HistoryFeed) -> LogRead {
        var parser = HistoryIndex.Parser()
        var failure: InputError?
        do {
            try repository.stream(HistoryIndex.logArguments(refs: refs)) { chunk in
                parser.feed(chunk)
                return feed.isAborted ? .stop : .proceed
            }
        } catch {
            // An empty repository has no HEAD to log: that is an empty history.
            if case .gitFailed(_, _, let message) = error, message.contains("does not have any commits") {
                return LogRead()
            }
            failure = error
        }
        return LogRead(index: parser.finish(), failure: failure)
    }

    /// Whether the repository is a partial clone (a promisor remote holds what it lacks).
    func isPartialClone() -> Bool {
        let config = try? repository.git.run(
            ["config", "--get-regexp", "^(extensions\\.partialclone|remote\\..*\\.promisor)$"],
            in: repository.directory)
        return config.map { $0.succeeded && !$0.stdout.isEmpty } ?? false
    }
}

/// What ``HistoryScan/sweep(_:)`` returns: the index for attribution, and the report.
public struct HistorySweep: Sendable {
    /// Every (blob, commit, path) introduction of the history read.
    public var index: HistoryIndex
    /// What was covered, skipped and could not be read.
    public var report: HistoryReport
}

/// A value handed from one of the sweep's threads to another.
final class Handoff<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    /// A handoff holding `initial` until something is stored.
    init(_ initial: Value) { value = Mutex(initial) }

    /// Replaces the value.
    func store(_ new: Value) { value.withLock { $0 = new } }

    /// The value.
    func take() -> Value { value.withLock { $0 } }
}
