import Foundation
import HoundInventory
import HoundModel
import HoundRotation
import HoundSupport

/// A copy of `demo/` in a temporary folder, bootstrapped like the demo's README says: the demo
/// provider issued a first key, the secret store holds it, the inventory names it.
struct DemoFixture {
    let folder: TemporaryDirectory
    let clock = TestClock()
    /// The first key's id and secret.
    let oldID: String
    let oldSecret: [UInt8]

    /// The repository's `demo/` folder.
    static let demoFolder: String = {
        var path = URL(fileURLWithPath: #filePath)
        path.deleteLastPathComponent()
        path.deleteLastPathComponent()
        path.deleteLastPathComponent()
        return path.appendingPathComponent("demo").path
    }()

    /// Copies the demo and bootstraps it; `edit` may change the inventory text first.
    init(edit: (String) -> String = { $0 }) throws {
        folder = try TemporaryDirectory()
        for name in ["demo_common.py", "provider.py", "secret-store.py", "consumer-check.py", "notify.py", "inventory.toml"] {
            try FileManager.default.copyItem(atPath: Self.demoFolder + "/" + name, toPath: folder.file(name))
        }
        try folder.write("inventory.toml", edit(folder.read("inventory.toml")))
        let bootstrap = try Subprocess(
            executable: folder.file("provider.py"), arguments: ["bootstrap", "demo-api-key", "--inventory", "inventory.toml"],
            environment: Self.environment(folder), workingDirectory: folder.path
        ).run(timeout: 30)
        guard bootstrap.succeeded else { throw DemoError(message: "bootstrap failed: \(bootstrap.stderrText)") }
        let record = try Inventory.load(path: folder.file("inventory.toml")).record(named: "demo-api-key")
        oldID = record?.providerID ?? ""
        oldSecret = Array(FileManager.default.contents(atPath: folder.file(".state/store/demo-api-key")) ?? Data())
    }

    /// The environment of the demo's commands: ours, with the demo's state folder and `extra`.
    static func environment(_ folder: TemporaryDirectory, _ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["KEYHOUND_DEMO_STATE"] = folder.file(".state")
        environment["KEYHOUND_ACTOR"] = "demo-test"
        environment["KEYHOUND_DEMO_FAIL"] = nil
        environment["KEYHOUND_DEMO_HANG"] = nil
        environment.merge(extra) { $1 }
        return environment
    }

    /// An engine over the demo; `extra` environment variables inject failures.
    func engine(
        _ runner: (any CommandRunner)? = nil, extra: [String: String] = [:], defaults: RotationDefaults = RotationDefaults()
    ) -> RotationEngine {
        RotationEngine(
            inventoryPath: folder.file("inventory.toml"), defaults: defaults, runner: runner ?? SubprocessRunner(),
            clock: clock.closure, environment: Self.environment(folder, extra), sleep: { _ in })
    }

    /// The demo provider's keys: id → "active" or "revoked".
    func providerKeys() throws -> [String: String] {
        let data = FileManager.default.contents(atPath: folder.file(".state/provider.json")) ?? Data()
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let keys = root?["keys"] as? [String: [String: Any]] ?? [:]
        return keys.mapValues { $0["status"] as? String ?? "?" }
    }

    /// The ids the provider issued after the first key.
    func newIDs() throws -> [String] { try providerKeys().keys.filter { $0 != oldID }.sorted() }

    /// The secret the store holds for the demo key.
    var storedSecret: [UInt8] { Array(FileManager.default.contents(atPath: folder.file(".state/store/demo-api-key")) ?? Data()) }

    /// The inventory record of the demo key.
    func record() throws -> KeyRecord? { try Inventory.load(path: folder.file("inventory.toml")).record(named: "demo-api-key") }

    /// Lines of the demo's notification log.
    var notifications: [String] { folder.read(".state/notifications.log").split(separator: "\n").map(String.init) }

    /// Every file keyhound wrote: state files, lock files, the audit log and the inventory.
    func keyhoundFiles() -> [(path: String, bytes: Data)] {
        (folder.files(under: ".keyhound") + [folder.file("inventory.toml")]).compactMap { path in
            FileManager.default.contents(atPath: path).map { (path, $0) }
        }
    }

    /// Every secret `create` printed during the runs `runner` saw, plus the first key's.
    func secrets(seenBy runner: InstrumentedRunner) -> [[UInt8]] {
        var found = [oldSecret]
        for call in runner.calls where call.command.step == .create {
            if let object = try? JSONSerialization.jsonObject(with: Data(call.stdout)) as? [String: Any],
                let secret = object["secret"] as? String
            {
                found.append(Array(secret.utf8))
            }
        }
        return found
    }
}

/// A demo setup problem.
struct DemoError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
