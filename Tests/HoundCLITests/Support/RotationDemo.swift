import Foundation
import HoundSupport

/// A copy of the repository's `demo/` in a sandbox, bootstrapped as its README says (the demo
/// provider issued a first key, the store holds it, the inventory names it), for tests that run
/// the built `keyhound` binary against it.
struct RotationDemo {
    let sandbox: Sandbox
    /// The folder holding the demo's scripts and inventory.
    let folder: String
    /// The first key's id.
    let oldID: String

    /// The scripts and the inventory, copied; `edit` may change the inventory first.
    init(edit: (String) -> String = { $0 }) throws {
        sandbox = try Sandbox(initialize: false)
        folder = sandbox.root + "/demo"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["demo_common.py", "provider.py", "secret-store.py", "consumer-check.py", "notify.py", "inventory.toml"] {
            try FileManager.default.copyItem(atPath: Built.packageRoot + "/demo/" + name, toPath: folder + "/" + name)
        }
        try sandbox.write("inventory.toml", edit(try sandbox.read("inventory.toml", in: folder)), in: folder)
        let bootstrap = try sandbox.spawn(
            folder + "/provider.py", ["bootstrap", "demo-api-key", "--inventory", "inventory.toml"], in: folder,
            environment: Self.environment(sandbox))
        guard bootstrap.succeeded else { throw SandboxError("bootstrap failed: \(bootstrap.stderrText)") }
        oldID = try Self.providerKeys(folder).keys.first ?? ""
    }

    func remove() { sandbox.remove() }

    /// The demo scripts' state folder and a fixed audit actor.
    static func environment(_ sandbox: Sandbox, _ extra: [String: String] = [:]) -> [String: String] {
        ["KEYHOUND_DEMO_STATE": sandbox.root + "/demo/.state", "KEYHOUND_ACTOR": "cli-test"].merging(extra) { $1 }
    }

    /// The environment of a keyhound run over the demo, with `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        sandbox.environment.merging(Self.environment(sandbox, extra)) { $1 }
    }

    /// `keyhound ARGUMENTS --inventory inventory.toml`, run by the built binary in the demo folder.
    func keyhound(_ arguments: [String], environment extra: [String: String] = [:]) throws -> KeyhoundRun {
        try sandbox.keyhoundProcess(
            arguments + ["--inventory", "inventory.toml"], in: folder, environment: Self.environment(sandbox, extra))
    }

    /// `keyhound ARGUMENTS --inventory inventory.toml`, run in this process.
    func keyhoundInProcess(_ arguments: [String], environment extra: [String: String] = [:]) -> KeyhoundRun {
        sandbox.keyhound(arguments + ["--inventory", "inventory.toml"], in: folder, environment: Self.environment(sandbox, extra))
    }

    /// Starts the built binary without waiting for it (a `Process` the test may signal).
    func launch(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Process {
        guard let binary = Built.binary else { throw SandboxError("the keyhound binary was not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments + ["--inventory", "inventory.toml"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment(extra)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The demo provider's keys: id → "active" or "revoked".
    static func providerKeys(_ folder: String) throws -> [String: String] {
        let data = FileManager.default.contents(atPath: folder + "/.state/provider.json") ?? Data()
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let keys = root?["keys"] as? [String: [String: Any]] ?? [:]
        return keys.mapValues { $0["status"] as? String ?? "?" }
    }

    /// The provider's keys now.
    func providerKeys() throws -> [String: String] { try Self.providerKeys(folder) }

    /// The secret the store holds for the demo key.
    var storedSecret: [UInt8] { Array(FileManager.default.contents(atPath: folder + "/.state/store/demo-api-key") ?? Data()) }

    /// The provider's id of the key the store holds, nil when that secret is no active key.
    func storedKeyID() throws -> String? {
        let check = try sandbox.spawn(folder + "/provider.py", ["check"], in: folder, stdin: storedSecret, environment: Self.environment(sandbox))
        return check.succeeded ? check.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// The text of the demo key's rotation state file ("" when there is none).
    var stateText: String { (try? sandbox.read(".keyhound/rotation/demo-api-key.json", in: folder)) ?? "" }

    /// Waits until `condition` holds (polling every 50 ms), at most `seconds`; whether it held.
    static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}
