import HoundModel
import HoundSupport

/// The reading side of a history sweep: runs `git cat-file --batch` on the feed's requests,
/// sorts each answer (text, binary, missing) and, when `cat-file` dies on an object it cannot
/// read, records that object and starts a new `cat-file` for the rest.
struct HistoryBlobReader {
    let scan: HistoryScan
    let feed: HistoryFeed
    /// The complete index, when blobs are requested only once it is (each handed out under its
    /// first introduction); called once, at the first blob.
    let completeIndex: (() -> HistoryIndex)?
    private var index: HistoryIndex?
    /// Every blob read, with its size (-1: binary), in reading order (counted against the index
    /// at the end: blobs no commit introduced are not counted).
    private var read: [(blob: ObjectID, size: Int)] = []
    /// Blobs that could not be read, and why.
    private var unreadable: [(blob: ObjectID, why: String)] = []

    /// A reader of `feed`'s requests for `scan`.
    init(scan: HistoryScan, feed: HistoryFeed, completeIndex: (() -> HistoryIndex)?) {
        self.scan = scan
        self.feed = feed
        self.completeIndex = completeIndex
    }

    /// Reads until every request is answered, calling `body` with each text blob. Throws when
    /// `cat-file` cannot run at all or its output makes no sense.
    mutating func run(_ body: (HistoryBlob) -> Void) throws(InputError) {
        var fruitless = 0
        while true {
            let pipe: InputPipe
            do {
                pipe = try InputPipe()
            } catch {
                throw .subprocess(error)
            }
            feed.attach(pipe)
            var parser = CatFileBatchParser(maximumSize: scan.maximumBlobSize, probeLength: scan.binaryProbeLength)
            var answered = 0
            var failure: InputError?
            let result = try scan.repository.git.stream(
                ["cat-file", "--batch"], in: scan.repository.directory, input: pipe
            ) { chunk in
                parser.feed(chunk) { object in
                    guard failure == nil else { return }
                    failure = sort(object, body)
                    answered += 1
                }
                return failure == nil ? .proceed : .stop
            }
            if let failure { throw failure }
            if result.succeeded, feed.isDrained { return }
            // `cat-file` stopped early: the first unanswered request is the object it died on.
            let began = parser.unfinished
            guard let culprit = feed.answer() else {
                throw .gitFailed(command: "git cat-file --batch", status: result.status, message: result.stderrText)
            }
            if answered == 0, began == nil {
                // Nothing read at all: a broken repository or git, not one bad object (after a few tries).
                fruitless += 1
                if fruitless > 2 {
                    throw .gitFailed(command: "git cat-file --batch", status: result.status, message: result.stderrText)
                }
            } else {
                fruitless = 0
            }
            unreadable.append((culprit, "is damaged: git cat-file stopped on it" + Self.lastLine(result.stderr)))
        }
    }

    /// Counts one answer and hands a text blob to `body`; returns a failure when the answer does
    /// not belong to the request it should.
    private mutating func sort(_ object: CatFileBatchParser.Object, _ body: (HistoryBlob) -> Void) -> InputError? {
        guard let request = feed.answer() else {
            return .malformedOutput(command: "git cat-file --batch", detail: "an answer nobody asked for")
        }
        let answeredID: ObjectID?
        switch object {
        case .found(let id, let content):
            answeredID = id
            if id == request {
                read.append((id, content.count))
                if index == nil, let completeIndex { index = completeIndex() }
                body(HistoryBlob(objectID: id, bytes: content, introduction: index?.firstIntroduction(of: id)))
            }
        case .binary(let id):
            answeredID = id
            read.append((id, -1))
        case .oversized(let id, let size):
            // The listing said it fits: it changed in between (a repack cannot do that).
            answeredID = id
            unreadable.append((id, "grew to \(size) bytes while the sweep ran"))
        case .missing(let name):
            answeredID = ObjectID(hex: name)
            unreadable.append((request, "is missing or damaged"))
        case .notBlob(let id):
            answeredID = id
            unreadable.append((id, "is not a blob"))
        case .malformed(let header):
            return .malformedOutput(command: "git cat-file --batch", detail: PathDisplay.escape(header))
        }
        guard answeredID == request else {
            return .malformedOutput(
                command: "git cat-file --batch",
                detail: "answer for \(answeredID?.description ?? "?") where \(request) was asked")
        }
        return nil
    }

