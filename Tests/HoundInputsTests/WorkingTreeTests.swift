import Foundation
import HoundInputs
import Testing

@Suite("Working tree")
struct WorkingTreeTests {
    private func names(_ tree: WorkingTree) -> [String] { tree.files.map(\.display) }

    @Test func walkHonoursNestedGitignoreAndSkipsDotGit() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let root = fixture.home + "/plain"
        var plain = fixture
        plain.path = root
        try plain.write(".gitignore", "*.log\n/build/\nsecret-dir/\n")
        try plain.write("app.swift", "code")
        try plain.write("debug.log", "x")
        try plain.write("build/out.o", "x")
        try plain.write("src/build/keep.txt", "x")
        try plain.write("src/.gitignore", "!important.log\n/generated\n")
        try plain.write("src/important.log", "x")
        try plain.write("src/other.log", "x")
        try plain.write("src/generated", "x")
        try plain.write("src/deeper/generated", "x")
        try plain.write("secret-dir/.gitignore", "!*\n")
        try plain.write("secret-dir/a.txt", "x")
        try plain.write(".git/config", "x")
        try plain.write("vendored/.git", "gitdir: elsewhere")

        let tree = try WorkingTree.list(root: root, git: fixture.git)
        #expect(tree.source == .directoryWalk)
        #expect(
            names(tree) == [
                ".gitignore", "app.swift", "src/.gitignore", "src/build/keep.txt", "src/deeper/generated",
                "src/important.log",
            ])
    }

    @Test func walkDoesNotFollowSymlinks() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let root = fixture.home + "/loops"
        var plain = fixture
        plain.path = root
        try plain.write("a/file.txt", "x")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: root + "/loop", withDestinationPath: ".")
        try manager.createSymbolicLink(atPath: root + "/a/back", withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: root + "/a/outside", withDestinationPath: "/etc")
        try manager.createSymbolicLink(atPath: root + "/alias.txt", withDestinationPath: "a/file.txt")

        let tree = try WorkingTree.list(root: root, git: fixture.git)
        #expect(names(tree) == ["a/file.txt"])
        #expect(tree.skippedSymlinks == 4)
    }

    @Test func gitListingKeepsTrackedAndUntrackedButNotIgnored() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write(".gitignore", "*.log\n")
        try fixture.write("tracked.txt", "x")
        try fixture.write("deleted.txt", "x")
        try fixture.write("conflict.txt", "base\n")
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/link", withDestinationPath: "/etc/passwd")
        try fixture.commit("base")
        try fixture.git(["checkout", "-q", "-b", "side"])
        try fixture.write("conflict.txt", "side\n")
        try fixture.commit("side")
        try fixture.git(["checkout", "-q", "main"])
        try fixture.write("conflict.txt", "main\n")
        try fixture.commit("main")
        _ = try? fixture.git(["merge", "-q", "side"])
        try FileManager.default.removeItem(atPath: fixture.path + "/deleted.txt")
        try fixture.write("untracked new.txt", "x")
        try fixture.write("ignored.log", "x")
        var nested = fixture
        nested.path = fixture.path + "/nested"
        try fixture.git(["init", "-q", nested.path])
        try nested.write("inner.txt", "x")

        let tree = try WorkingTree.list(root: fixture.path, git: fixture.git)
        #expect(tree.source == .git)
        #expect(names(tree) == [".gitignore", "conflict.txt", "tracked.txt", "untracked new.txt"])
        #expect(tree.skippedSymlinks == 1)

        let sub = try WorkingTree.list(root: fixture.path, git: fixture.git, useGit: false)
        #expect(sub.source == .directoryWalk)
        #expect(names(sub).contains("nested/inner.txt"))
    }

    @Test func gitListingOfASubfolderIsRelativeToIt() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("top.txt", "x")
        try fixture.write("sub/inner.txt", "x")
        try fixture.commit("base")
        let tree = try WorkingTree.list(root: fixture.path + "/sub", git: fixture.git)
        #expect(names(tree) == ["inner.txt"])
        #expect(tree.reader().read(tree.files[0]).value == Array("x".utf8))
    }

    @Test func missingRootIsAnError() {
        #expect(throws: InputError.notADirectory("/nonexistent/keyhound")) {
            try WorkingTree.list(root: "/nonexistent/keyhound")
        }
    }
}
