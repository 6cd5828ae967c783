import HoundModel

/// Which commits and paths introduced each blob of a history, from `git log --raw` (tree diffs,
/// no patches: cheap).
///
/// A blob is introduced by a commit whose raw diff shows a regular file added or changed to it
/// (`--no-renames`, so a move counts as an addition under the new path). Merge commits are read
/// as combined diffs (`-c`), so a blob that only a merge created (a conflict resolution) is
/// attributed to the merge, and blobs merged in unchanged are not.
public struct HistoryIndex: Sendable {
    /// One (blob, commit, path) triple.
    struct Entry {
        /// The blob introduced.
        var blob: ObjectID
        /// Its commit, an index into ``commits``.
        var commit: Int32
        /// Its path, an index into ``paths``.
        var path: Int32
    }

    /// Commits in `git log` order (newest first).
    private(set) var commits: [CommitInfo] = []
    /// Interned paths.
    private(set) var paths: [RawPath] = []
    /// Triples sorted by blob, oldest commit first within a blob (after ``seal()``).
    private var entries: [Entry] = []
    /// Where each distinct blob's triples start in ``entries``, in blob order: a blob is
    /// found by binary search, so no hash table is kept (memory: 40 bytes per introduction
    /// plus 4 per blob).
    private var groupStarts: [Int32] = []
    private var pathIndex: [[UInt8]: Int32] = [:]

    /// The number of commits read.
    public var commitCount: Int { commits.count }
    /// The number of distinct blobs.
    public var blobCount: Int { groupStarts.count }
    /// The number of (blob, commit, path) introductions.
    public var introductionCount: Int { entries.count }

    /// The `git log` arguments whose output ``HistoryIndex/Parser`` reads.
    /// `refs` nil means every ref; names come after `--end-of-options`, so none is an option.
    static func logArguments(refs: [String]?) -> [String] {
        [
            "log", "--raw", "--no-abbrev", "-z", "--no-renames", "-c", "--root", "--no-show-signature",
            "--no-ext-diff", "--no-textconv", "--format=%x01%H%x00%an%x00%ae%x00%aI%x00%s",
        ] + (refs == nil ? ["--all"] : []) + ["--end-of-options"] + (refs ?? []) + ["--"]
    }

    /// Every distinct blob, sorted by id.
    public var blobs: [ObjectID] { groupStarts.map { entries[Int($0)].blob } }

    /// Whether `blob` was introduced by any commit read.
    public func contains(_ blob: ObjectID) -> Bool { group(of: blob) != nil }

