import Foundation
import HoundInputs
import Testing

/// `RefSnapshot`: a repository's refs read from its files, without git; any change to a ref
/// changes the digest, and any unusual layout gives nil (the caller asks git).
@Suite("ref snapshot")
struct RefSnapshotTests {
    @Test("the digest changes when a ref moves, appears or goes away, and only then")
    func digestFollowsRefs() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("a.txt", "one\n")
        try fixture.commit("one")
        let first = try #require(RefSnapshot.read(repository: fixture.path))
        #expect(RefSnapshot.read(repository: fixture.path) == first, "reading twice gives the same digest")
        try fixture.git(["branch", "topic"])
        let branched = try #require(RefSnapshot.read(repository: fixture.path))
        #expect(branched != first)
        try fixture.git(["pack-refs", "--all"])
        let packed = try #require(RefSnapshot.read(repository: fixture.path))
        #expect(packed.looseRefs == 0)
        try fixture.write("a.txt", "two\n")
        try fixture.commit("two")
        #expect(RefSnapshot.read(repository: fixture.path) != packed, "a loose ref over a packed one")
        let before = try #require(RefSnapshot.read(repository: fixture.path))
        try fixture.git(["branch", "-D", "topic"])
        #expect(RefSnapshot.read(repository: fixture.path) != before)
    }

    @Test("a bare repository is read in place")
    func bare() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("a.txt", "one\n")
        try fixture.commit("one")
        let bare = fixture.home + "/bare.git"
        try fixture.git(["clone", "-q", "--mirror", fixture.path, bare], in: fixture.home)
        #expect(RefSnapshot.read(repository: bare) != nil)
    }

    @Test("unusual layouts give nil: a symbolic link under refs/, linked worktrees, reftable, a .git file")
    func unusualLayouts() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("a.txt", "one\n")
        try fixture.commit("one")
        let manager = FileManager.default
        let linked = fixture.path + "/.git/refs/heads/outside"
        try manager.createSymbolicLink(atPath: linked, withDestinationPath: "/etc/hostname")
        #expect(RefSnapshot.read(repository: fixture.path) == nil, "a link under refs/ is never followed")
        try manager.removeItem(atPath: linked)
        #expect(RefSnapshot.read(repository: fixture.path) != nil)

        try fixture.git(["worktree", "add", "-q", fixture.home + "/second"])
        #expect(RefSnapshot.read(repository: fixture.path) == nil, "linked worktrees: ask git")
        #expect(RefSnapshot.read(repository: fixture.home + "/second") == nil, "a .git file: ask git")
        try fixture.git(["worktree", "remove", "--force", fixture.home + "/second"])

        try fixture.git(["config", "extensions.refStorage", "files"])
        #expect(RefSnapshot.read(repository: fixture.path) == nil, "extensions.refStorage: ask git")
        #expect(RefSnapshot.read(repository: fixture.home + "/nothing") == nil)
    }
}
