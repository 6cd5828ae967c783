import Foundation
import HoundModel
import Testing

/// Scans read the inventory's cached fingerprint index once it exists: same report, an index in
/// the cache folder the environment names (never a secret in it), none with `--no-cache` or an
/// empty `KEYHOUND_CACHE_DIR`.
@Suite("inventory index cache")
final class InventoryCacheTests {
    let sandbox: Sandbox
    let token: String

    /// A repository with one leaked GitHub token and `keys.toml`: 300 keys (about 50 KB, above
    /// the size from which inventories are indexed), one of them the token's.
    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 404)
        token = secrets.githubToken()
        try sandbox.write("src/client.js", "const token = '\(token)';\n")
        var inventory = "# keys\n"
        for number in 0..<300 {
            let fingerprint =
                number == 150 ? Fingerprint.of(Array(token.utf8)) : Fingerprint.of(Array("other-\(number)".utf8))
            inventory += """

                [[keys]]
                name = "key-\(number)"
                description = "key number \(number)"
                fingerprint = "\(fingerprint)"
                owner = "team-\(number % 9)"
                consumers = ["service-\(number)", "worker-\(number % 4)"]
                last_rotated = 2026-0\(1 + number % 9)-15

                """
        }
        try sandbox.write("keys.toml", inventory, in: sandbox.root)
        // A file changed within the last few milliseconds is not indexed (its change time could
        // still be shared with a further change).
        usleep(150_000)
    }

    deinit { sandbox.remove() }

    var inventoryPath: String { sandbox.root + "/keys.toml" }

    func scan(_ extra: [String] = [], environment: [String: String] = [:]) throws -> [[String: Any]] {
        let run = sandbox.keyhound(
            ["scan", "--no-progress", "-f", "json", "--inventory", inventoryPath] + extra, environment: environment)
        #expect(run.status == 1, "\(run)")
        return try run.findings()
    }

    /// Every file under `folder`, recursively.
    func files(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        return enumerator.compactMap { $0 as? String }.map { folder + "/" + $0 }.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    @Test("the second scan gives the same report from the index in ~/.cache/keyhound, which holds no secret")
    func warmScanMatchesCold() throws {
        let cold = try scan()
        let indexes = files(under: sandbox.home + "/.cache/keyhound")
        #expect(indexes.count == 1 && indexes.first?.hasSuffix(".idx") == true, "\(indexes)")
        let warm = try scan()
        #expect(cold.count == 1 && warm.count == 1)
        let key = try #require(warm.first?["key"] as? [String: Any])
        #expect(key["name"] as? String == "key-150")
        #expect(key["owner"] as? String == "team-6")
        #expect(key["consumers"] as? [String] == ["service-150", "worker-2"])
        #expect(warm.first?["severity"] as? String == "critical")
        #expect(
            NSDictionary(dictionary: try #require(cold.first)) == NSDictionary(dictionary: try #require(warm.first)))

        let text = sandbox.keyhound(["scan", "--no-progress", "--inventory", inventoryPath])
        #expect(text.stdout.contains("key-150"), "\(text)")
        let check = sandbox.keyhound(["inventory", "check", "--inventory", inventoryPath], stdin: Array(token.utf8))
        #expect(check.status == 0 && check.stdout.contains("known key: key-150"), "\(check)")

        for index in files(under: sandbox.home + "/.cache") {
            let bytes = try #require(FileManager.default.contents(atPath: index))
            #expect(bytes.range(of: Data(token.utf8)) == nil, "the secret is in \(index)")
            #expect(
                bytes.range(of: Data(token.utf8.dropFirst(4).prefix(12))) == nil, "part of the secret is in \(index)")
        }
    }

    @Test("--no-cache and an empty KEYHOUND_CACHE_DIR write no index; the report is the same")
    func cacheTurnedOff() throws {
        let plain = try scan(["--no-cache"])
        let empty = try scan(environment: ["KEYHOUND_CACHE_DIR": ""])
        #expect(files(under: sandbox.home + "/.cache").isEmpty)
        #expect((plain.first?["key"] as? [String: Any])?["name"] as? String == "key-150")
        #expect((empty.first?["key"] as? [String: Any])?["name"] as? String == "key-150")
        let check = sandbox.keyhound(
            ["inventory", "check", "--no-cache", "--inventory", inventoryPath], stdin: Array(token.utf8))
        #expect(check.status == 0, "\(check)")
        #expect(files(under: sandbox.home + "/.cache").isEmpty)
    }

    @Test("KEYHOUND_CACHE_DIR and XDG_CACHE_HOME choose the folder")
    func cacheFolderFromTheEnvironment() throws {
        _ = try scan(environment: ["KEYHOUND_CACHE_DIR": sandbox.root + "/explicit"])
        #expect(files(under: sandbox.root + "/explicit").count == 1)
        _ = try scan(environment: ["XDG_CACHE_HOME": sandbox.root + "/xdg"])
        #expect(files(under: sandbox.root + "/xdg/keyhound").count == 1)
        #expect(files(under: sandbox.home + "/.cache").isEmpty)
    }

    @Test("an edited inventory is read again: a key added after the index was written is known")
    func editAfterIndex() throws {
        _ = try scan()
        _ = try scan()
        // Re-register the token under a new name: remove key-150, add it back as rotated-key.
        let removed = sandbox.keyhound(["inventory", "remove", "key-150", "--inventory", inventoryPath])
        #expect(removed.status == 0, "\(removed)")
        let added = sandbox.keyhound(
            ["inventory", "add", "rotated-key", "--owner", "new-team", "--inventory", inventoryPath],
            stdin: Array(token.utf8))
        #expect(added.status == 0, "\(added)")
        let after = try scan()
        #expect((after.first?["key"] as? [String: Any])?["name"] as? String == "rotated-key")
    }

    @Test("an unusable cache folder changes nothing")
    func unusableCacheFolder() throws {
        try sandbox.write("not-a-folder", "x\n", in: sandbox.root)
        let findings = try scan(environment: ["KEYHOUND_CACHE_DIR": sandbox.root + "/not-a-folder/cache"])
        #expect((findings.first?["key"] as? [String: Any])?["name"] as? String == "key-150")
    }
}
