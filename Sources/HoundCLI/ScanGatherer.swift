#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundEngine
import HoundInputs
import HoundModel
import HoundSupport
import Synchronization

/// Runs the inputs of one scan mode through the parallel scanner and collects findings, counts
/// and errors. Input problems (unreadable files, missing objects) become errors or notices; the
/// scan goes on.
struct ScanGatherer {
    let compiled: CompiledRules
    let workers: Int
    let maxFileSize: Int
    let console: Console
    let workingDirectory: String
    let environment: [String: String]
    let progress: ProgressLine

    var findings: [Finding] = []
    var suppressed: [(finding: Finding, reason: String)] = []
    var filesScanned = 0
    var blobsScanned = 0
    var bytesScanned = 0
    var skippedBinary = 0
    var skippedLarge = 0
    /// Problems that make the scan incomplete (exit 2).
    var errors: [String] = []
    /// The repository's top level, when the scan ran in one (for `.keyhoundignore`).
    var repositoryRoot: String?

    /// git, run with the command's environment (its `PATH`, `GIT_INDEX_FILE`, `HOME`...).
    var git: GitTool { Self.git(environment: environment) }

    /// git as a scan with `environment` runs it.
    static func git(environment: [String: String]) -> GitTool {
        GitTool(executable: environment["KEYHOUND_GIT"] ?? "git", environment: environment)
    }

    mutating func collect(_ results: [FragmentResult?]) {
        for case let result? in results {
            // The first result's arrays are taken as they are, not copied (one file's findings
            // can be most of a scan's memory).
            if findings.isEmpty { findings = result.findings } else { findings += result.findings }
            suppressed += result.suppressed
        }
    }

    mutating func record(_ notices: [InputNotice]) {
        for notice in notices {
            switch notice.kind {
            case .binary: skippedBinary += 1
            case .tooLarge:
                skippedLarge += 1
                console.err("keyhound: notice: \(notice)\n")
            case .unreadable, .unparsedDiff, .missingObject: errors.append(notice.description)
            case .shallowHistory: console.err("keyhound: notice: \(notice)\n")
            }
        }
    }

    // MARK: Working tree, files, stdin

    mutating func scanTrees(_ paths: [String], useGit: Bool, gitignore: GitignorePolicy) throws {
        for path in paths {
            if path == "-" {
                scanStdin()
                continue
            }
            let full = FileText.resolve(path, relativeTo: workingDirectory)
            if !FileText.isDirectory(full) {
                if let problem = FileText.statProblem(full) {
                    errors.append("\(path): \(problem)")
                    continue
                }
                let reader = FileReader(root: "", maximumSize: maxFileSize)
                // A file named on the command line is read even through a symbolic link (the
                // user asked for it; links inside a tree are never followed).
                let raw = RawPath(Self.resolvedLink(full))
                let content = reader.read(raw)
                if let notice = content.notice(for: RawPath(path)) { record([notice]) }
                if let bytes = content.value {
                    scanSingle(Fragment(path: AnchoredPath.file(full), bytes: bytes, provenance: .file), shownAs: path)
                }
                continue
            }
            // Outside a repository, skip the git spawn (a few ms of start-up) and walk.
            let workTree = ConfigurationLoader.repositoryTop(from: full)
            let top = useGit ? workTree : nil
            let honourGitignore = gitignore.honours(insideWorkTree: workTree != nil)
            let prefix = path == "." ? "" : (path.hasSuffix("/") ? path : path + "/")
            let anchor = AnchoredPath.prefix(of: full)  // what path allowlists see
            let size = maxFileSize
            let notices = Mutex<[InputNotice]>([])
            // Files are scanned in the reader's buffer, not copied out.
            let scanFile: @Sendable (inout Scanner, FileReader, RawPath) -> ParallelScan.Scanned? = { scanner, reader, file in
                let content = reader.withContents(of: file) { bytes in
                    (scanner.scan(path: anchor + file.display, bytes: bytes, provenance: .file), bytes.count)
                }
                if let notice = content.notice(for: file) {
                    notices.withLock { $0.append(InputNotice(notice.kind, subject: prefix + file.display, message: notice.message)) }
                }
                return content.value
            }
            let results: [FragmentResult?]
            do {
                if let top {
                    let tree = try WorkingTree.list(root: full, git: git, useGit: true, honoursGitignore: honourGitignore)
                    if tree.source == .git, repositoryRoot == nil { repositoryRoot = top }
                    record(tree.notices)
                    let files = tree.files
                    progress.begin(total: files.count, unit: "files")
                    let scanned = ParallelScan.run(
                        count: files.count, workers: workers, rules: compiled,
                        makeLoader: { FileReader(root: full, maximumSize: size) },
                        scanItem: { scanner, reader, index in scanFile(&scanner, reader, files[index]) },
                        progress: { [progress] bytes in progress.advance(bytes: bytes) })
                    filesScanned += scanned.compactMap { $0 }.count
                    results = scanned
                } else {
                    // A walk: files are read and scanned while it goes on (the total is unknown
                    // until it ends).
                    progress.begin(total: 0, unit: "files")
                    var tree: WorkingTree?
                    var walkError: (any Error)?
                    let pulled = ParallelScan.pull(
                        workers: workers, rules: compiled,
                        makeLoader: { FileReader(root: full, maximumSize: size) }, scanItem: scanFile,
                        progress: { [progress] bytes in progress.advance(bytes: bytes) }
                    ) { push in
                        do {
                            tree = try WorkingTree.enumerate(
                                root: full, git: git, useGit: false, honoursGitignore: honourGitignore, push)
                        } catch {
                            walkError = error
                        }
                    }
                    if let walkError { throw walkError }
                    record(tree?.notices ?? [])
                    filesScanned += pulled.loaded
                    results = pulled.results
                }
            } catch {
                errors.append("\(path): \(error)")
                continue
            }
            bytesScanned += progress.bytesDone
            record(notices.withLock { $0 })
            collect(AnchoredPath.relocate(consume results, from: anchor, to: prefix))
        }
    }

