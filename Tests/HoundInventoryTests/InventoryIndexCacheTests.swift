import Foundation
import HoundModel
import HoundSupport
import Testing

@testable import HoundInventory

/// The index cache: used only while the inventory file is the one it was made from, rewritten
/// after every change, and bypassed (never wrong, never an error) when anything is amiss.
@Suite struct InventoryIndexCacheTests {
    /// A TOML inventory of `count` keys whose secrets are `secret-0`, `secret-1`...
    static func inventory(_ count: Int, from first: Int = 0) -> String {
        (first..<(first + count)).map { number in
            """

            [[keys]]
            name = "key-\(number)"
            fingerprint = "\(Fingerprint.of(Array("secret-\(number)".utf8)))"
            owner = "team-\(number % 7)"
            consumers = ["service-\(number)"]

            """
        }.joined()
    }

    /// A folder with `keys.toml` (written long enough ago that its identity can be trusted) and
    /// a cache folder.
    struct Fixture {
        let folder: TemporaryDirectory
        let cache: InventoryIndexCache
        var inventoryPath: String { folder.file("keys.toml") }
        var indexPath: String { cache.indexPath(forInventoryAt: inventoryPath) }

        init(keys: Int = 20, cacheFolder: String? = nil) throws {
            folder = try TemporaryDirectory()
            cache = InventoryIndexCache(directory: cacheFolder ?? folder.file("cache"), minimumInventorySize: 0)
            try folder.write("keys.toml", InventoryIndexCacheTests.inventory(keys))
            Self.waitOutRacyWindow()
        }

        /// Lets the clock move past the window in which a file's change time cannot be trusted.
        static func waitOutRacyWindow() { usleep(150_000) }

        func lookup() throws -> any KeyLookup { try cache.lookup(inventoryAt: inventoryPath) }
    }

    @Test func firstLookupReadsTheFileAndWritesTheIndexTheSecondUsesIt() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        let cold = try fixture.lookup()
        #expect(cold is Inventory)
        #expect(FileManager.default.fileExists(atPath: fixture.indexPath))
        let warm = try fixture.lookup()
        #expect(warm is InventoryIndex)
        for number in 0..<20 {
            let secret = Array("secret-\(number)".utf8)
            #expect(warm.knownKey(forSecret: secret) == cold.knownKey(forSecret: secret))
        }
        #expect(warm.knownKey(forSecret: Array("secret-20".utf8)) == nil)
        #expect(warm.recordCount == 20)
        let mode = try FileManager.default.attributesOfItem(atPath: fixture.indexPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folderMode =
            try FileManager.default.attributesOfItem(atPath: fixture.cache.directory)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }

