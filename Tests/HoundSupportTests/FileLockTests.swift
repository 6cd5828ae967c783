import Foundation
import HoundSupport
import Testing

@Suite struct FileLockTests {
    @Test func secondLockerTimesOutWhileTheFirstHolds() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("inventory.toml")
        let first = try FileLock(for: path)
        let error = #expect(throws: FileOperationError.self) {
            _ = try FileLock(for: path, timeout: .milliseconds(50))
        }
        #expect(error?.description.contains("held") == true)
        first.release()
        let again = try FileLock(for: path, timeout: .milliseconds(50))
        #expect(again.lockPath == path + ".lock")
    }

    @Test func lockIsReleasedAtTheEndOfScope() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("f")
        do { _ = try FileLock(for: path) }
        try FileLock.withLock(for: path, timeout: .milliseconds(50)) {}
        _ = try FileLock(for: path, timeout: .milliseconds(50))
    }

    @Test func waiterGetsTheLockOnceTheHolderLetsGo() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("f")
        // Each thread does a read-modify-write that would lose updates without the lock.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for step in 0..<25 {
                        try FileLock.withLock(for: path) {
                            let before = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                            usleep(200)
                            try AtomicFile.write(before + "\(worker)-\(step)\n", to: path)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let lines = directory.read("f").split(separator: "\n")
        #expect(lines.count == 100)
    }
}

extension FileLockTests {
    @Test func noLockFileIsLeftBehind() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("inventory.toml")
        try FileLock.withLock(for: path) {
            #expect(FileManager.default.fileExists(atPath: path + ".lock"))
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".lock"))
    }
}