    /// The target of `path` when it is a symbolic link (all links resolved), else `path`.
    static func resolvedLink(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) else {
            return path
        }
        defer { free(real) }
        return String(cString: real)
    }

    /// Standard input, scanned in overlapping chunks (`StreamChunks`, 8 MiB each): memory
    /// stays bounded whatever its length, and no size limit applies to it.
    mutating func scanStdin() {
        var chunks = StreamChunks()
        var scanner = Scanner(compiled)
        let console = console
        filesScanned += 1
        while let chunk = chunks.next({ console.readStdin(into: $0) }) {
            let result = scanner.scan(Fragment(path: "-", bytes: chunk.bytes, provenance: .stdin))
            bytesScanned += chunk.ownedEnd
            guard !result.findings.isEmpty || !result.suppressed.isEmpty else { continue }
            let end = chunk.ownedEndPosition
            func owned(_ finding: Finding) -> Finding? {
                guard (finding.location.line, finding.location.column) < end else { return nil }
                var moved = finding
                (moved.location.line, moved.location.column) = chunk.streamPosition(
                    line: finding.location.line, column: finding.location.column)
                (moved.location.endLine, moved.location.endColumn) = chunk.streamPosition(
                    line: finding.location.endLine, column: finding.location.endColumn)
                return moved
            }
            var kept = FragmentResult()
            kept.findings = result.findings.compactMap(owned)
            kept.suppressed = result.suppressed.compactMap { entry in owned(entry.finding).map { ($0, entry.reason) } }
            collect([kept])
        }
    }

    mutating func scanSingle(_ fragment: Fragment, shownAs shown: String? = nil) {
        var scanner = Scanner(compiled)
        let result = scanner.scan(fragment)
        filesScanned += 1
        bytesScanned += fragment.bytes.count
        collect(AnchoredPath.relocate([consume result], from: fragment.path, to: shown ?? fragment.path))
    }

    // MARK: Git diffs

    mutating func repository() throws -> GitRepository {
        do {
            let repo = try GitRepository.discover(at: workingDirectory, git: git)
            repositoryRoot = repo.workTree
            return repo
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
    }

    mutating func scanDiffFragments(_ diff: DiffFragments) {
        record(diff.notices)
        let fragments = diff.fragments
        progress.begin(total: fragments.count, unit: "files")
        let results = ParallelScan.run(
            count: fragments.count, workers: min(workers, max(1, fragments.count / 8)), rules: compiled,
            makeLoader: { () }, scanItem: { scanner, _, i in (scanner.scan(fragments[i]), fragments[i].bytes.count) },
            progress: { [progress] bytes in progress.advance(bytes: bytes) })
        filesScanned += fragments.count
        bytesScanned += fragments.reduce(0) { $0 + $1.bytes.count }
        collect(results)
    }

    /// The staged diff; `prefetched` holds git's answers when the command asked early.
    mutating func scanStaged(prefetched: StagedPrefetch? = nil) throws {
        let repo: GitRepository
        if let prefetched {
            do {
                repo = try prefetched.discovered()
            } catch {
                throw CLIError(message: "\(error)", status: .incomplete)
            }
            repositoryRoot = repo.workTree
        } else {
            repo = try repository()
        }
        do {
            scanDiffFragments(try StagedDiff(repository: repo).fragments(prefetched: prefetched))
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
    }

    mutating func scanRange(_ range: String) throws {
        let repo = try repository()
        do {
            scanDiffFragments(try CommitRange(repository: repo, range: range).fragments())
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
    }

    mutating func scanCommits(listedIn file: String) throws {
        let bytes: [UInt8]
        if file == "-" {
            let limit = BoundedFile.Kind.commitList.limit
            guard let read = console.readStdin(atMost: limit) else {
                throw CLIError(
                    message: "the commit list on standard input holds more than \(ByteCount.text(limit))",
                    status: .incomplete)
            }
            bytes = read
        } else {
            bytes = try FileText.readBytes(file, relativeTo: workingDirectory, kind: .commitList)
        }
        let ids = bytes.split(whereSeparator: { $0 == 0x0a || $0 == 0x0d || $0 == 0x20 }).map {
            String(decoding: $0, as: UTF8.self)
        }
        let repo = try repository()
        var all = DiffFragments()
        for id in Set(ids).sorted() {
            do {
                let one = try CommitRange(repository: repo, range: "\(id)^!").fragments()
                all.fragments += one.fragments
                all.notices += one.notices
            } catch {
                // A root commit has no parent: diff it against the empty tree.
                do {
                    let root = try CommitRange(repository: repo, range: id).fragments()
                    all.fragments += root.fragments
                    all.notices += root.notices
                } catch {
                    // The other commits are still scanned and reported; this one is named (exit 2).
                    errors.append("commit \(id.count <= 64 ? id : Redaction.excerpt(id)): \(Self.commitProblem(error))")
                }
            }
        }
        scanDiffFragments(all)
    }

    /// What went wrong with one listed commit: an id git does not know, or git's message.
    static func commitProblem(_ error: any Error) -> String {
        if let input = error as? InputError {
            if case .badRevision = input { return "not a commit of this repository" }
            if case .gitFailed(_, _, let message) = input,
                message.contains("bad object") || message.contains("bad revision") || message.contains("unknown revision")
            {
                return "not a commit of this repository"
            }
        }
        return "\(error)"
    }

    // MARK: History

    /// Sweeps each repository's history: every unique blob scanned once, while git still lists
    /// them; each finding placed at every commit and path that introduced its blob.
    /// `waitsForIndex`: scan each blob under its oldest introduction (see ``HistoryScan``).
    mutating func scanHistory(_ repositories: [String], branches: [String], waitsForIndex: Bool) throws {
        for path in repositories {
            let repo: GitRepository
            do {
                repo = try GitRepository.discover(at: FileText.resolve(path, relativeTo: workingDirectory), git: git)
            } catch {
                errors.append("\(path): \(error)")
                continue
            }
            if repositoryRoot == nil { repositoryRoot = repo.workTree }
            var history = HistoryScan(
                repository: repo, refs: branches.isEmpty ? nil : branches, maximumBlobSize: maxFileSize)
            history.waitsForIndex = waitsForIndex
            var sweep: HistorySweep?
            // Read-but-unscanned blob bytes (a bigger blob still passes, alone).
            let budget = HistoryByteBudget(limit: 32 << 20)
            progress.begin(total: 0, unit: "blobs")
            do {
                let results = try ParallelScan.stream(
                    workers: workers, rules: compiled,
                    progress: { [progress] bytes in
                        budget.release(bytes)
                        progress.advance(bytes: bytes)
                    }
                ) { (push: (Fragment, ObjectID) -> Void) throws(InputError) in
                    sweep = try history.sweep { blob in
                        budget.acquire(blob.bytes.count)
                        push(blob.fragment, blob.objectID)
                    }
                }
                if let index = sweep?.index {
                    for (blob, result) in results {
                        // A blob no commit of the sweep introduced (an unreachable object) is not history.
                        let introductions = index.introductions(of: blob)
                        guard !introductions.isEmpty else { continue }
                        findings += result.findings.map { HistoryMerge.locate($0, at: introductions) }
                        suppressed += result.suppressed.map {
                            (HistoryMerge.locate($0.finding, at: introductions), $0.reason)
                        }
                    }
                }
            } catch {
                errors.append("\(path): \(error)")
            }
            guard let report = sweep?.report else { continue }
            blobsScanned += report.scannedBlobs
            bytesScanned += report.scannedBytes
            skippedBinary += report.binaryBlobs
            // One too-large notice per oversized blob: counted there. Missing or damaged blobs and
            // a log cut short are errors: the sweep is incomplete (exit 2), what it found stands.
            record(report.notices + report.problems)
        }
    }
}
