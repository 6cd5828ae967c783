import HoundEngine
import HoundInputs
import HoundModel
import Synchronization

/// A folder: inside a git work tree, the files git tracks plus untracked ones it does not
/// ignore (`git ls-files`); elsewhere (or with `useGit` false) a walk, `.gitignore` honoured as
/// `gitignore` says. Files are read into each worker's buffer and scanned there, not copied;
/// they are scanned as paths below the repository's top level (what path allowlists see) and
/// reported under the path the user gave.
package struct TreeSource: FragmentSource {
    /// The folder as the user gave it (reports show paths below it).
    package var shownAs: String
    /// The folder, resolved.
    package var folder: String
    /// Whether to ask git for the file list inside a work tree.
    package var useGit: Bool
    /// Whether `.gitignore` files decide what a walk skips.
    package var gitignore: GitignorePolicy

    /// The folder `folder`, shown as `shownAs`.
    package init(shownAs: String, folder: String, useGit: Bool, gitignore: GitignorePolicy) {
        self.shownAs = shownAs
        self.folder = folder
        self.useGit = useGit
        self.gitignore = gitignore
    }

    package func feed(_ pipeline: inout ScanPipeline) throws {
        // Outside a repository, skip the git spawn (a few ms of start-up) and walk.
        let workTree = FilePaths.repositoryTop(from: folder)
        let top = useGit ? workTree : nil
        let honourGitignore = gitignore.honours(insideWorkTree: workTree != nil)
        let path = shownAs
        let prefix = path == "." ? "" : (path.hasSuffix("/") ? path : path + "/")
        let anchor = AnchoredPath.prefix(of: folder)  // what path allowlists see
        let size = pipeline.maxFileSize
        let full = folder
        let git = pipeline.git
        let progress = pipeline.observer.progress
        let notices = Mutex<[InputNotice]>([])
        let scanFile: @Sendable (inout Scanner, FileReader, RawPath) -> ParallelScan.Scanned<Void>? = {
            scanner, reader, file in
            let content = reader.withContents(of: file) { bytes in
                (scanner.scan(path: anchor + file.display, bytes: bytes, provenance: .file), bytes.count)
            }
            if let notice = content.notice(for: file) {
                notices.withLock { $0.append(InputNotice(notice.kind, subject: prefix + file.display, message: notice.message)) }
            }
            return content.value.map { ParallelScan.Scanned($0.0, bytes: $0.1, tag: ()) }
        }
        let output: ParallelScan.Output<Void>
        do {
            if top != nil {
                let tree = try WorkingTree.list(root: full, git: git, useGit: true, honoursGitignore: honourGitignore)
                if tree.source == .git, pipeline.repositoryRoot == nil { pipeline.repositoryRoot = top }
                pipeline.record(tree.notices)
                let files = tree.files
                progress.begin(total: files.count, unit: "files")
                output = ParallelScan.scan(
                    workers: min(pipeline.workers, max(1, files.count)), rules: pipeline.compiled,
                    makeLoader: { FileReader(root: full, maximumSize: size) }, scanItem: scanFile,
                    progress: { bytes in progress.advance(bytes: bytes) },
                    produce: { push in files.forEach(push) })
            } else {
                // A walk: files are read and scanned while it goes on (the total is unknown
                // until it ends).
                progress.begin(total: 0, unit: "files")
                var tree: WorkingTree?
                output = try ParallelScan.scan(
                    workers: pipeline.workers, rules: pipeline.compiled,
                    makeLoader: { FileReader(root: full, maximumSize: size) }, scanItem: scanFile,
                    progress: { bytes in progress.advance(bytes: bytes) }
                ) { push throws(InputError) in
                    tree = try WorkingTree.enumerate(
                        root: full, git: git, useGit: false, honoursGitignore: honourGitignore, push)
                }
                pipeline.record(tree?.notices ?? [])
            }
        } catch {
            pipeline.errors.append("\(path): \(error)")
            return
        }
        pipeline.filesScanned += output.scanned
        pipeline.bytesScanned += progress.bytesDone
        pipeline.record(notices.withLock { $0 })
        pipeline.collect(AnchoredPath.relocate(output.results.map(\.result), from: anchor, to: prefix))
    }
}