    /// Counts what was read against the complete `index` into `report`: blobs no commit
    /// introduced are left out; blobs it names that were neither read nor `oversized` are
    /// missing. Adds a notice per oversized blob and a problem per unreadable or missing one,
    /// each naming the blob's paths.
    func account(_ index: HistoryIndex, oversized: [(blob: ObjectID, size: Int)], into report: inout HistoryReport) {
        var known = [Bool](repeating: false, count: index.blobCount)
        for (blob, size) in read {
            guard let group = index.group(of: blob) else { continue }
            known[group] = true
            if size < 0 {
                report.binaryBlobs += 1
            } else {
                report.scannedBlobs += 1
                report.scannedBytes += size
            }
        }
        var unreadable = unreadable.filter { index.contains($0.blob) }
        for (blob, _) in unreadable {
            if let group = index.group(of: blob) { known[group] = true }
        }
        for (blob, size) in oversized {
            guard let group = index.group(of: blob) else { continue }
            known[group] = true
            report.oversizedBlobs += 1
            let path = index.firstIntroduction(of: blob)?.path.display ?? scan.repository.directory
            report.notices.append(
                InputNotice(
                    .tooLarge, subject: path, message: "blob \(blob) skipped: \(size) bytes is above the size limit"))
        }
        let absent = known.indices.filter { !known[$0] }
        report.missingBlobs += unreadable.count + absent.count
        if !absent.isEmpty, scan.isPartialClone() {
            report.problems.append(
                InputNotice(
                    .missingObject, subject: scan.repository.directory,
                    message: "\(absent.count) blob(s) named by the history are not in this partial clone: "
                        + "not fetched, not scanned"))
        } else {
            let blobs = index.blobs
            unreadable += absent.map { (blobs[$0], "is missing or damaged") }
        }
        for (blob, why) in unreadable.prefix(HistoryScan.namedProblemLimit) {
            report.problems.append(problem(blob, why, index))
        }
        if unreadable.count > HistoryScan.namedProblemLimit {
            report.problems.append(
                InputNotice(
                    .missingObject, subject: scan.repository.directory,
                    message: "\(unreadable.count - HistoryScan.namedProblemLimit) more blobs are missing or damaged"))
        }
    }

    /// "<path>: blob <id> <why> (introduced by commit <id>); also at <other paths>".
    private func problem(_ blob: ObjectID, _ why: String, _ index: HistoryIndex) -> InputNotice {
        let introductions = index.introductions(of: blob)
        var message = "blob \(blob) " + why
        if let first = introductions.first {
            message += " (introduced by commit \(first.commit.id.prefix(12)))"
        }
        var others: [String] = []
        for introduction in introductions.dropFirst() where !others.contains(introduction.path.display) {
            others.append(introduction.path.display)
        }
        others.removeAll { $0 == introductions.first?.path.display }
        if !others.isEmpty {
            message += "; also at " + others.prefix(5).joined(separator: ", ")
            if others.count > 5 { message += " and \(others.count - 5) more" }
        }
        return InputNotice(
            .missingObject, subject: introductions.first?.path.display ?? scan.repository.directory, message: message)
    }

    /// " (<git's last line of standard error>)", or nothing.
    private static func lastLine(_ stderr: [UInt8]) -> String {
        let line = stderr.split(separator: 0x0A).last.map { SubprocessResult.trimmedText(Array($0)) } ?? ""
        return line.isEmpty ? "" : " (\(line.prefix(300)))"
    }
}
