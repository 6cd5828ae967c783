import HoundEngine
import HoundInputs
import HoundModel
import HoundSupport

/// The scan pipeline: fragment sources feed it (see ``FragmentSource``), it runs their
/// fragments through the parallel scanner (`ParallelScan.scan`, the one entry point) and
/// collects findings, suppressed findings, counts and errors. Input problems (unreadable files,
/// missing objects) become errors or notices; the scan goes on.
///
/// It knows nothing of arguments or output: the CLI builds the sources from its arguments, runs
/// them, then suppresses by identity, cross-references the inventory and renders.
package struct ScanPipeline {
    /// The compiled rules every fragment is scanned with.
    package let compiled: CompiledRules
    /// Worker threads.
    package let workers: Int
    /// Files and blobs larger than this are skipped with a notice.
    package let maxFileSize: Int
    /// Relative paths the user gave are taken from here.
    package let workingDirectory: String
    /// The environment git runs with (its `PATH`, `GIT_INDEX_FILE`, `HOME`...).
    package let environment: [String: String]
    /// Progress and notices.
    package let observer: ScanObserver

    package var findings: [Finding] = []
    package var suppressed: [(finding: Finding, reason: String)] = []
    package var filesScanned = 0
    package var blobsScanned = 0
    package var bytesScanned = 0
    package var skippedBinary = 0
    package var skippedLarge = 0
    /// Problems that make the scan incomplete (exit 2).
    package var errors: [String] = []
    /// The repository's top level, when the scan ran in one (for `.keyhoundignore`).
    package var repositoryRoot: String?

    /// A pipeline with nothing scanned yet.
    package init(
        compiled: CompiledRules, workers: Int, maxFileSize: Int, workingDirectory: String,
        environment: [String: String], observer: ScanObserver
    ) {
        self.compiled = compiled
        self.workers = workers
        self.maxFileSize = maxFileSize
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.observer = observer
    }

    /// git, run with the pipeline's environment.
    package var git: GitTool { Self.git(environment: environment) }

    /// git as a scan with `environment` runs it (`KEYHOUND_GIT` names another executable).
    package static func git(environment: [String: String]) -> GitTool {
        GitTool(executable: environment["KEYHOUND_GIT"] ?? "git", environment: environment)
    }

    /// Runs every fragment of `source` through the scanner.
    package mutating func run(_ source: some FragmentSource) throws {
        try source.feed(&self)
    }

    /// Runs `sources` one after the other.
    package mutating func run(_ sources: [any FragmentSource]) throws {
        for source in sources { try source.feed(&self) }
    }

    /// Adds the findings of `results`.
    package mutating func collect(_ results: [FragmentResult]) {
        for result in results {
            // The first result's arrays are taken as they are, not copied (one file's findings
            // can be most of a scan's memory).
            if findings.isEmpty { findings = result.findings } else { findings += result.findings }
            suppressed += result.suppressed
        }
    }

    /// Counts or reports input notices: binary and too-large files are counted (too-large ones
    /// said too), unreadable inputs and missing objects are errors (exit 2).
    package mutating func record(_ notices: [InputNotice]) {
        for notice in notices {
            switch notice.kind {
            case .binary: skippedBinary += 1
            case .tooLarge:
                skippedLarge += 1
                observer.notice("\(notice)")
            case .unreadable, .unparsedDiff, .missingObject: errors.append(notice.description)
            case .shallowHistory: observer.notice("\(notice)")
            }
        }
    }

    /// Scans fragments already in memory (a diff's added lines), on as many workers as they
    /// keep busy.
    package mutating func scan(_ fragments: [Fragment]) {
        observer.progress.begin(total: fragments.count, unit: "files")
        let progress = observer.progress
        let output = ParallelScan.scan(
            workers: min(workers, max(1, fragments.count / 8)), rules: compiled,
            makeLoader: {},
            scanItem: { (scanner: inout Scanner, _: Void, fragment: Fragment) in
                ParallelScan.Scanned(scanner.scan(fragment), bytes: fragment.bytes.count, tag: ())
            },
            progress: { bytes in progress.advance(bytes: bytes) },
            produce: { push in fragments.forEach(push) })
        filesScanned += fragments.count
        bytesScanned += fragments.reduce(0) { $0 + $1.bytes.count }
        collect(output.results.map(\.result))
    }
}

/// What a pipeline tells the person waiting: progress and notices (too-large files skipped, a
/// shallow history). The CLI draws them on stderr; tests and library callers may ignore them.
package struct ScanObserver: Sendable {
    /// Live progress.
    package var progress: any ScanProgress
    /// Says a notice (one line, no secret in it).
    package var notice: @Sendable (String) -> Void

    /// An observer drawing `progress` and saying notices with `notice`.
    package init(progress: any ScanProgress, notice: @escaping @Sendable (String) -> Void) {
        self.progress = progress
        self.notice = notice
    }
}

/// Live progress of a scan: phases of items, bytes scanned.
package protocol ScanProgress: Sendable {
    /// Starts a phase of `total` items (0 when unknown), counted in `unit`.
    func begin(total: Int, unit: String)
    /// Adds `bytes` scanned (one item done).
    func advance(bytes: Int)
    /// Bytes scanned so far in this phase and the ones before.
    var bytesDone: Int { get }
}
