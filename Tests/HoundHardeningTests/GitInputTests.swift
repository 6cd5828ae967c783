import Foundation
import Testing

@testable import HoundCLI

/// Hostile repositories: shallow clones, corrupt and missing objects, 100k refs, no git at
/// all, not a repository.
@Suite(.timeLimit(.minutes(2)))
struct GitInputTests {
    /// A repository with three commits, each adding a file with its own secret.
    func threeCommits(_ scratch: Scratch) throws -> GitRepo {
        let repo = try GitRepo(scratch, folder: "origin")
        for i in 1...3 {
            try repo.write("f\(i).txt", "token\(i) = \"\(KnownSecrets.stripe)\(i)\"\n")
            try repo.commit("commit \(i)")
        }
        return repo
    }

    @Test func shallowCloneIsScannedWithANotice() throws {
        let scratch = try Scratch()
        let origin = try threeCommits(scratch)
        try origin.git("clone", "-q", "--depth", "1", "file://" + origin.path, scratch.url("shallow"), in: scratch.path)
        let run = keyhound(["scan", "--history", "--no-progress"], in: scratch.url("shallow"))
        #expect(run.status == .findings, "\(run.all)")
        #expect(run.err.contains("shallow clone: history before the shallow boundary was not scanned"))
        #expect(run.out.contains("scanned 3 blobs"), "the boundary commit still holds all three files")
    }

    @Test(arguments: ["overwrite", "truncate"])
    func corruptBlobIsAnErrorAndTheRestIsScanned(_ damage: String) throws {
        let scratch = try Scratch()
        let repo = try threeCommits(scratch)
        let object = try repo.objectFile("HEAD:f2.txt")
        chmod(object, 0o644)
        if damage == "overwrite" {
            try Data("this is not a zlib stream".utf8).write(to: URL(fileURLWithPath: object))
        } else {
            #expect(truncate(object, 10) == 0)
        }
        let run = keyhound(["scan", "--history", "--no-progress"], in: repo.path)
        // A damaged blob is an error naming it and its path; the other blobs are still scanned
        // and reported, and the sweep exits 2 (incomplete), not 1.
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.out.contains("f2.txt: blob "), "\(run.all)")
        #expect(run.out.contains("missing or damaged"), "\(run.all)")
        #expect(run.out.contains("f1.txt:1:") && run.out.contains("f3.txt:1:"))
        #expect(!run.out.contains("f2.txt:1:"))
    }

    @Test func oversizedBlobIsSkippedWithANotice() throws {
        let scratch = try Scratch()
        let repo = try threeCommits(scratch)
        try repo.write("dump.sql", String(repeating: "insert into t values (1);\n", count: 400))
        try repo.commit("a big file")
        let run = keyhound(["scan", "--history", "--no-progress", "--max-file-size", "4KB"], in: repo.path)
        #expect(run.status == .findings, "\(run.all)")
        #expect(run.err.contains("dump.sql: blob "), "\(run.err)")
        #expect(run.err.contains("bytes is above the size limit"))
        #expect(run.out.contains("skipped 1 large"), "counted once: \(run.out)")
    }

    @Test func missingTreeIsAnErrorWithGitsMessage() throws {
        let scratch = try Scratch()
        let repo = try threeCommits(scratch)
        unlink(try repo.objectFile("HEAD^{tree}"))
        let run = keyhound(["scan", "--history", "--no-progress"], in: repo.path)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.out.contains("unable to read tree"), "\(run.all)")
    }

    @Test func hundredThousandRefsAreListedQuickly() throws {
        let scratch = try Scratch()
        let repo = try threeCommits(scratch)
        let head = try repo.git("rev-parse", "HEAD")
        let count = environmentInteger("KEYHOUND_HARDENING_REFS") ?? 100_000
        // `git update-ref --stdin` writes one loose ref file per ref (41 s for 100k on a busy
        // two-core machine); a packed-refs file is what a large repository has anyway.
        var packed = "# pack-refs with: peeled fully-peeled sorted \n"
        for i in 0..<count { packed += "\(head) refs/tags/t\(String(format: "%07d", i))\n" }
        try Data(packed.utf8).write(to: URL(fileURLWithPath: repo.path + "/.git/packed-refs"))
        #expect(try repo.git("for-each-ref", "--count=1", "refs/tags/t0000000") != "")

        let started = monotonicSeconds()
        if let binary = Shell.keyhoundBinary {
            let child = try Shell.run(binary, ["scan", "--history", "--no-progress"], in: repo.path, timeout: 110)
            print(
                "100k refs: scan --history took \(String(format: "%.1f", child.seconds)) s, peak \(String(format: "%.0f", child.peakMiB)) MiB"
            )
            #expect(child.status == 1, "\(child.err)")
            #expect(child.out.contains("scanned 3 blobs"))
            #expect(child.peakMiB < 200)
        } else {
            let run = keyhound(["scan", "--history", "--no-progress"], in: repo.path)
            #expect(run.status == .findings, "\(run.all)")
            print(
                "100k refs: scan --history took \(String(format: "%.1f", monotonicSeconds() - started)) s (in-process)")
        }
        #expect(monotonicSeconds() - started < 90)
    }

    @Test func gitMissingFromPathIsAClearError() throws {
        let scratch = try Scratch()
        let repo = try threeCommits(scratch)
        guard let binary = Shell.keyhoundBinary else {
            // In-process fallback: the same lookup through KEYHOUND_GIT.
            let run = keyhound(
                ["scan", "--history", "--no-progress"], in: repo.path, environment: ["KEYHOUND_GIT": "/nonexistent/git"]
            )
            #expect(run.status == .incomplete)
            #expect(run.all.contains("not found"))
            return
        }
        let noGit = ["PATH": "/nonexistent", "HOME": scratch.path]
        for mode in [["--history"], ["--staged"], ["--diff", "HEAD~1..HEAD"], ["--since", "HEAD~1"]] {
            let child = try Shell.run(
                binary, ["scan"] + mode + ["--no-progress"], in: repo.path, environment: noGit, timeout: 30)
            #expect(child.status == 2, "\(mode): \(child.out) \(child.err)")
            #expect((child.out + child.err).contains("git not found in PATH (git is needed for this scan)"), "\(mode)")
        }
        // A tree scan does not need git: it walks the folder instead.
        let tree = try Shell.run(
            binary, ["scan", ".", "--no-progress"], in: repo.path, environment: noGit, timeout: 30)
        #expect(tree.status == 1, "\(tree.err)")
        let hooks = try Shell.run(binary, ["hooks", "install"], in: repo.path, environment: noGit, timeout: 30)
        #expect(hooks.status == 2)
        #expect(hooks.err.contains("git not found"))
    }

    @Test func notARepositoryIsAClearError() throws {
        let scratch = try Scratch()
        try scratch.write("plain/a.txt", "x = 1\n")
        for mode in [["--history"], ["--staged"], ["--diff", "main..HEAD"]] {
            let run = keyhound(["scan"] + mode + ["--no-progress"], in: scratch.url("plain"))
            #expect(run.status == .incomplete, "\(mode): \(run.all)")
            #expect(run.all.contains("not a git repository"), "\(mode): \(run.all)")
        }
    }

    @Test func unknownRevisionIsAClearError() throws {
        let scratch = try Scratch()
        let repo = try threeCommits(scratch)
        let run = keyhound(["scan", "--diff", "no-such-branch..HEAD", "--no-progress"], in: repo.path)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.all.contains("no-such-branch"), "\(run.all)")
    }
}
