import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A step must never outlive the keyhound that started it: when keyhound is killed (`kill -9`)
/// or stopped (SIGTERM) while a slow `distribute` runs, consumers end on an active key.
@Suite("a step never outlives keyhound", .serialized)
struct OrphanStepTests {
    /// The demo's `distribute` sleeps this long after reading the secret, before storing it.
    static let slow = ["KEYHOUND_DEMO_SLOW": "distribute=3"]

    /// Starts `rotate demo-api-key` and waits until its slow distribute is running.
    static func startSlowRotation(_ demo: RotationDemo) throws -> Process {
        let process = try demo.launch(["rotate", "demo-api-key"], environment: slow)
        let running = RotationDemo.wait(seconds: 30) { demo.stateText.contains("\"pending\": \"distribute\"") }
        #expect(running, "distribute started: \(demo.stateText)")
        // The write-ahead record is written before the step is spawned: give the step a moment.
        usleep(500_000)
        return process
    }

    @Test("kill -9 of keyhound during distribute: --resume waits for the step, consumers end on an active key")
    func killedKeyhoundLeavesNoOrphan() throws {
        let demo = try RotationDemo()
        defer { demo.remove() }
        let rotation = try Self.startSlowRotation(demo)
        kill(rotation.processIdentifier, SIGKILL)
        rotation.waitUntilExit()

        let resumed = try demo.keyhound(["rotate", "--resume"])
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.stdout.contains("stays valid until"), "distribution completed and was verified: \(resumed)")
        // Whatever the step did after keyhound died is done by now.
        sleep(4)
        let inUse = try demo.storedKeyID()
        let keys = try demo.providerKeys()
        #expect(inUse != nil, "the store holds an active key: \(keys)")
        #expect(inUse != demo.oldID, "the new key is in use")
        #expect(try demo.providerKeys()[demo.oldID] == "active", "the old key stays valid through the grace period")
    }

    @Test("SIGTERM to keyhound during distribute stops the step's process group; --resume rolls back")
    func terminatedKeyhoundStopsItsStep() throws {
        let demo = try RotationDemo()
        defer { demo.remove() }
        let rotation = try Self.startSlowRotation(demo)
        kill(rotation.processIdentifier, SIGTERM)
        let stopped = RotationDemo.wait(seconds: 10) { !rotation.isRunning }
        #expect(stopped, "keyhound stops promptly on SIGTERM")
        if !stopped { kill(rotation.processIdentifier, SIGKILL) }
        rotation.waitUntilExit()
        #expect(rotation.terminationStatus == 2, "exit 2: the rotation was interrupted")
        #expect(demo.stateText.contains("\"pending\": \"distribute\""), "the write-ahead record remains: \(demo.stateText)")

        // The step was stopped with keyhound: the store never receives the new secret.
        sleep(4)
        #expect(try demo.storedKeyID() == demo.oldID)

        let resumed = try demo.keyhound(["rotate", "--resume"])
        #expect(resumed.status == 1, "\(resumed)")
        #expect(resumed.stdout.contains("rolled back"), "\(resumed)")
        let keys = try demo.providerKeys()
        #expect(keys[demo.oldID] == "active")
        #expect(keys.filter { $0.value == "active" }.count == 1, "the new key was revoked again: \(keys)")
        #expect(try demo.storedKeyID() == demo.oldID)
    }
}
