import Foundation
import Testing

@testable import HoundCLI

/// A repository that plants a named pipe (FIFO) where git reads a file: git opens it without
/// `O_NONBLOCK` and would wait for a writer for ever. keyhound stops such a git child after a
/// few seconds and says why (exit 2), in every mode that runs git.
@Suite(.timeLimit(.minutes(2)))
struct FIFOTrapTests {
    /// Where the FIFO goes, and how the repository points git at it.
    enum Trap: String, CaseIterable, CustomTestStringConvertible {
        case configInclude, gitignore, nestedGitignore, infoExclude
        var testDescription: String { rawValue }

        func plant(in repo: GitRepo, scratch: Scratch) throws {
            switch self {
            case .configInclude:
                let fifo = scratch.url("outside.fifo")
                #expect(mkfifo(fifo, 0o600) == 0)
                try repo.git("config", "include.path", fifo)
            case .gitignore:
                #expect(mkfifo(repo.path + "/.gitignore", 0o600) == 0)
            case .nestedGitignore:
                try FileManager.default.createDirectory(atPath: repo.path + "/deep/er", withIntermediateDirectories: true)
                #expect(mkfifo(repo.path + "/deep/er/.gitignore", 0o600) == 0)
            case .infoExclude:
                unlink(repo.path + "/.git/info/exclude")
                #expect(mkfifo(repo.path + "/.git/info/exclude", 0o600) == 0)
            }
        }
    }

    func trappedRepository(_ trap: Trap, _ scratch: Scratch) throws -> GitRepo {
        let repo = try GitRepo(scratch)
        try repo.write("app.py", "STRIPE = \"\(KnownSecrets.stripe)\"\n")
        try repo.commit("first")
        try repo.write("staged.txt", "token = \"\(KnownSecrets.stripe)\"\n")
        try repo.git("add", "staged.txt")
        try trap.plant(in: repo, scratch: scratch)
        return repo
    }

    @Test(arguments: Trap.allCases)
    func workingTreeScanStopsAndSaysWhy(_ trap: Trap) throws {
        let scratch = try Scratch()
        let repo = try trappedRepository(trap, scratch)
        let started = Date()
        let run = keyhound(["scan", ".", "--no-progress"], in: repo.path)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.all.contains("named pipe (FIFO)"), "\(run.all)")
        #expect(Date().timeIntervalSince(started) < 60, "stopped, not hung")
    }

    @Test(arguments: [["scan", "--staged", "--no-progress"], ["scan", "--history", "--no-progress"]])
    func gitModesStopOnAnIncludedFIFO(_ arguments: [String]) throws {
        let scratch = try Scratch()
        let repo = try trappedRepository(.configInclude, scratch)
        let run = keyhound(arguments, in: repo.path)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.all.contains("named pipe (FIFO)"), "\(run.all)")
    }
}
