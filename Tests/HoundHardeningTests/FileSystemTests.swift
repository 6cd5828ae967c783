import Foundation
import HoundInputs
import Testing

@testable import HoundCLI

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile trees: deep nesting, symlink loops, FIFOs and devices, odd names, unreadable and
/// vanishing files, and report targets that are not regular files.
@Suite(.timeLimit(.minutes(1)))
struct FileSystemTests {
    let secret = KnownSecrets.stripe

    /// Creates `depth` nested folders named `name` below `root` with `openat`/`mkdirat`, so the
    /// full path may exceed PATH_MAX; writes `leaf` at the bottom.
    func nest(_ root: String, depth: Int, name: String, leaf: [UInt8]) throws {
        var fd = open(root, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw ScratchError("open \(root)") }
        for _ in 0..<depth {
            guard mkdirat(fd, name, 0o755) == 0 else {
                throw ScratchError("mkdirat: \(String(cString: strerror(errno)))")
            }
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            guard next >= 0 else { throw ScratchError("openat") }
            fd = next
        }
        let file = openat(fd, "leaf.txt", O_WRONLY | O_CREAT, 0o644)
        _ = leaf.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
        close(fd)
    }

    @Test func fiveHundredNestedFoldersAreWalked() throws {
        let scratch = try Scratch()
        try nest(scratch.path, depth: 500, name: "d", leaf: Array("k = \"\(secret)\"\n".utf8))
        let run = keyhound(["scan", ".", "--no-progress"], in: scratch.path)
        #expect(run.status == .findings, "\(run.all.prefix(500))")
        #expect(run.out.contains(String(repeating: "d/", count: 500) + "leaf.txt:1:"))
    }

    @Test func pathLongerThanPathMaxIsAnErrorNotACrash() throws {
        let scratch = try Scratch()
        try scratch.write("top.txt", "k = \"\(secret)\"\n")
        try nest(scratch.path, depth: 1500, name: "dir", leaf: Array("x\n".utf8))
        let run = keyhound(["scan", ".", "--no-progress"], in: scratch.path)
        #expect(run.status == .incomplete, "\(run.all.suffix(300))")
        #expect(run.out.contains("File name too long"))
        #expect(run.out.contains("top.txt:1:"), "the rest of the tree is still scanned")
    }

    @Test func symlinkLoopsAreNotFollowed() throws {
        let scratch = try Scratch()
        try scratch.write("real/a.txt", "k = \"\(secret)\"\n")
        symlink("loop-b", scratch.url("loop-a"))
        symlink("loop-a", scratch.url("loop-b"))
        symlink(".", scratch.url("real/self"))
        symlink("..", scratch.url("real/parent"))
        symlink(scratch.path, scratch.url("real/absolute"))
        symlink("/", scratch.url("root"))
        let run = keyhound(["scan", ".", "--no-progress"], in: scratch.path)
        #expect(run.status == .findings, "\(run.all)")
        #expect(run.out.contains("scanned 1 file"), "each file once, links skipped: \(run.out)")

        let loop = keyhound(["scan", "loop-a", "--no-progress"], in: scratch.path)
        #expect(loop.status == .incomplete)
        #expect(loop.out.contains("loop-a: symbolic link loop"), "\(loop.all)")

        // A link to a folder named as the scan root is walked (only the root is followed).
        let linkedRoot = keyhound(["scan", "real/self", "--no-progress"], in: scratch.path)
        #expect(linkedRoot.status == .findings, "\(linkedRoot.all)")
    }

    @Test func fifoInTheTreeDoesNotBlockTheScan() throws {
        let scratch = try Scratch()
        try scratch.write("a.txt", "k = \"\(secret)\"\n")
        #expect(mkfifo(scratch.url("pipe"), 0o644) == 0)
        let walked = keyhound(["scan", ".", "--no-progress"], in: scratch.path)
        #expect(walked.status == .findings, "\(walked.all)")
        #expect(walked.out.contains("scanned 1 file"))

        // Inside a git work tree: git does not list FIFOs either.
        let repo = try GitRepo(scratch, folder: "repo")
        try repo.write("b.txt", "k = \"\(secret)\"\n")
        try repo.commit("b")
        #expect(mkfifo(repo.path + "/pipe", 0o644) == 0)
        let listed = keyhound(["scan", ".", "--no-progress"], in: repo.path)
        #expect(listed.status == .findings, "\(listed.all)")

        // Named explicitly: an error that says what it is, at once.
        let named = keyhound(["scan", "pipe", "--no-progress"], in: scratch.path)
        #expect(named.status == .incomplete)
        #expect(named.out.contains("a FIFO (named pipe), not a regular file"), "\(named.all)")
    }

