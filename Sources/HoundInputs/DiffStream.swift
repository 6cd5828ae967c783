import HoundModel

/// Reads `git diff -p` or `git log -p` output chunk by chunk and hands out each file's added
/// lines, with the commit they belong to when the output interleaves commit headers.
///
/// A commit header is a line that starts with `\u{1}` outside any hunk, written by the
/// ``commitFormat`` given to `git log`.
struct DiffStream {
    /// The `--format` that writes the commit header this stream reads.
    static let commitFormat = "--format=%x01%H%x00%an%x00%ae%x00%aI%x00%s"

    /// Options that make diff output parseable whatever the user's configuration says.
    static let patchOptions = [
        "-p", "-U0", "--inter-hunk-context=0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative",
        "-M", "--src-prefix=a/", "--dst-prefix=b/", "--diff-filter=d", "--ignore-submodules=all",
    ]

    private var lines = LineSplitter()
    private var parser = UnifiedDiffParser()
    private var commit: CommitInfo?

    /// Feeds a chunk; `body` receives each completed file patch with its commit.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (FilePatch, CommitInfo?) -> Void) {
        var splitter = lines
        splitter.feed(chunk) { line in consume(line, body) }
        lines = splitter
    }

    /// Flushes the last line and the last file.
    mutating func finish(_ body: (FilePatch, CommitInfo?) -> Void) {
        var splitter = lines
        splitter.finish { line in consume(line, body) }
        lines = splitter
        if let patch = parser.finish() { body(patch, commit) }
    }

    private mutating func consume(_ line: UnsafeBufferPointer<UInt8>, _ body: (FilePatch, CommitInfo?) -> Void) {
        if line.first == 0x01, !parser.isInsideHunk {
            if let patch = parser.finish() { body(patch, commit) }
            commit = Self.commitInfo(line)
            return
        }
        if let patch = parser.consume(line) { body(patch, commit) }
    }

    /// Parses `\u{1}id\0author\0email\0date\0subject`.
    static func commitInfo(_ line: UnsafeBufferPointer<UInt8>) -> CommitInfo? {
        let fields = line.dropFirst().split(separator: 0, maxSplits: 4, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 5 else { return nil }
        return CommitInfo(id: fields[0], author: fields[1], email: fields[2], date: fields[3], summary: fields[4])
    }

    /// The fragment for `patch`, or a notice for a binary file; nil when nothing was added.
    static func fragment(for patch: FilePatch, provenance: Provenance) -> (Fragment?, InputNotice?) {
        if patch.isBinary {
            return (nil, InputNotice(.binary, subject: patch.path.display, message: "binary file skipped"))
        }
        guard !patch.lineNumbers.isEmpty else { return (nil, nil) }
        let fragment = Fragment(
            path: patch.path.display, bytes: patch.addedBytes, provenance: provenance, lineNumbers: patch.lineNumbers)
        return (fragment, nil)
    }
}
