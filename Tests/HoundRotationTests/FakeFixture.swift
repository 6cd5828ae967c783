import Foundation
import HoundInventory
import HoundModel
import HoundRotation
import HoundSupport

/// A temporary folder with an inventory rotated by a ``FakeProvider``, a test clock and an
/// engine factory (a fresh engine plays the part of a fresh process after a crash).
struct FakeFixture {
    let folder: TemporaryDirectory
    let provider = FakeProvider()
    let clock = TestClock()
    let sleeps = SleepRecorder()

    init(inventory: String = FakeProvider.inventory()) throws {
        folder = try TemporaryDirectory()
        try folder.write("inventory.toml", inventory)
    }

    var inventoryPath: String { folder.file("inventory.toml") }
    var auditLogPath: String { folder.file(".keyhound/rotation-audit.jsonl") }
    var stateDirectory: String { folder.file(".keyhound/rotation") }

    /// An engine over the fixture, running commands through `runner` (the fake provider by default).
    func engine(_ runner: (any CommandRunner)? = nil, defaults: RotationDefaults = RotationDefaults()) -> RotationEngine {
        RotationEngine(
            inventoryPath: inventoryPath, defaults: defaults, runner: runner ?? provider, clock: clock.closure,
            environment: ["PATH": "/usr/bin:/bin", "KEYHOUND_ACTOR": "test-suite"], sleep: sleeps.closure)
    }

    /// The inventory record of `name` as it is on disk now.
    func record(_ name: String = "payments") throws -> KeyRecord? {
        try Inventory.load(path: inventoryPath).record(named: name)
    }

    /// The persisted state of `name`'s rotation.
    func state(_ name: String = "payments") throws -> RotationState? {
        try engine().rotations().first { $0.key == name }
    }

    /// The audit log's records: step, outcome and the consumer a step ran for (nil when none).
    func auditRecords() throws -> [(step: String, outcome: String, consumer: String?)] {
        let text = FileManager.default.contents(atPath: auditLogPath) ?? Data()
        return try text.split(separator: UInt8(ascii: "\n")).map { line in
            let record = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] ?? [:]
            let details = record["details"] as? [String: Any] ?? [:]
            return (record["step"] as? String ?? "", record["outcome"] as? String ?? "", details["consumer"] as? String)
        }
    }

    /// Whether the audit log's chain is intact.
    func auditIsIntact() throws -> Bool { try AuditLog.verify(path: auditLogPath).isIntact }

    /// Every file the engine wrote (state, audit log, inventory), as bytes.
    func writtenFiles() -> [(path: String, bytes: Data)] {
        (folder.files(under: ".keyhound") + [inventoryPath]).compactMap { path in
            FileManager.default.contents(atPath: path).map { (path, $0) }
        }
    }
}
