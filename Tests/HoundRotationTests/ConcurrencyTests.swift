import Foundation
import HoundRotation
import HoundSupport
import Testing

@Suite("Two rotations of one key never run at once")
struct ConcurrencyTests {
    @Test func aSecondRotationOfALockedKeyFailsFast() throws {
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(keys: [("payments", ""), ("search", "")]))
        defer { fixture.folder.remove() }
        try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)
        let held = try FileLock(for: fixture.stateDirectory + "/payments.json")
        let started = Date()
        #expect(throws: RotationError.busy(key: "payments", lockPath: fixture.stateDirectory + "/payments.json.lock")) {
            try fixture.engine().rotate(name: "payments")
        }
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(
            RotationError.busy(key: "payments", lockPath: "x.lock").description
                == "another keyhound process is rotating \"payments\" right now (it holds x.lock); try again when it is done")

        // Another key is not held up.
        #expect(try fixture.engine().rotate(name: "search").status == .waiting(until: fixture.clock.now.addingTimeInterval(86_400)))
        held.release()
    }

    @Test func resumeSkipsAKeyAnotherProcessIsRotating() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")
        fixture.clock.advance(hours: 25)
        let held = try FileLock(for: fixture.stateDirectory + "/payments.json")
        let outcomes = fixture.engine().resume()
        #expect(outcomes.count == 1 && StepFailureTests.name(outcomes[0].status) == "skipped")
        #expect(fixture.provider.isActive("key_old"))
        held.release()
        #expect(fixture.engine().resume().map(\.status) == [.done])
    }

    @Test func aKeyAlreadyBeingRotatedIsNotStartedAgain() throws {
        let fixture = try FakeFixture()
        defer { fixture.folder.remove() }
        _ = try fixture.engine().rotate(name: "payments")
        do {
            _ = try fixture.engine().rotate(name: "payments")
            Issue.record("expected an error")
        } catch {
            guard case .inProgress(_, let phase, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(phase == .verified)
            #expect(error.description.hasSuffix("run `keyhound rotate --resume` to continue it"))
        }
    }

    @Test func parallelRotationsOfDifferentKeysAllFinish() async throws {
        let names = (1...4).map { "key-\($0)" }
        let fixture = try FakeFixture(inventory: FakeProvider.inventory(keys: names.map { ($0, "") }, grace: nil))
        defer { fixture.folder.remove() }
        let engine = fixture.engine()
        let statuses = await withTaskGroup(of: RotationOutcome.Status?.self) { group in
            for name in names { group.addTask { try? engine.rotate(name: name).status } }
            var all: [RotationOutcome.Status?] = []
            for await status in group { all.append(status) }
            return all
        }
        #expect(statuses == Array(repeating: .done, count: 4))
        #expect(try fixture.auditIsIntact())
        let records = try names.map { try fixture.record($0)?.providerID }
        #expect(Set(records.compactMap { $0 }).count == 4)
        #expect(names.map { fixture.provider.storedKey($0) } == records)
    }
}