    @Test func deviceFilesAreNeverRead() throws {
        let scratch = try Scratch()
        try scratch.write("a.txt", "k = \"\(secret)\"\n")
        // A private node for /dev/zero (reading it never ends) when the sandbox allows mknod,
        // else a symlink to it (links are not followed).
        if mknod(scratch.url("zero"), mode_t(S_IFCHR) | 0o644, device(major: 1, minor: 5)) != 0 {
            symlink("/dev/zero", scratch.url("zero"))
        }
        symlink("/dev/urandom", scratch.url("random"))
        let run = keyhound(["scan", ".", "--no-progress"], in: scratch.path)
        #expect(run.status == .findings, "\(run.all)")
        let named = keyhound(["scan", "/dev/zero", "--no-progress"], in: scratch.path)
        #expect(named.status == .incomplete)
        #expect(named.out.contains("a character device, not a regular file"), "\(named.all)")
    }

    @Test func namesWithNewlinesQuotesAndInvalidBytesAreReportedEscaped() throws {
        let scratch = try Scratch()
        let content = Array("k = \"\(secret)\"\n".utf8)
        try scratch.write(raw: Array("new\nline.txt".utf8), content)
        try scratch.write(raw: Array("quo\"te's.txt".utf8), content)
        try scratch.write(raw: Array("latin".utf8) + [0xE9] + Array(".txt".utf8), content)
        try scratch.write(raw: Array("tab\tback\\slash.txt".utf8), content)
        try scratch.write(raw: Array("-dash.txt".utf8), content)
        let run = keyhound(["scan", ".", "--no-progress", "-f", "jsonl"], in: scratch.path)
        #expect(run.status == .findings, "\(run.all)")
        let lines = run.out.split(separator: "\n")
        #expect(lines.count == 6, "five findings and a summary, one line each: \(run.out)")
        #expect(run.out.contains(#""path":"new\\nline.txt""#))
        #expect(run.out.contains(#""path":"latin\\xE9.txt""#))
        #expect(run.out.contains(#""path":"quo\"te's.txt""#))

        // Inside a git repository the same names come back through `git ls-files -z`.
        let repo = try GitRepo(scratch, folder: "repo")
        for name in ["new\nline.txt", "quo\"te's.txt", "tab\tback\\slash.txt"] {
            try repo.write(name, "k = \"\(secret)\"\n")
        }
        try repo.commit("odd names")
        let history = keyhound(["scan", "--history", "--no-progress", "-f", "jsonl"], in: repo.path)
        #expect(history.status == .findings, "\(history.all)")
        let tree = keyhound(["scan", ".", "--no-progress", "-f", "jsonl"], in: repo.path)
        #expect(tree.out.split(separator: "\n").count == 4, "\(tree.out)")
    }