    @Test func appendingAKeyMakesTheIndexStale() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        _ = try fixture.lookup()
        #expect(try fixture.lookup() is InventoryIndex)
        let handle = try #require(FileHandle(forWritingAtPath: fixture.inventoryPath))
        handle.seekToEndOfFile()
        handle.write(Data(Self.inventory(1, from: 20).utf8))
        handle.closeFile()
        let afterEdit = try fixture.lookup()
        #expect(afterEdit is Inventory)
        #expect(afterEdit.knownKey(forSecret: Array("secret-20".utf8))?.reference.name == "key-20")
        Fixture.waitOutRacyWindow()
        _ = try fixture.lookup()
        let reindexed = try fixture.lookup()
        #expect(reindexed is InventoryIndex)
        #expect(reindexed.knownKey(forSecret: Array("secret-20".utf8))?.reference.name == "key-20")
    }

    /// The same size, the same inode and the old modification time put back with `utimensat`:
    /// only the change time tells, and it does.
    @Test func sameSizeRewriteWithMtimeRestoredIsStillSeen() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        _ = try fixture.lookup()
        #expect(try fixture.lookup() is InventoryIndex)
        var before = stat()
        #expect(stat(fixture.inventoryPath, &before) == 0)
        let original = fixture.folder.read("keys.toml")
        let replaced = original.replacingOccurrences(
            of: "\(Fingerprint.of(Array("secret-3".utf8)))", with: "\(Fingerprint.of(Array("other-3".utf8)))")
        #expect(replaced.utf8.count == original.utf8.count && replaced != original)
        let fd = open(fixture.inventoryPath, O_WRONLY | O_TRUNC)
        #expect(fd >= 0)
        _ = replaced.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        var times = [before.st_atim, before.st_mtim]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        var after = stat()
        #expect(stat(fixture.inventoryPath, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)

        let lookup = try fixture.lookup()
        #expect(lookup is Inventory)
        #expect(lookup.knownKey(forSecret: Array("secret-3".utf8)) == nil)
        #expect(lookup.knownKey(forSecret: Array("other-3".utf8))?.reference.name == "key-3")
    }

    @Test func damagedTruncatedOrForeignIndexFilesMeanAFullLoad() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        _ = try fixture.lookup()
        let good = try #require(FileManager.default.contents(atPath: fixture.indexPath))
        var flipped = good
        flipped[flipped.count / 2] ^= 0x40
        let damages: [Data] = [
            flipped, good.prefix(good.count - 1), good.prefix(50), Data(), Data(repeating: 0xAB, count: 4096),
        ]
        for damaged in damages {
            try damaged.write(to: URL(fileURLWithPath: fixture.indexPath))
            let lookup = try fixture.lookup()
            #expect(lookup is Inventory)
            #expect(lookup.knownKey(forSecret: Array("secret-5".utf8))?.reference.name == "key-5")
            // ... and the full load put a good index back.
            #expect(try fixture.lookup() is InventoryIndex)
        }
    }

    @Test func anIndexReachedThroughASymbolicLinkIsNotRead() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        _ = try fixture.lookup()
        try FileManager.default.moveItem(atPath: fixture.indexPath, toPath: fixture.folder.file("elsewhere.idx"))
        try FileManager.default.createSymbolicLink(
            atPath: fixture.indexPath, withDestinationPath: fixture.folder.file("elsewhere.idx"))
        #expect(throws: InventoryIndex.Problem.stale) {
            try fixture.cache.cachedIndex(
                forInventoryAt: fixture.inventoryPath, identity: #require(FileIdentity.of(path: fixture.inventoryPath)),
                fingerprintKey: nil)
        }
    }

    @Test func unusableCacheFoldersLeaveScansWorking() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("a-file", "not a folder\n")
        try FileManager.default.createDirectory(atPath: folder.file("shared"), withIntermediateDirectories: false)
        chmod(folder.file("shared"), 0o777)
        for cacheFolder in [folder.file("a-file/cache"), folder.file("a-file"), folder.file("shared")] {
            let fixture = try Fixture(cacheFolder: cacheFolder)
            defer { fixture.folder.remove() }
            for _ in 0..<2 {
                let lookup = try fixture.lookup()
                #expect(lookup is Inventory, "\(cacheFolder)")
                #expect(lookup.knownKey(forSecret: Array("secret-1".utf8))?.reference.name == "key-1")
            }
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.file("shared"))) == [])
    }

    @Test func missingParentsAreCreatedPrivate() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let fixture = try Fixture(cacheFolder: root.file("home/.cache/keyhound"))
        defer { fixture.folder.remove() }
        _ = try fixture.lookup()
        #expect(try fixture.lookup() is InventoryIndex)
        let mode = try FileManager.default.attributesOfItem(atPath: root.file("home/.cache"))[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func smallInventoriesAndJustWrittenFilesAreNotIndexed() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("keys.toml", Self.inventory(3))
        Fixture.waitOutRacyWindow()
        let small = InventoryIndexCache(directory: folder.file("cache"))
        _ = try small.lookup(inventoryAt: folder.file("keys.toml"))
        #expect(!FileManager.default.fileExists(atPath: small.indexPath(forInventoryAt: folder.file("keys.toml"))))

        try folder.write("fresh.toml", Self.inventory(3))
        let any = InventoryIndexCache(directory: folder.file("cache"), minimumInventorySize: 0)
        _ = try any.lookup(inventoryAt: folder.file("fresh.toml"))
        #expect(!FileManager.default.fileExists(atPath: any.indexPath(forInventoryAt: folder.file("fresh.toml"))))
    }

    @Test func errorsAreThoseOfTheFullLoad() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        // One bad record is skipped and reported (file:line:column); the valid ones still match.
        try fixture.folder.write("keys.toml", "[[keys]]\nname = \"a\"\nownr = \"x\"\n\n[[keys]]\nname = \"b\"\n")
        let lookup = try fixture.lookup()
        #expect(lookup.recordCount == 1)
        #expect(lookup.problems.map(\.description) == ["\(fixture.inventoryPath):3:1: key \"a\": unknown field \"ownr\" (did you mean \"owner\"?)"])
        try fixture.folder.write("keys.toml", "[[keys]\nname = \"a\"\n")
        #expect(throws: InventoryError.self) { try fixture.lookup() }
        #expect(throws: InventoryError.self) {
            try fixture.cache.lookup(inventoryAt: fixture.folder.file("missing.toml"))
        }
    }

    @Test func racyWindowCoversCoarseAndSecondGranularityClocks() {
        let now = FileTime(seconds: 1_000, nanoseconds: 500_000_000)
        func identity(changed: FileTime) -> FileIdentity {
            FileIdentity(device: 1, inode: 1, size: 1, modified: changed, changed: changed)
        }
        #expect(identity(changed: FileTime(seconds: 1_000, nanoseconds: 450_000_000)).isRacy(readStart: now))
        #expect(!identity(changed: FileTime(seconds: 1_000, nanoseconds: 300_000_000)).isRacy(readStart: now))
        #expect(identity(changed: FileTime(seconds: 999, nanoseconds: 0)).isRacy(readStart: now))
        #expect(!identity(changed: FileTime(seconds: 998, nanoseconds: 0)).isRacy(readStart: now))
    }

    @Test func cacheFolderFromTheEnvironment() {
        let cwd = "/work"
        #expect(
            InventoryIndexCache.directory(
                environment: ["KEYHOUND_CACHE_DIR": "/c", "HOME": "/h"], workingDirectory: cwd) == "/c")
        #expect(
            InventoryIndexCache.directory(environment: ["KEYHOUND_CACHE_DIR": "rel"], workingDirectory: cwd)
                == "/work/rel")
        #expect(
            InventoryIndexCache.directory(environment: ["KEYHOUND_CACHE_DIR": "", "HOME": "/h"], workingDirectory: cwd)
                == nil)
        #expect(
            InventoryIndexCache.directory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"], workingDirectory: cwd)
                == "/x/keyhound")
        #expect(
            InventoryIndexCache.directory(environment: ["XDG_CACHE_HOME": "x", "HOME": "/h"], workingDirectory: cwd)
                == "/h/.cache/keyhound")
        #expect(InventoryIndexCache.directory(environment: [:], workingDirectory: cwd) == nil)
    }
}
