import Foundation
import HoundSupport
import TOML

extension Inventory {
    /// Reads and checks the inventory at `path`.
    ///
    /// - Parameter fingerprintKey: The organisation key, for `match(secret:)` and new fingerprints.
    /// - Throws: `InventoryError` naming the file, line, column and key of the first problem.
    public static func load(path: String, fingerprintKey: [UInt8]? = nil) throws(InventoryError) -> Inventory {
        let bytes = try InventoryFileIO.read(path)
        return try parse(bytes, path: path, fingerprintKey: fingerprintKey)
    }

    /// Checks an inventory held in memory; `path` names it in errors and picks the format.
    public static func parse(
        _ bytes: [UInt8], path: String, format: InventoryFormat? = nil, fingerprintKey: [UInt8]? = nil
    ) throws(InventoryError) -> Inventory {
        let root = try document(bytes, path: path, format: format ?? .detect(path: path, bytes: bytes))
        let decoded = try KeyRecordDecoder(path: path).decodeInventory(root)
        return Inventory(
            records: decoded.map(\.record), positions: decoded.map(\.position), path: path, fingerprintKey: fingerprintKey)
    }

    /// The syntax-neutral document of an inventory file.
    static func document(_ bytes: [UInt8], path: String, format: InventoryFormat) throws(InventoryError) -> DocumentTable {
        switch format {
        case .json:
            let value: DocumentValue
            do {
                value = try JSONDocumentReader.parse(bytes)
            } catch {
                throw InventoryError(.syntax, path: path, position: error.position, message: "invalid JSON: \(error.message)")
            }
            guard case .table(let table) = value.content else {
                throw InventoryError(
                    .invalidField, path: path, position: value.position,
                    message: "a JSON inventory must be an object with a \"keys\" array, not \(value.typeName)")
            }
            return table
        case .toml:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw InventoryError(.syntax, path: path, message: "the file is not valid UTF-8")
            }
            do {
                return DocumentTable(try TOMLParser.parse(text))
            } catch {
                throw InventoryError(
                    .syntax, path: path, position: SourcePosition(line: error.position.line, column: error.position.column),
                    message: "invalid TOML: \(error.message)")
            }
        }
    }
}
