import Foundation
import HoundInputs
import HoundModel
import Testing

@Suite("History scan")
struct HistoryScanTests {
    /// Every blob handed out, keyed by its text, with "summary:path" per introduction (from the
    /// sweep's index, oldest first).
    private func sweep(_ scan: HistoryScan) throws -> ([String: [String]], HistoryReport) {
        var texts: [ObjectID: String] = [:]
        let result = try scan.sweep { blob in
            #expect(texts[blob.objectID] == nil, "blob handed out twice: \(blob.objectID)")
            texts[blob.objectID] = String(decoding: blob.bytes, as: UTF8.self)
        }
        var blobs: [String: [String]] = [:]
        for (id, text) in texts where result.index.contains(id) {
            blobs[text] = result.index.introductions(of: id).map { "\($0.commit.summary):\($0.path.display)" }
        }
        return (blobs, result.report)
    }

    private func buildHistory(_ fixture: GitFixture) throws {
        try fixture.write("config/app.env", "TOKEN=one\n")
        try fixture.commit("add app.env", date: "2026-01-01T10:00:00+00:00")
        try fixture.write("copy/app.env", "TOKEN=one\n")
        try fixture.write("notes.txt", "hello\n")
        try fixture.commit("copy it", date: "2026-01-02T10:00:00+00:00")
        try fixture.write("config/app.env", "TOKEN=two\n")
        try fixture.write(raw: Array("image.png".utf8), [0x89, 0x50, 0x4E, 0x47, 0, 0, 1])
        try fixture.commit("rotate", date: "2026-01-03T10:00:00+00:00")
        try fixture.git(["checkout", "-q", "-b", "topic"])
        try fixture.write("topic.txt", "only on topic\n")
        try fixture.commit("topic work", date: "2026-01-04T10:00:00+00:00")
        try fixture.git(["checkout", "-q", "main"])
    }

    @Test func eachBlobOnceWithEveryIntroduction() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try buildHistory(fixture)

