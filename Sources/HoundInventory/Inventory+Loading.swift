#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundSupport
import TOML

extension Inventory {
    /// Reads and checks the inventory at `path`.
    ///
    /// - Parameters:
    ///   - fingerprintKey: The organisation key, for `match(secret:)` and new fingerprints.
    ///   - lenient: Skip invalid `[[keys]]` records (and unknown top-level fields), keeping
    ///     each problem in ``problems``, instead of refusing the whole file. A file that is not
    ///     valid TOML or JSON is refused either way.
    /// - Throws: `InventoryError` naming the file, line, column and key of the first problem.
    public static func load(path: String, fingerprintKey: [UInt8]? = nil, lenient: Bool = false) throws(InventoryError) -> Inventory {
        let bytes = try InventoryFileIO.read(path, kind: .inventory)
        return try parse(bytes, path: path, fingerprintKey: fingerprintKey, lenient: lenient)
    }

    /// Checks an inventory held in memory; `path` names it in errors and picks the format.
    public static func parse(
        _ bytes: [UInt8], path: String, format: InventoryFormat? = nil, fingerprintKey: [UInt8]? = nil, lenient: Bool = false
    ) throws(InventoryError) -> Inventory {
        let decoder = KeyRecordDecoder(path: path, lenient: lenient)
        let decoded: KeyRecordDecoder.Decoded
        switch format ?? .detect(path: path, bytes: bytes) {
        case .json:
            decoded = try decoder.decodeInventory(jsonDocument(bytes, path: path))
        case .toml:
            // Decoded where the parser put it: the document is never converted to another tree.
            decoded = try decoder.decodeInventory(tomlDocument(bytes, path: path))
        }
        return Inventory(
            records: decoded.records, positions: decoded.positions, byName: decoded.byName, path: path,
            fingerprintKey: fingerprintKey, problems: decoded.problems)
    }

    /// The root object of a JSON inventory.
    private static func jsonDocument(_ bytes: [UInt8], path: String) throws(InventoryError) -> DocumentTable {
        let value = try DocumentValue.parseJSON(bytes, path: path)
        guard case .table(let table) = value.content else {
            throw InventoryError(
                .invalidField, path: path, position: value.position,
                message: "a JSON inventory must be an object with a \"keys\" array, not \(value.fieldTypeName)")
        }
        return table
    }

    /// The root table of a TOML inventory.
    private static func tomlDocument(_ bytes: [UInt8], path: String) throws(InventoryError) -> TOMLTable {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InventoryError(.syntax, path: path, message: "the file is not valid UTF-8")
        }
        do {
            return try TOMLParser.parse(text)
        } catch {
            throw InventoryError(
                .syntax, path: path, position: SourcePosition(line: error.position.line, column: error.position.column),
                message: "invalid TOML: \(error.message)")
        }
    }
}
