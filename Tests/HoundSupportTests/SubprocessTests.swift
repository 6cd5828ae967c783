import Foundation
import HoundSupport
import Testing

@Suite("Subprocess")
struct SubprocessTests {
    @Test func collectsStandardOutputAndStatus() throws {
        let result = try Subprocess(executable: "sh", arguments: ["-c", "echo hello; echo oops >&2; exit 3"]).run()
        #expect(result.stdoutText == "hello\n")
        #expect(result.stderrText == "oops")
        #expect(result.status == 3)
        #expect(!result.succeeded)
        #expect(result.timedOut == false)
    }

    @Test func standardInputIsDevNullUnlessGiven() throws {
        let silent = try Subprocess(executable: "cat", arguments: []).run()
        #expect(silent.stdout.isEmpty)
        let echoed = try Subprocess(executable: "cat", arguments: []).run(stdin: Array("ping".utf8))
        #expect(echoed.stdoutText == "ping")
        let empty = try Subprocess(executable: "cat", arguments: []).run(stdin: [])
        #expect(empty.stdout.isEmpty && empty.succeeded)
    }

    @Test func oneMegabyteEachWayDoesNotDeadlock() throws {
        let input = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let result = try Subprocess(executable: "cat", arguments: []).run(stdin: input, timeout: 30)
        #expect(result.succeeded)
        #expect(result.stdout == input)
    }

    @Test func anInputPipeFedFromAnotherThreadWhileTheOutputIsRead() throws {
        // 4 MiB through `cat`, written in pieces by a second thread: neither side waits on the other.
        let input = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let pipe = try InputPipe()
        let fed = DispatchSemaphore(value: 0)
        DispatchQueue(label: "feeder").async {
            var start = 0
            while start < input.count {
                let end = min(input.count, start + 100_000)
                #expect(pipe.send(Array(input[start..<end])))
                start = end
            }
            pipe.finish()
            fed.signal()
        }
        var output: [UInt8] = []
        let result = try Subprocess(executable: "cat", arguments: []).streamChunks(input: pipe, timeout: 30) { chunk in
            output.append(contentsOf: chunk)
            return .proceed
        }
        fed.wait()
        #expect(result.succeeded)
        #expect(output == input)
    }

    @Test func sendingToAChildThatExitedFailsInsteadOfBlocking() throws {
        let pipe = try InputPipe()
        let result = try Subprocess(executable: "true", arguments: []).streamChunks(input: pipe) { _ in .proceed }
        #expect(result.succeeded)
        #expect(!pipe.send([UInt8](repeating: 0x61, count: 1 << 20)))
        pipe.finish()
    }

    @Test func bothOutputsFullBeforeReadingInput() throws {
        // The child fills stdout and stderr (1 MiB each) before it reads anything.
        let script = "head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2; wc -c"
        let input = [UInt8](repeating: 0x61, count: 1 << 20)
        let result = try Subprocess(executable: "sh", arguments: ["-c", script]).run(stdin: input, timeout: 30)
        #expect(result.succeeded)
        #expect(result.stdout.count == (1 << 20) + "1048576\n".utf8.count)
        #expect(result.stderr.count == 1 << 20)
    }

    @Test func childThatNeverReadsItsInputIsFine() throws {
        let input = [UInt8](repeating: 0x61, count: 4 << 20)
        let result = try Subprocess(executable: "true", arguments: []).run(stdin: input, timeout: 30)
        #expect(result.succeeded)
    }

    @Test func timeoutKillsTheProcessGroup() throws {
        let start = Date()
        // The background sleep holds the pipes open: only killing the group ends it.
        let result = try Subprocess(executable: "sh", arguments: ["-c", "sleep 30 & sleep 30; wait"])
            .run(timeout: 0.3)
        #expect(result.timedOut)
        #expect(result.signal == SIGTERM)
        #expect(Date().timeIntervalSince(start) < 30, "load-proof: without the kill it would wait forever")
    }

    @Test func timeoutEscalatesToKill() throws {
        var stubborn = Subprocess(executable: "sh", arguments: ["-c", "trap '' TERM; sleep 30"])
        stubborn.killGrace = 0.2
        let start = Date()
        let result = try stubborn.run(timeout: 0.2)
        #expect(result.timedOut)
        #expect(result.signal == SIGKILL)
        #expect(Date().timeIntervalSince(start) < 30, "load-proof: without the kill it would wait forever")
    }

    @Test func fastChildIsNotTimedOut() throws {
        let result = try Subprocess(executable: "true", arguments: []).run(timeout: 10)
        #expect(result.succeeded)
    }

    @Test func missingExecutableIsNotFound() {
        #expect(throws: SubprocessError.notFound("keyhound-no-such-program")) {
            try Subprocess(executable: "keyhound-no-such-program", arguments: []).run()
        }
        #expect(throws: SubprocessError.notFound("/nonexistent/tool")) {
            try Subprocess(executable: "/nonexistent/tool", arguments: []).run()
        }
    }

    @Test func badWorkingDirectoryFailsToSpawn() {
        let git = Subprocess(executable: "true", arguments: [], workingDirectory: "/nonexistent-folder")
        #expect(throws: SubprocessError.self) { try git.run() }
    }

    @Test func environmentAndWorkingDirectoryAreApplied() throws {
        let shell = Subprocess(
            executable: "/bin/sh", arguments: ["-c", "echo \"$GREETING\"; pwd; echo \"${HOME:-unset}\""],
            environment: ["GREETING": "hi there"], workingDirectory: "/tmp")
        let result = try shell.run()
        #expect(result.stdoutText == "hi there\n/tmp\nunset\n")
    }

    @Test func streamingDeliversEveryByte() throws {
        var total = 0
        var newlines = 0
        let result = try Subprocess(executable: "seq", arguments: ["1", "200000"]).stream { chunk in
            total += chunk.count
            newlines += chunk.lazy.filter { $0 == 0x0A }.count
        }
        #expect(result.succeeded)
        #expect(newlines == 200_000)
        #expect(total == 1_288_895)
    }

    @Test func streamingCanStopEarly() throws {
        var seen = 0
        let result = try Subprocess(executable: "yes", arguments: []).streamChunks(timeout: 30) { chunk in
            seen += chunk.count
            return seen > 1 << 20 ? .stop : .proceed
        }
        #expect(seen > 1 << 20)
        #expect(result.signal != nil)
        #expect(!result.timedOut)
    }

    @Test func spawningIsCheap() throws {
        // The fastest of 20 spawns (load-proof: a busy machine slows some, not all): a wait that
        // polls every 50 ms, like Foundation's `waitUntilExit`, would make every one slower.
        var fastest = Double.infinity
        for _ in 0..<20 {
            let start = Date()
            _ = try Subprocess(executable: "true", arguments: []).run()
            fastest = min(fastest, Date().timeIntervalSince(start))
        }
        #expect(fastest < 0.045, "the fastest spawn took \(fastest * 1000) ms")
    }
}

@Suite("Subprocess under concurrency")
struct SubprocessConcurrencyTests {
    @Test func concurrentChildrenDoNotInheritEachOthersPipes() async throws {
        // A leaked write end would keep another child's stdout open and hang its reader.
        let input = [UInt8](repeating: 0x7A, count: 256 * 1024)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let result = try Subprocess(executable: "cat", arguments: []).run(stdin: input, timeout: 30)
                    return result.timedOut ? -1 : result.stdout.count
                }
            }
            for try await count in group { #expect(count == input.count) }
        }
    }
}
