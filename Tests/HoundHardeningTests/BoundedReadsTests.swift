import Foundation
import Testing

@testable import HoundCLI

/// Every file keyhound reads besides scanned content goes through one bounded reader: regular
/// files only, a size cap per kind, and files a scanned repository names stay inside it.
/// Standard input is scanned in chunks, in bounded memory.
@Suite(.timeLimit(.minutes(3)))
struct BoundedReadsTests {
    /// A repository-like folder (`.git` marks its top) with a file holding a secret.
    func project() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.mkdir("repo/.git")
        try scratch.write("repo/a.txt", "k = \"\(KnownSecrets.stripe)\"\n")
        return scratch
    }

    @Test func devicesAndFIFOsAreRefusedForEveryAuxiliaryFile() throws {
        let scratch = try project()
        #expect(mkfifo(scratch.url("fifo"), 0o600) == 0)
        try scratch.write("commit.txt", "")
        for special in ["/dev/zero", scratch.url("fifo")] {
            let what = special == "/dev/zero" ? "a character device, not a regular file" : "a FIFO (named pipe), not a regular file"
            let commands: [[String]] = [
                ["scan", "a.txt", "--config", special], ["scan", "a.txt", "--baseline", special],
                ["scan", "a.txt", "--ignore-file", special], ["scan", "a.txt", "--inventory", special],
                ["rules", "check", special], ["rules", "list", "--config", special], ["audit", "verify", special],
                ["inventory", "import", special, "--inventory", scratch.url("new.toml")],
                ["inventory", "list", "--inventory", special], ["scan", "--commits", special],
            ]
            for command in commands {
                let started = monotonicSeconds()
                let run = keyhound(command + (command[0] == "scan" ? ["--no-progress"] : []), in: scratch.url("repo"))
                #expect(run.status == .incomplete, "\(command): \(run.all)")
                #expect(run.all.contains(what), "\(command): \(run.all)")
                #expect(monotonicSeconds() - started < 20, "\(command): refused at once, not read")
            }
        }
    }

    @Test func linksFromTheRepositoryToDevicesOrOutsideItAreRefused() throws {
        let scratch = try project()
        try scratch.write("outside/secrets.toml", "STRIPE=\(KnownSecrets.stripe)\n")
        try scratch.write("outside/keys.toml", "[[keys]]\nname = \"k\"\n")
        let cases: [(link: String, target: String)] = [
            (".keyhound.toml", "/dev/zero"), (".keyhound.toml", "../outside/secrets.toml"),
            (".keyhoundignore", "/dev/zero"), (".keyhoundignore", scratch.url("outside/secrets.toml")),
        ]
        for (link, target) in cases {
            let repo = scratch.url("repo")
            #expect(symlink(target, repo + "/" + link) == 0)
            defer { unlink(repo + "/" + link) }
            let run = keyhound(["scan", ".", "--no-progress"], in: repo)
            #expect(run.status == .incomplete, "\(link) → \(target): \(run.all)")
            #expect(run.all.contains("leads out of the repository"), "\(link) → \(target): \(run.all)")
            #expect(!run.all.contains(KnownSecrets.stripe))
        }
        // The configuration's own inventory and baseline, named with `..` or through a link.
        for config in ["inventory = \"../outside/keys.toml\"\n", "baseline = \"../outside/keys.toml\"\n"] {
            try scratch.write("repo/.keyhound.toml", config)
            let run = keyhound(["scan", "a.txt", "--no-progress"], in: scratch.url("repo"))
            #expect(run.status == .incomplete, "\(config): \(run.all)")
            #expect(run.all.contains("leads out of the repository"), "\(config): \(run.all)")
            // The same file given by the user is read.
            let given = keyhound(
                ["scan", "a.txt", "--no-progress", "--config", scratch.url("repo/.keyhound.toml")], in: scratch.url("repo"))
            #expect(!given.all.contains("leads out of the repository"), "\(config): \(given.all)")
        }
    }

    @Test func oversizedAuxiliaryFilesAreRefusedBeforeBeingRead() throws {
        let scratch = try project()
        let big = [UInt8](repeating: UInt8(ascii: "#"), count: 5 << 20)
        try scratch.write("repo/big.toml", big)
        let run = keyhound(["scan", "a.txt", "--config", "big.toml", "--no-progress"], in: scratch.url("repo"))
        #expect(run.status == .incomplete, "\(run.all)")
        #expect(run.err.contains("more than the 4 MiB a configuration file may hold"), "\(run.err)")
    }

    @Test func aRepositoryConfigurationCanLowerTheSizeLimitButNotRaiseIt() throws {
        let scratch = try project()
        // 12 MiB, over the default 10 MiB limit, with a secret at the end.
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 12 << 20)
        for index in stride(from: 99, to: bytes.count, by: 100) { bytes[index] = 0x0A }
        bytes += Array("k = \"\(KnownSecrets.stripe)\"\n".utf8)
        try scratch.write("repo/big.txt", bytes)
        try scratch.write("repo/.keyhound.toml", "max_file_size = \"8GB\"\n")
        let raised = keyhound(["scan", "big.txt", "--no-progress"], in: scratch.url("repo"))
        #expect(raised.status == .clean, "\(raised.all)")
        #expect(raised.err.contains("max_file_size = 8589934592 ignored"), "\(raised.err)")
        #expect(raised.out.contains("skipped 1 large"), "\(raised.out)")
        // The user raises it on the command line or with their own configuration.
        let given = keyhound(["scan", "big.txt", "--no-progress", "--max-file-size", "64MB"], in: scratch.url("repo"))
        #expect(given.status == .findings, "\(given.all)")
        try scratch.write("user.toml", "max_file_size = \"64MB\"\n")
        let user = keyhound(["scan", "big.txt", "--no-progress", "--config", scratch.url("user.toml")], in: scratch.url("repo"))
        #expect(user.status == .findings, "\(user.all)")
        // Lowering works.
        try scratch.write("repo/.keyhound.toml", "max_file_size = \"1KB\"\n")
        let lowered = keyhound(["scan", "a.txt", "big.txt", "--no-progress"], in: scratch.url("repo"))
        #expect(lowered.out.contains("skipped 1 large"), "\(lowered.all)")
    }

    /// 96 MiB on standard input: scanned as a stream (secrets at the start, across chunk
    /// boundaries and at the end are all found, on their lines), in bounded memory.
    @Test func standardInputIsScannedAsAStreamInBoundedMemory() throws {
        guard let binary = Shell.keyhoundBinary else {
            Issue.record("the keyhound binary was not found")
            return
        }
        let scratch = try Scratch()
        let line = Array(String(repeating: "x", count: 99).utf8) + [0x0A]
        let lineCount = 96 << 20 / 100
        var input = [UInt8]()
        input.reserveCapacity(lineCount * 100 + 1000)
        let secretLines = [1, (8 << 20) / 100, (8 << 20) / 100 + 1, (15 << 20) / 100, lineCount]
        for number in 1...lineCount {
            input += secretLines.contains(number) ? Array("k = \"\(KnownSecrets.stripe)\"\n".utf8) : line
        }
        let run = try Shell.run(
            binary, ["scan", "-", "--format", "jsonl", "--no-progress"], in: scratch.path,
            environment: ["PATH": "/usr/bin:/bin", "HOME": scratch.path], stdin: input, timeout: 300)
        #expect(run.status == 1, "\(run.err)")
        let lines = run.out.split(separator: "\n").filter { $0.contains("\"rule\":\"stripe-secret-key\"") }
        #expect(lines.count == secretLines.count, "\(lines.count) findings: \(run.out.prefix(2000))")
        for number in secretLines {
            #expect(lines.contains { $0.contains("\"line\":\(number),") }, "line \(number)")
        }
        #expect(run.peakMiB < 80, "peak \(run.peakMiB) MiB for 96 MiB of input")
    }
}
