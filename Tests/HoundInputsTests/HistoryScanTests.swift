import Foundation
import HoundInputs
import HoundModel
import Testing

@Suite("History scan")
struct HistoryScanTests {
    /// Every blob handed out, keyed by its text, with "summary:path" per introduction.
    private func sweep(_ scan: HistoryScan) throws -> ([String: [String]], HistoryReport) {
        var blobs: [String: [String]] = [:]
        let report = try scan.forEachBlob { blob in
            let text = String(decoding: blob.bytes, as: UTF8.self)
            #expect(blobs[text] == nil, "blob handed out twice: \(text)")
            blobs[text] = blob.introductions.map { "\($0.commit.summary):\($0.path.display)" }
        }
        return (blobs, report)
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
        var fragments: [Fragment] = []
        try HistoryScan(repository: try fixture.repository()).forEachBlob { blob in
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
        #expect(commits.map(\.summary) == ["add app.env", "copy it"])
        #expect(commits.first?.date == "2026-01-01T10:00:00+00:00")
        #expect(commits.first?.author == "Ada Lovelace")
    }

    @Test func revisionsNarrowTheSweep() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try buildHistory(fixture)
        let (blobs, _) = try sweep(HistoryScan(repository: try fixture.repository(), refs: ["main"]))
        #expect(blobs["only on topic\n"] == nil)
        #expect(blobs.count == 3)
    }

    @Test func packAndObjectOrderAgree() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try buildHistory(fixture)
        try fixture.git(["gc", "-q"])
        var byID = HistoryScan(repository: try fixture.repository())
        byID.order = .objectID
        let (packed, _) = try sweep(HistoryScan(repository: try fixture.repository()))
        let (sorted, _) = try sweep(byID)
        #expect(packed == sorted)
        #expect(packed.count == 4)
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
        #expect(repository.isBare)

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

    @Test func missingObjectsAreCountedNotFatal() throws {
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
        #expect(report.notices.map(\.kind) == [.missingObject])
    }

    @Test func emptyRepositoryHasNoHistory() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let (blobs, report) = try sweep(HistoryScan(repository: try fixture.repository()))
        #expect(blobs.isEmpty)
        #expect(report.commits == 0)
    }
}
