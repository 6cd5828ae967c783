import Foundation
import HoundSupport
import Testing

@Suite struct AtomicFileTests {
    @Test func createsAndReplacesAFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("inventory.toml")
        try AtomicFile.write("first\n", to: path)
        #expect(directory.read("inventory.toml") == "first\n")
        try AtomicFile.write("second\n", to: path)
        #expect(directory.read("inventory.toml") == "second\n")
        #expect(directory.names() == ["inventory.toml"])
    }

    @Test func setsAndKeepsPermissions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("secret-free.toml")
        try AtomicFile.write("a", to: path, permissions: 0o600)
        #expect(mode(of: path) == 0o600)
        try AtomicFile.write("b", to: path)
        #expect(mode(of: path) == 0o600)
    }

    @Test func failureLeavesTheTargetUnchangedAndNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A directory cannot be replaced by a file: the final rename fails.
        let target = directory.file("occupied")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: target + "/keep", contents: Data("old".utf8))
        #expect(throws: FileOperationError.self) { try AtomicFile.write("new", to: target) }
        #expect(directory.names() == ["occupied"])
        #expect(directory.read("occupied/keep") == "old")
    }

    @Test func missingDirectoryIsAClearError() throws {
        let error = #expect(throws: FileOperationError.self) {
            try AtomicFile.write("x", to: "/nonexistent-keyhound-dir/inventory.toml")
        }
        #expect(error?.description.hasPrefix("could not create a temporary file for \"/nonexistent-keyhound-dir/inventory.toml\": ") == true)
    }

    @Test func readersSeeOnlyWholeVersions() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("big")
        let versions = [
            [UInt8](repeating: UInt8(ascii: "a"), count: 256 * 1024),
            [UInt8](repeating: UInt8(ascii: "b"), count: 192 * 1024),
        ]
        try AtomicFile.write(versions[0], to: path)
        let writer = Task.detached {
            for round in 0..<40 { try AtomicFile.write(versions[round % 2], to: path) }
        }
        var torn = 0
        for _ in 0..<200 {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            if !versions.contains(where: { $0.count == data.count && $0.first == data.first && $0.last == data.last }) {
                torn += 1
            }
        }
        try await writer.value
        #expect(torn == 0)
    }

    private func mode(of path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o7777
    }
}