    /// The position of `blob` among the distinct blobs (0..<blobCount), nil when absent.
    func group(of blob: ObjectID) -> Int? {
        var low = 0
        var high = groupStarts.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = entries[Int(groupStarts[middle])].blob
            if candidate == blob { return middle }
            if candidate < blob { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The commits and paths that introduced `blob`, oldest first.
    public func introductions(of blob: ObjectID) -> [BlobIntroduction] {
        guard let group = group(of: blob) else { return [] }
        return introductions(inGroup: group)
    }

    /// The commit and path that first introduced `blob` (the oldest), nil when none did.
    public func firstIntroduction(of blob: ObjectID) -> BlobIntroduction? {
        guard let group = group(of: blob) else { return nil }
        let entry = entries[Int(groupStarts[group])]
        return BlobIntroduction(commit: commits[Int(entry.commit)], path: paths[Int(entry.path)])
    }

    /// The introductions of the distinct blob at `group`.
    func introductions(inGroup group: Int) -> [BlobIntroduction] {
        let start = Int(groupStarts[group])
        let end = group + 1 < groupStarts.count ? Int(groupStarts[group + 1]) : entries.count
        return entries[start..<end].map { entry in
            BlobIntroduction(commit: commits[Int(entry.commit)], path: paths[Int(entry.path)])
        }
    }

    /// Starts a commit: the blobs added next belong to it.
    mutating func addCommit(_ commit: CommitInfo) {
        commits.append(commit)
    }

    /// Records that the latest commit introduced `blob` at `path`.
    mutating func add(blob: ObjectID, path: [UInt8]) {
        guard !commits.isEmpty else { return }
        let pathNumber: Int32
        if let known = pathIndex[path] {
            pathNumber = known
        } else {
            pathNumber = Int32(paths.count)
            paths.append(RawPath(path))
            pathIndex[path] = pathNumber
        }
        entries.append(Entry(blob: blob, commit: Int32(commits.count - 1), path: pathNumber))
    }

    /// Sorts the triples and marks where each blob starts; call once after the last
    /// ``add(blob:path:)``.
    mutating func seal() {
        pathIndex = [:]
        entries.sort { lhs, rhs in
            lhs.blob != rhs.blob ? lhs.blob < rhs.blob : lhs.commit > rhs.commit
        }
        groupStarts = []
        for index in entries.indices where index == 0 || entries[index].blob != entries[index - 1].blob {
            groupStarts.append(Int32(index))
        }
    }
}

extension HistoryIndex {
    /// Reads `git log --raw -z -c --format=…` output (NUL-separated tokens) into an index.
    struct Parser {
        /// The index built so far.
        private(set) var index = HistoryIndex()
        private var tokens = LineSplitter(separator: 0)
        private var headerFields: [String] = []
        private var pendingBlob: ObjectID?
        private var expectsPath = false
        /// Tokens that made no sense (counted, skipped).
        private(set) var malformed = 0

        /// Feeds a chunk of `git log` output.
        mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
            var splitter = tokens
            splitter.feed(chunk) { token in consume(token) }
            tokens = splitter
        }

        /// Reads what is left and returns the sealed index.
        mutating func finish() -> HistoryIndex {
            var splitter = tokens
            splitter.finish { token in consume(token) }
            tokens = splitter
            flushHeader()
            index.seal()
            return index
        }

        private mutating func consume(_ raw: UnsafeBufferPointer<UInt8>) {
            if !headerFields.isEmpty {
                headerFields.append(String(decoding: raw, as: UTF8.self))
                if headerFields.count == 5 { flushHeader() }
                return
            }
            if expectsPath {
                expectsPath = false
                if let blob = pendingBlob { index.add(blob: blob, path: Array(raw)) }
                pendingBlob = nil
                return
            }
            var token = raw[...]
            while token.first == 0x0A { token = token.dropFirst() }
            guard let first = token.first else { return }
            if first == 0x01 {
                headerFields = [String(decoding: token.dropFirst(), as: UTF8.self)]
            } else if first == UInt8(ascii: ":") {
                pendingBlob = Self.introducedBlob(token)
                expectsPath = true
            } else {
                malformed += 1
            }
        }

        private mutating func flushHeader() {
            guard headerFields.count == 5 else {
                if !headerFields.isEmpty { malformed += 1 }
                headerFields = []
                return
            }
            index.addCommit(
                CommitInfo(
                    id: headerFields[0], author: headerFields[1], email: headerFields[2], date: headerFields[3],
                    summary: headerFields[4]))
            headerFields = []
        }

        /// The new blob of a raw entry (`:old new oldID newID S` or, for merges,
        /// `::m1 m2 new o1 o2 newID SS`) when it is a regular file that exists afterwards.
        static func introducedBlob(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> ObjectID? {
            var parents = 0
            var rest = token
            while rest.first == UInt8(ascii: ":") {
                parents += 1
                rest = rest.dropFirst()
            }
            let fields = rest.split(separator: 0x20)
            guard parents >= 1, fields.count >= 2 * (parents + 1) else { return nil }
            let mode = fields[parents]
            guard
                mode.elementsEqual("100644".utf8) || mode.elementsEqual("100755".utf8)
                    || mode.elementsEqual("100664".utf8),
                let blob = ObjectID(hex: fields[2 * parents + 1]), !blob.isZero
            else { return nil }
            return blob
        }
    }
}