    @Test(.enabled(if: !isRoot, "running as root: chmod 000 does not deny root, nothing to test"))
    func unreadableFilesAndFoldersAreReportedAndTheScanGoesOn() throws {
        let scratch = try Scratch()
        try scratch.write("ok.txt", "k = \"\(secret)\"\n")
        try scratch.write("locked.txt", "k = \"\(secret)\"\n")
        try scratch.write("closed/inner.txt", "x\n")
        chmod(scratch.url("locked.txt"), 0)
        chmod(scratch.url("closed"), 0)
        let run = keyhound(["scan", ".", "--no-progress"], in: scratch.path)
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.out.contains("locked.txt: cannot read"))
        #expect(run.out.contains("closed: cannot open folder"))
        #expect(run.out.contains("ok.txt:1:"), "findings so far are still reported")
    }

    @Test func vanishedFilesAreNoticesOfOneFile() throws {
        // Deterministic part: a file listed, then deleted before it is read.
        let scratch = try Scratch()
        for i in 0..<10 { try scratch.write("f\(i).txt", "k = \"\(secret)\"\n") }
        let tree = try WorkingTree.list(root: scratch.path, useGit: false)
        for i in 0..<5 { unlink(scratch.url("f\(i).txt")) }
        let reader = tree.reader()
        let contents = tree.files.map { reader.read($0) }
        let vanished = contents.compactMap { content -> String? in
            if case .unreadable(let error) = content { return error.description }
            return nil
        }
        #expect(vanished.count == 5)
        #expect(vanished.allSatisfy { $0.contains("No such file or directory") }, "\(vanished)")
        #expect(contents.compactMap(\.value).count == 5)
    }

    @Test func filesVanishingDuringAScanBestEffort() throws {
        let scratch = try Scratch()
        for i in 0..<3000 { try scratch.write("d\(i % 30)/f\(i).txt", "k\(i) = 1\n") }
        let root = scratch.path
        let done = DispatchSemaphore(value: 0)
        Thread {
            for i in stride(from: 2999, through: 0, by: -2) { unlink("\(root)/d\(i % 30)/f\(i).txt") }
            done.signal()
        }.start()
        let run = keyhound(["scan", ".", "--no-progress", "-j", "1"], in: scratch.path)
        done.wait()
        // Whichever way the race went: a defined status and, for files that vanished after
        // being listed, a message naming them.
        #expect([.clean, .incomplete].contains(run.status), "\(run.all.suffix(400))")
        if run.status == .incomplete { #expect(run.out.contains("No such file or directory")) }
    }

    @Test func reportTargetsThatAreNotRegularFilesAreWrittenThrough() throws {
        let scratch = try Scratch()
        try scratch.write("a.txt", "k = \"\(secret)\"\n")
        // A FIFO with a reader: the report flows through it and the FIFO stays a FIFO.
        #expect(mkfifo(scratch.url("report.fifo"), 0o644) == 0)
        let fifoPath = scratch.url("report.fifo")
        let received = Received()
        let done = DispatchSemaphore(value: 0)
        Thread {
            let fd = open(fifoPath, O_RDONLY)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                received.bytes += buffer[0..<n]
            }
            close(fd)
            done.signal()
        }.start()
        let run = keyhound(["scan", "a.txt", "--no-progress", "-f", "json", "-o", "report.fifo"], in: scratch.path)
        done.wait()
        #expect(run.status == .findings, "\(run.all)")
        #expect(String(decoding: received.bytes, as: UTF8.self).contains("stripe-secret-key"))
        var info = stat()
        #expect(lstat(fifoPath, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)

        // A private null device (as /dev/null) when mknod is allowed: it must stay a device.
        if mknod(scratch.url("null"), mode_t(S_IFCHR) | 0o666, device(major: 1, minor: 3)) == 0 {
            let nulled = keyhound(["scan", "a.txt", "--no-progress", "-o", "null"], in: scratch.path)
            #expect(nulled.status == .findings, "\(nulled.all)")
            #expect(lstat(scratch.url("null"), &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        }

        // A symlinked report stays a link; the file it points to gets the report.
        try scratch.write("reports/latest.json", "{}")
        symlink("reports/latest.json", scratch.url("link.json"))
        _ = keyhound(["scan", "a.txt", "--no-progress", "-f", "json", "-o", "link.json"], in: scratch.path)
        #expect(lstat(scratch.url("link.json"), &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(
            String(decoding: scratch.read("reports/latest.json") ?? [], as: UTF8.self).contains("stripe-secret-key"))
    }
}

/// Bytes a reader thread collected (read after it signalled).
private final class Received: @unchecked Sendable {
    var bytes: [UInt8] = []
}

/// `makedev(3)` (a C macro, not imported).
func device(major: UInt64, minor: UInt64) -> dev_t {
    dev_t((minor & 0xFF) | ((major & 0xFFF) << 8) | ((minor & ~0xFF) << 12) | ((major & ~0xFFF) << 32))
}
