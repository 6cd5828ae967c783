import Foundation
import HoundSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("ProcessProbe: is the recorded process still running?", .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat")))
struct ProcessProbeTests {
    @Test func thisProcessIsRunningAndAnotherStartTimeIsNot() throws {
        let me = try #require(ProcessProbe.start(of: getpid()))
        #expect(ProcessProbe.liveness(of: me) == .running)
        var reused = me
        reused.startTicks += 1
        #expect(ProcessProbe.liveness(of: reused) == .finished, "same id, another start time: another process")
        var elsewhere = me
        elsewhere.bootID = "another-boot"
        #expect(ProcessProbe.liveness(of: elsewhere) == .elsewhere)
    }

    @Test func aChildThatExitedIsFinishedAndItsGroupIsStopped() throws {
        var recorded: ProcessStart?
        var child = Subprocess(executable: "/bin/sh", arguments: ["-c", "sleep 30 >/dev/null 2>&1 & exit 0"])
        child.ownsProcessGroup = true
        let result = try child.run { pid in recorded = ProcessProbe.start(of: pid) }
        #expect(result.succeeded)
        let leader = try #require(recorded)
        #expect(ProcessProbe.liveness(of: leader) == .finished)
        // The background `sleep` is left in the group of the finished leader: stopped.
        #expect(!ProcessProbe.liveMembers(ofGroup: leader.pid).isEmpty)
        #expect(ProcessProbe.stopGroup(of: leader, grace: 1))
        #expect(ProcessProbe.liveMembers(ofGroup: leader.pid).isEmpty)
    }

    @Test func aStopDescriptorStopsTheChildsGroup() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        var byte: UInt8 = 1
        #expect(write(ends[1], &byte, 1) == 1)
        var child = Subprocess(executable: "/bin/sleep", arguments: ["30"])
        child.stopDescriptor = ends[0]
        let started = Date()
        let result = try child.run()
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.signal == SIGTERM)
    }
}
