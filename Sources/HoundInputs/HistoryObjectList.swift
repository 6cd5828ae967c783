import HoundSupport

/// The lister of a history sweep: `git cat-file --batch-all-objects --batch-check --unordered`
/// names every object present, in pack order, with its size; each blob within the size limit
/// becomes a request to read it, the others are set aside for notices.
struct HistoryObjectList {
    /// What the lister leaves behind.
    struct Outcome: Sendable {
        /// Blobs above the size limit, with their sizes, in pack order (never read).
        var oversized: [(blob: ObjectID, size: Int)] = []
        /// What stopped the listing early, if anything.
        var failure: InputError?
    }

    let scan: HistoryScan
    let feed: HistoryFeed

    /// The `--batch-check` format: type, id, size.
    static let format = "--batch-check=%(objecttype) %(objectname) %(objectsize)"

    /// Lists the objects and submits the blobs to read, as they are listed; with `index`, waits
    /// for it and submits only the blobs it names.
    func run(filteringBy index: (@Sendable () -> HistoryIndex)?) -> Outcome {
        var outcome = Outcome()
        var listed: [(blob: ObjectID, size: Int)] = []
        var requests: [ObjectID] = []
        var lines = LineSplitter()
        let limit = scan.maximumBlobSize
        let holds = index != nil
        func take(_ line: UnsafeBufferPointer<UInt8>) {
            guard let (blob, size) = Self.blob(line) else { return }
            if holds {
                listed.append((blob, size))
            } else if size > limit {
                outcome.oversized.append((blob, size))
            } else {
                requests.append(blob)
            }
        }
        do {
            try scan.repository.stream(["cat-file", "--batch-all-objects", "--unordered", Self.format]) { chunk in
                lines.feed(chunk, take)
                feed.submit(requests)
                requests.removeAll(keepingCapacity: true)
                return feed.isAborted ? .stop : .proceed
            }
            lines.finish(take)
            feed.submit(requests)
        } catch {
            outcome.failure = error
        }
        guard let index else { return outcome }
        let complete = index()
        for (blob, size) in listed {
            guard complete.contains(blob) else { continue }
            if size > limit {
                outcome.oversized.append((blob, size))
            } else {
                requests.append(blob)
            }
        }
        feed.submit(requests)
        return outcome
    }

    private static let blobPrefix = Array("blob ".utf8)

    /// The id and size of a `blob <id> <size>` line; nil for other objects.
    static func blob(_ line: UnsafeBufferPointer<UInt8>) -> (ObjectID, Int)? {
        guard line.starts(with: blobPrefix) else { return nil }
        let fields = line[blobPrefix.count...].split(separator: 0x20)
        guard fields.count == 2, let blob = ObjectID(hex: fields[0]), !fields[1].isEmpty,
            fields[1].count <= 18, fields[1].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        return (blob, fields[1].reduce(0) { $0 * 10 + Int($1 - 0x30) })
    }
}
