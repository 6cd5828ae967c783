import HoundInputs
import HoundModel
import Testing

@Suite("Staged diff")
struct StagedDiffTests {
    private func staged(_ fixture: GitFixture) throws -> [FilePatch] {
        try StagedDiff(repository: fixture.repository()).patches()
    }

    @Test func editsInTheMiddleKeepNewFileLineNumbers() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("app.conf", (1...10).map { "line \($0)\n" }.joined())
        try fixture.commit("first")
        var lines = (1...10).map { "line \($0)" }
        lines[4] = "line 5 changed"
        lines.insert(contentsOf: ["inserted a", "inserted b"], at: 7)
        lines.removeFirst()
        try fixture.write("app.conf", lines.joined(separator: "\n") + "\n")
        try fixture.git(["add", "app.conf"])

        let patches = try staged(fixture)
        #expect(patches.count == 1)
        #expect(patches.first?.path == RawPath("app.conf"))
        #expect(patches.first?.addedLines == ["line 5 changed", "inserted a", "inserted b"])
        #expect(patches.first?.lineNumbers == [4, 7, 8])
    }

    @Test func newFileIsAddedWhole() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("README", "hello\n")
        try fixture.commit("first")
        try fixture.write("config/new.env", "A=1\nB=2\nC=3")
        try fixture.git(["add", "-A"])

        let fragments = try StagedDiff(repository: fixture.repository()).fragments()
        #expect(fragments.fragments.count == 1)
        let fragment = try #require(fragments.fragments.first)
        #expect(fragment.path == "config/new.env")
        #expect(String(decoding: fragment.bytes, as: UTF8.self) == "A=1\nB=2\nC=3")
        #expect(fragment.lineNumbers == [1, 2, 3])
        #expect(fragment.provenance == .staged)
    }

    @Test func renameContributesOnlyItsEdits() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("old name.txt", (1...20).map { "row \($0)\n" }.joined())
        try fixture.commit("first")
        try fixture.git(["mv", "old name.txt", "new name.txt"])
        try fixture.write("new name.txt", (1...20).map { "row \($0)\n" }.joined() + "row 21\n")
        try fixture.git(["add", "-A"])

        let patches = try staged(fixture)
        #expect(patches.map(\.path) == [RawPath("new name.txt")])
        #expect(patches.first?.addedLines == ["row 21"])
        #expect(patches.first?.lineNumbers == [21])
    }

    @Test func deletionsModeChangesAndBinariesAddNothing() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("gone.txt", "bye\n")
        try fixture.write("script.sh", "echo hi\n")
        try fixture.write(raw: Array("blob.bin".utf8), [0, 1, 2, 3])
        try fixture.commit("first")
        try fixture.git(["rm", "-q", "gone.txt"])
        try fixture.git(["update-index", "--chmod=+x", "script.sh"])
        try fixture.write(raw: Array("blob.bin".utf8), [0, 9, 9, 9])
        try fixture.git(["add", "-A"])

        let result = try StagedDiff(repository: fixture.repository()).fragments()
        #expect(result.fragments.isEmpty)
        #expect(result.notices == [InputNotice(.binary, subject: "blob.bin", message: "binary file skipped")])
    }

    @Test func awkwardNamesArriveAsRawBytes() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let names: [[UInt8]] = [
            Array("with space.txt".utf8), Array("quote\"and\\backslash".utf8), Array("new\nline".utf8),
            Array("café/ñ.txt".utf8), Array("latin1-".utf8) + [0xE9], Array("tab\tname".utf8),
        ]
        try fixture.write("keep", "x\n")
        try fixture.commit("first")
        for name in names { try fixture.write(raw: name, Array("content\n".utf8)) }
        try fixture.git(["add", "-A"])

        let patches = try staged(fixture)
        #expect(Set(patches.map(\.path)) == Set(names.map(RawPath.init)))
        #expect(patches.allSatisfy { $0.addedLines == ["content"] && $0.lineNumbers == [1] })
        let display = Set(patches.map(\.path.display))
        #expect(display.contains("latin1-\\xE9"))
        #expect(display.contains("new\\nline"))
    }

    @Test func lineThatLooksLikeAHeaderIsContent() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("notes.md", "start\n")
        try fixture.commit("first")
        try fixture.write("notes.md", "start\n++ b/evil\ndiff --git a/x b/x\n@@ -1 +1 @@\n-- a\n")
        try fixture.git(["add", "-A"])

        let patch = try #require(try staged(fixture).first)
        #expect(patch.addedLines == ["++ b/evil", "diff --git a/x b/x", "@@ -1 +1 @@", "-- a"])
        #expect(patch.lineNumbers == [2, 3, 4, 5])
    }

    @Test func repositoryWithoutCommits() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("first.txt", "one\ntwo\n")
        try fixture.git(["add", "-A"])

        let repository = try fixture.repository()
        #expect(try repository.resolveCommit("HEAD") == nil)
        let patches = try StagedDiff(repository: repository).patches()
        #expect(
            patches == [FilePatch(path: RawPath("first.txt"), addedBytes: Array("one\ntwo".utf8), lineNumbers: [1, 2])])
    }

    @Test func linkedWorktreeReadsItsOwnIndex() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("shared.txt", "base\n")
        try fixture.commit("first")
        let linked = fixture.home + "/linked"
        try fixture.git(["worktree", "add", "-q", "-b", "topic", linked])
        var other = fixture
        other.path = linked
        try other.write("shared.txt", "base\nfrom linked\n")
        try other.git(["add", "-A"])

        let repository = try fixture.repository(at: linked)
        #expect(repository.workTree == linked)
        #expect(repository.gitDirectory.hasSuffix("/.git/worktrees/linked"))
        #expect(repository.hooksDirectory == fixture.path + "/.git/hooks")
        #expect(try StagedDiff(repository: repository).patches().first?.addedLines == ["from linked"])
        #expect(try StagedDiff(repository: fixture.repository()).patches().isEmpty)
    }

    @Test func duringAConflictedMergeUnmergedPathsAreSkipped() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("both.txt", "base\n")
        try fixture.commit("base")
        try fixture.git(["checkout", "-q", "-b", "side"])
        try fixture.write("both.txt", "side\n")
        try fixture.write("side-only.txt", "from side\n")
        try fixture.commit("side")
        try fixture.git(["checkout", "-q", "main"])
        try fixture.write("both.txt", "main\n")
        try fixture.commit("main")
        _ = try? fixture.git(["merge", "-q", "side"])

        let patches = try staged(fixture)
        #expect(patches.map(\.path) == [RawPath("side-only.txt")])
    }

    @Test func hooksDirectoryHonoursCoreHooksPath() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        #expect(try fixture.repository().hooksDirectory == fixture.path + "/.git/hooks")
        try fixture.git(["config", "core.hooksPath", "tools/hooks"])
        #expect(try fixture.repository().hooksDirectory == fixture.path + "/tools/hooks")
    }

    @Test func discoveryReportsWhatItFound() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("sub/dir/file", "x\n")
        let repository = try fixture.repository(at: fixture.path + "/sub/dir")
        #expect(repository.workTree == fixture.path)
        #expect(repository.gitDirectory == fixture.path + "/.git")
        #expect(repository.hasWorkTree && !repository.isBareRepository && !repository.isShallow)
        #expect(throws: InputError.notARepository(fixture.home)) {
            try GitRepository.discover(at: fixture.home, git: fixture.git)
        }
        #expect(throws: InputError.gitNotFound("no-such-git")) {
            try GitRepository.discover(at: fixture.path, git: GitTool(executable: "no-such-git"))
        }
    }
}
