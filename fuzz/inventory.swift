// libFuzzer target: the inventory readers and the TOML editor (`TOMLEditor`, via `InventoryEditor`).
//
// The first byte picks the reader: the TOML or JSON inventory (then the audit, and the editor
// appending and removing a record), the YAML import subset, the baseline, the ignore file.
// Each input must parse or fail with an `InventoryError`; nothing may trap.
import Foundation
import HoundModel
import HoundSupport

@testable import HoundInventory

private let now = Date(timeIntervalSince1970: 1_780_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInventory(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let mode = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    switch mode % 6 {
    case 0, 1:
        let format: InventoryFormat = mode % 6 == 0 ? .toml : .json
        guard let inventory = try? Inventory.parse(bytes, path: "keys.\(format.rawValue)", format: format) else {
            return 0
        }
        _ = inventory.audit(now: now, expiringWithin: 14 * 86_400)
        for record in inventory.records { _ = record.tomlBlock }
        _ = KeyRecord.jsonInventory(inventory.records)
        guard format == .toml else { return 0 }
        let added = KeyRecord(name: "fuzz-added-key", owner: "fuzz", consumers: ["a"])
        if let appended = try? InventoryEditor.appending([added], to: bytes, path: "keys.toml"),
            let after = try? Inventory.parse(appended, path: "keys.toml", format: .toml)
        {
            fuzzCheck(
                after.records.map(\.name) == inventory.records.map(\.name) + ["fuzz-added-key"],
                "appending changed other records of \(fuzzLiteral(bytes))")
        }
        if let first = inventory.records.first,
            let removed = try? InventoryEditor.removing(recordNamed: first.name, from: bytes, path: "keys.toml"),
            let after = try? Inventory.parse(removed, path: "keys.toml", format: .toml)
        {
            fuzzCheck(
                after.records.map(\.name) == inventory.records.dropFirst().map(\.name),
                "removing the first record changed the others in \(fuzzLiteral(bytes))")
        }
    case 2:
        guard let maps = try? YAMLSubsetReader.parse(bytes) else { return 0 }
        let decoder = KeyRecordDecoder(path: "keys.yaml")
        for map in maps { _ = try? decoder.decodeRecord(map) }
    case 3:
        if let baseline = try? Baseline.parse(bytes, path: "baseline.json") { _ = baseline.rendered() }
    case 4:
        _ = try? IgnoreFile.parse(bytes, path: ".keyhoundignore")
    default:
        _ = InventoryFormat.detect(path: "keys", bytes: bytes)
        _ = try? Inventory.parse(bytes, path: "keys")
    }
    return 0
}