        let (blobs, report) = try sweep(HistoryScan(repository: try fixture.repository()))
        #expect(
            blobs == [
                "TOKEN=one\n": ["add app.env:config/app.env", "copy it:copy/app.env"],
                "hello\n": ["copy it:notes.txt"],
                "TOKEN=two\n": ["rotate:config/app.env"],
                "only on topic\n": ["topic work:topic.txt"],
            ])
        #expect(report.commits == 4)
        #expect(report.uniqueBlobs == 5)
        #expect(report.scannedBlobs == 4)
        #expect(report.binaryBlobs == 1)
        #expect(report.notices.isEmpty)
    }

    @Test func fragmentCarriesTheBlobAndItsCommits() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try buildHistory(fixture)
        // Waiting for the index: scanned under the oldest introduction.
        var scan = HistoryScan(repository: try fixture.repository())
        scan.waitsForIndex = true
        var fragments: [Fragment] = []
        try scan.sweep { blob in
            if blob.bytes == Array("TOKEN=one\n".utf8) { fragments.append(blob.fragment) }
        }
        let fragment = try #require(fragments.first)
        #expect(fragment.path == "config/app.env")
        guard case .blob(let objectID, let commits) = fragment.provenance else {
            Issue.record("expected blob provenance")
            return
        }
        #expect(
            objectID
                == (try fixture.git(["rev-parse", "main:copy/app.env"])).trimmingCharacters(in: .whitespacesAndNewlines)
        )
        #expect(commits.map(\.summary) == ["add app.env"])
        #expect(commits.first?.date == "2026-01-01T10:00:00+00:00")
        #expect(commits.first?.author == "Ada Lovelace")

        // Without waiting, blobs are read while the log runs: no introduction yet, the index
        // places the findings afterwards.
        scan.waitsForIndex = false
        var streamed: [HistoryBlob] = []
        let result = try scan.sweep { blob in
            if blob.bytes == Array("TOKEN=one\n".utf8) { streamed.append(blob) }
        }
        let blob = try #require(streamed.first)
        #expect(streamed.count == 1)
        #expect(blob.introduction == nil)
        #expect(blob.fragment.path == "")
        #expect(
            result.index.introductions(of: blob.objectID).map(\.path.display) == ["config/app.env", "copy/app.env"])
    }

    @Test func unreachableBlobsAreReadButNotCounted() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try buildHistory(fixture)
        // A dangling blob: in the object store, in no commit.
        try Data("not in history\n".utf8).write(to: URL(fileURLWithPath: fixture.home + "/loose.txt"))
        let dangling = try fixture.git(["hash-object", "-w", fixture.home + "/loose.txt"])
        let (blobs, report) = try sweep(HistoryScan(repository: try fixture.repository()))
        #expect(blobs["not in history\n"] == nil)
        #expect(blobs.count == 4)
        #expect(report.scannedBlobs == 4)
        #expect(report.uniqueBlobs == 5)
        #expect(!dangling.isEmpty)
    }

    @Test func revisionsNarrowTheSweep() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try buildHistory(fixture)
        let (blobs, _) = try sweep(HistoryScan(repository: try fixture.repository(), refs: ["main"]))
        #expect(blobs["only on topic\n"] == nil)
        #expect(blobs.count == 3)
    }

    @Test func streamedAndIndexedSweepsAgree() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try buildHistory(fixture)
        try fixture.git(["gc", "-q"])
        var indexed = HistoryScan(repository: try fixture.repository())
        indexed.waitsForIndex = true
        let (streamedBlobs, streamedReport) = try sweep(HistoryScan(repository: try fixture.repository()))
        let (indexedBlobs, indexedReport) = try sweep(indexed)
        #expect(streamedBlobs == indexedBlobs)
        #expect(streamedBlobs.count == 4)
        #expect(streamedReport.scannedBytes == indexedReport.scannedBytes)
    }

    @Test func oversizedBlobsAreSkippedWithANotice() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("small.txt", "tiny\n")
        try fixture.write("large.txt", String(repeating: "x", count: 5000))
        try fixture.commit("sizes")
        let (blobs, report) = try sweep(HistoryScan(repository: try fixture.repository(), maximumBlobSize: 1000))
        #expect(Array(blobs.keys) == ["tiny\n"])
        #expect(report.oversizedBlobs == 1)
        #expect(report.notices.map(\.kind) == [.tooLarge])
        #expect(report.notices.first?.subject == "large.txt")
    }

    @Test func mergeResolutionIsAttributedToTheMerge() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("both.txt", "base\n")
        try fixture.commit("base")
        try fixture.git(["checkout", "-q", "-b", "side"])
        try fixture.write("both.txt", "side\n")
        try fixture.commit("side")
        try fixture.git(["checkout", "-q", "main"])
        try fixture.write("both.txt", "main\n")
        try fixture.commit("main")
        _ = try? fixture.git(["merge", "-q", "side"])
        try fixture.write("both.txt", "resolved\n")
        try fixture.commit("merge side")

        let (blobs, report) = try sweep(HistoryScan(repository: try fixture.repository()))
        #expect(blobs["resolved\n"] == ["merge side:both.txt"])
        #expect(blobs["side\n"] == ["side:both.txt"])
        #expect(report.commits == 4)
    }

    @Test func bareCloneAndAwkwardPaths() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write(raw: Array("dir/naïve ".utf8) + [0xFF] + Array("\nname".utf8), Array("odd\n".utf8))
        try buildHistory(fixture)
        let bare = fixture.home + "/mirror.git"
        try fixture.git(["clone", "-q", "--mirror", fixture.path, bare])
        let repository = try GitRepository.discover(at: bare, git: fixture.git)
        #expect(!repository.hasWorkTree && repository.isBareRepository)

        let (blobs, report) = try sweep(HistoryScan(repository: repository))
        #expect(blobs["odd\n"] == ["add app.env:dir/naïve \\xFF\\nname"])
        #expect(blobs.count == 5)
        #expect(report.notices.isEmpty)
    }

    @Test func shallowCloneIsScannedWithANotice() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try buildHistory(fixture)
        let shallow = fixture.home + "/shallow"
        try fixture.git(
            ["clone", "-q", "--depth", "1", "--no-local", "file://" + fixture.path, shallow], in: fixture.home)
        let repository = try GitRepository.discover(at: shallow, git: fixture.git)
        #expect(repository.isShallow)

        let (blobs, report) = try sweep(HistoryScan(repository: repository))
        #expect(report.notices.map(\.kind) == [.shallowHistory])
        #expect(report.commits == 1)
        #expect(blobs["TOKEN=two\n"] == ["rotate:config/app.env"])
        #expect(blobs["TOKEN=one\n"] == ["rotate:copy/app.env"])
    }

    @Test func missingObjectsAreProblemsNotFatal() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("kept.txt", "kept\n")
        try fixture.write("lost.txt", "lost\n")
        try fixture.commit("two files")
        let lost = try fixture.git(["rev-parse", "HEAD:lost.txt"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = fixture.path + "/.git/objects/" + lost.prefix(2) + "/" + lost.dropFirst(2)
        try FileManager.default.removeItem(atPath: object)

        let (blobs, report) = try sweep(HistoryScan(repository: try fixture.repository()))
        #expect(Array(blobs.keys) == ["kept\n"])
        #expect(report.missingBlobs == 1)
        #expect(report.notices.isEmpty)
        #expect(report.problems.map(\.kind) == [.missingObject])
        #expect(report.problems.first?.subject == "lost.txt")
        #expect(report.problems.first?.message.contains("blob \(lost) is missing or damaged") == true)
    }

    /// Blobs of 20 KB of varied text: a truncated one still has a readable header, so
    /// `cat-file` prints it and dies mid-content.
    private func bulky(_ seed: Int) -> String {
        (0..<800).map { "line \($0) of file \(seed): \(($0 * 7919 + seed * 104_729) % 1_000_003)\n" }.joined()
    }

    @Test(arguments: ["truncate", "overwrite"])
    func corruptBlobIsAProblemAndTheSweepGoesOn(_ damage: String) throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        for (seed, name) in ["a", "b", "c", "d"].enumerated() { try fixture.write("\(name).txt", bulky(seed)) }
        try fixture.commit("four files")
        try fixture.write("e.txt", "after\n")
        try fixture.write("b-copy.txt", try String(contentsOfFile: fixture.path + "/b.txt", encoding: .utf8))
        try fixture.commit("one more, and a copy")
        let damaged = try fixture.git(["rev-parse", "HEAD:b.txt"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = fixture.path + "/.git/objects/" + damaged.prefix(2) + "/" + damaged.dropFirst(2)
        chmod(object, 0o644)
        if damage == "truncate" {
            #expect(truncate(object, 2000) == 0)
        } else {
            try Data("this is not a zlib stream".utf8).write(to: URL(fileURLWithPath: object))
        }

        let (blobs, report) = try sweep(HistoryScan(repository: try fixture.repository()))
        #expect(blobs.count == 4, "a, c, d and e are read, before and after the damaged blob")
        #expect(blobs["after\n"] == ["one more, and a copy:e.txt"])
        #expect(report.missingBlobs == 1)
        let problem = try #require(report.problems.first)
        #expect(report.problems.count == 1)
        #expect(problem.kind == .missingObject)
        #expect(problem.subject == "b.txt")
        #expect(problem.message.contains("blob \(damaged)"))
        #expect(problem.message.contains("damaged"))
        #expect(problem.message.contains("also at b-copy.txt"))
    }

    @Test func partialCloneBlobsAreCountedNeverFetched() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try buildHistory(fixture)
        let partial = fixture.home + "/partial"
        try fixture.git(["config", "uploadpack.allowFilter", "true"])
        try fixture.git(
            ["clone", "-q", "--no-local", "--filter=blob:none", "--no-checkout", "file://" + fixture.path, partial],
            in: fixture.home)
        // Without the promisor remote, any lazy fetch would fail loudly.
        try FileManager.default.moveItem(atPath: fixture.path, toPath: fixture.home + "/gone")

        let (blobs, report) = try sweep(HistoryScan(repository: try fixture.repository(at: partial)))
        #expect(blobs.isEmpty)
        #expect(report.missingBlobs == 5)
        #expect(report.problems.map(\.kind) == [.missingObject])
        #expect(
            report.problems.first?.message.contains("5 blob(s) named by the history are not in this partial clone")
                == true)
    }

    @Test func emptyRepositoryHasNoHistory() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let (blobs, report) = try sweep(HistoryScan(repository: try fixture.repository()))
        #expect(blobs.isEmpty)
        #expect(report.commits == 0)
    }
}
