#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundModel
import HoundReport
import HoundSupport

/// A sweep's output stage for JSON lines: each repository's findings leave memory as soon as the
/// repository is done, so a sweep's memory does not grow with the number of repositories.
///
/// A repository's findings go to a spool file (an unlinked temporary file: nothing is left
/// behind, whatever happens), as the redacted JSON lines every report holds; what stays in
/// memory is one count per distinct secret (rule and fingerprint: in how many repositories it
/// appears, which `also_in` needs before the first finding can be written), each repository's
/// outcome, and the findings of inventory keys (for `--on-leak`). At the end, the spool is read
/// back one repository at a time, in report order, and written out: byte for byte the report
/// ``SweepAssembly`` would have assembled in memory.
package final class SweepSpool {
    private let descriptor: Int32
    private let name: String
    private var end = 0
    /// Where each repository's lines are in the spool.
    private var segments: [(repository: RepositoryReference, offset: Int, length: Int)] = []
    /// For each secret (finding identity): how many repositories hold it, and the last one counted.
    private var holders: [String: (count: Int, last: Int)] = [:]
    private var repositoryNumbers: [RepositoryReference: Int] = [:]
    /// Each repository's outcome, in the order they were added.
    package private(set) var outcomes: [RepositoryOutcome] = []
    /// Skipped-blob counts of every repository.
    package private(set) var counts = ScanSummary()
    /// Findings of inventory keys, for `--on-leak` (few: each is a registered key).
    package private(set) var leaked: [Finding] = []
    /// How many findings were added.
    package private(set) var findings = 0

    /// A spool in `folder` (a temporary folder); the file is unlinked at once.
    package init(folder: String) throws {
        var template = Array((folder + "/keyhound-sweep-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        name = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else {
            throw FileOperationError(operation: "create a spool file in", path: folder, code: errno)
        }
        unlink(name)
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Adds one repository: its findings (each naming it) are spooled, its outcome kept.
    package func add(_ findings: [Finding], outcome: RepositoryOutcome, counts: ScanSummary) throws {
        outcomes.append(outcome)
        self.counts.skippedBinary += counts.skippedBinary
        self.counts.skippedLarge += counts.skippedLarge
        leaked += findings.filter { $0.key != nil }
        self.findings += findings.count
        guard !findings.isEmpty else { return }
        var stream = JSONLinesStream()
        let bytes = stream.lines(findings)
        try write(bytes, at: end)
        segments.append((outcome.repository, end, bytes.count))
        end += bytes.count
        let number = repositoryNumbers[outcome.repository] ?? repositoryNumbers.count
        repositoryNumbers[outcome.repository] = number
        for identity in Set(findings.map(\.identity)) {
            let held = holders[identity] ?? (0, -1)
            holders[identity] = held.last == number ? held : (held.count + 1, number)
        }
    }

    /// Writes the report through `write`, chunk by chunk: every repository's findings in report
    /// order (by repository, then as each repository's findings sort), each saying in how many
    /// other repositories its secret also appears, then the summary line. Returns the report
    /// without its findings (its summary and repositories).
    @discardableResult
    package func finish(seconds: Double, toolVersion: String, write: ([UInt8]) throws -> Void) throws -> ScanReport {
        let summary = SweepAssembly.report(
            findings: [], repositories: outcomes, seconds: seconds, toolVersion: toolVersion, counts: counts)
        var stream = JSONLinesStream()
        let byRepository = Dictionary(grouping: segments, by: \.repository)
        for repository in byRepository.keys.sorted() {
            var reader = ReportReader()
            for segment in byRepository[repository] ?? [] {
                try reader.read(try read(at: segment.offset, count: segment.length), name: "the sweep's spool")
            }
            var findings = reader.findings
            for index in findings.indices {
                findings[index].alsoInRepositories = max(0, (holders[findings[index].identity]?.count ?? 1) - 1)
            }
            findings.sort()
            try write(stream.lines(findings))
        }
        try write(stream.summaryLine(summary))
        return summary
    }

    private func write(_ bytes: [UInt8], at offset: Int) throws {
        guard PosixIO.writeAll(bytes, to: descriptor, at: offset) else {
            throw FileOperationError(operation: "write the spool file", path: name, code: errno)
        }
    }

    private func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard let bytes = PosixIO.read(descriptor, count: count, at: offset), bytes.count == count else {
            throw FileOperationError(operation: "read the spool file", path: name, code: errno)
        }
        return bytes
    }
}
