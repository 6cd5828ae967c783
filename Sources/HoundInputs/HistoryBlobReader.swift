import HoundModel
import HoundSupport

/// The reading side of a history sweep: runs `git cat-file --batch` on the feed's requests,
/// sorts each answer (text, binary, oversized, missing) and, when `cat-file` dies on an object
/// it cannot read, records that object and starts a new `cat-file` for the rest.
struct HistoryBlobReader {
    let scan: HistoryScan
    let feed: HistoryFeed
    /// What was read and skipped so far (the caller adds the index's counts and notices).
    private(set) var report = HistoryReport()
    /// Blobs passed over for size, with their sizes, in reading order.
    private var oversized: [(blob: ObjectID, size: Int)] = []
    /// Blobs that could not be read, with why, in reading order.
    private var unreadable: [(blob: ObjectID, why: String)] = []

    /// A reader of `feed`'s requests for `scan`.
    init(scan: HistoryScan, feed: HistoryFeed) {
        self.scan = scan
        self.feed = feed
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
            report.missingBlobs += 1
            unreadable.append((culprit.blob, "is damaged: git cat-file stopped on it" + Self.lastLine(result.stderr)))
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
            if id == request.blob {
                report.scannedBlobs += 1
                report.scannedBytes += content.count
                body(HistoryBlob(objectID: id, bytes: content, introduction: request.introduction))
            }
        case .binary(let id):
            answeredID = id
            report.binaryBlobs += 1
        case .oversized(let id, let size):
            answeredID = id
            report.oversizedBlobs += 1
            oversized.append((id, size))
        case .missing(let name):
            answeredID = ObjectID(hex: name)
            report.missingBlobs += 1
            unreadable.append((request.blob, "is missing or damaged"))
        case .notBlob(let id):
            answeredID = id
            report.missingBlobs += 1
            unreadable.append((request.blob, "is not a blob"))
        case .malformed(let header):
            return .malformedOutput(command: "git cat-file --batch", detail: PathDisplay.escape(header))
        }
        guard answeredID == request.blob else {
            return .malformedOutput(
                command: "git cat-file --batch",
                detail: "answer for \(answeredID?.description ?? "?") where \(request.blob) was asked")
        }
        return nil
    }

    /// Adds the notices for oversized blobs and the problems for unreadable ones, each naming
    /// the blob's paths from the complete `index`.
    func describeSkipped(_ index: HistoryIndex, into report: inout HistoryReport) {
        for (blob, size) in oversized {
            let path = index.introductions(of: blob).first?.path.display ?? scan.repository.directory
            report.notices.append(
                InputNotice(
                    .tooLarge, subject: path, message: "blob \(blob) skipped: \(size) bytes is above the size limit"))
        }
        for (blob, why) in unreadable.prefix(HistoryScan.namedProblemLimit) {
            let introductions = index.introductions(of: blob)
            var message = "blob \(blob) " + why
            if let first = introductions.first {
                message += " (introduced by commit \(first.commit.id.prefix(12)))"
            }
            let others = introductions.dropFirst().map(\.path.display)
            if !others.isEmpty {
                message += "; also at " + others.prefix(5).joined(separator: ", ")
                if others.count > 5 { message += " and \(others.count - 5) more" }
            }
            report.problems.append(
                InputNotice(
                    .missingObject, subject: introductions.first?.path.display ?? scan.repository.directory,
                    message: message))
        }
        if unreadable.count > HistoryScan.namedProblemLimit {
            report.problems.append(
                InputNotice(
                    .missingObject, subject: scan.repository.directory,
                    message: "\(unreadable.count - HistoryScan.namedProblemLimit) more blobs are missing or damaged"))
        }
    }

    /// ": <git's last line of standard error>", or nothing.
    private static func lastLine(_ stderr: [UInt8]) -> String {
        let line = stderr.split(separator: 0x0A).last.map { SubprocessResult.trimmedText(Array($0)) } ?? ""
        return line.isEmpty ? "" : " (\(line.prefix(300)))"
    }
}
