#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel
import TOML

/// Textual edits of a TOML inventory that keep every comment, blank line and formatting choice
/// outside what they change, made through the one TOML editor (`TOMLEditor`), which finds
/// records and fields as the TOML reader does (quoted, escaped and dotted keys included).
///
/// - Appending writes `[[keys]]` blocks at the end.
/// - Removing deletes one record's block: from its `[[keys]]` header (with the comment lines
///   directly above it) up to the next header that is not one of its sub-tables
///   (`[keys.rotation]` belongs to it), leaving alone comment lines directly above that next
///   header.
/// - Setting a fingerprint replaces the `fingerprint` value or inserts a line after `name = …`.
/// - Updating (a rotation) replaces, removes or adds top-level fields of one record and appends
///   retired versions to its `previous` array.
///
/// The callers parse the result again before writing it.
public enum InventoryEditor {
    /// The TOML path of the record array.
    static let keysPath: TOMLPath = ["keys"]

    /// The comment written at the top of an inventory created by `keyhound inventory add`.
    static let newFileHeader = """
        # keyhound key inventory: one [[keys]] table per key.
        # Fingerprints only, never secrets: `keyhound inventory add NAME` reads a secret from
        # stdin and writes its fingerprint here.

        """

    /// `text` with `records` appended as `[[keys]]` blocks.
    static func appending(_ records: [KeyRecord], to text: [UInt8], path: String) throws(InventoryError) -> [UInt8] {
        let start = text.isEmpty ? Array(newFileHeader.utf8) : text
        let editor = try editor(start, path: path)
        let blocks = records.map(\.tomlBlock).joined(separator: "\n")
        do {
            return editor.applying([try editor.appendingBlock(blocks, toTable: .root)])
        } catch {
            throw layoutError(error, path: path, name: records.first?.name ?? "")
        }
    }

    /// `text` without the block of the record named `name`.
    static func removing(recordNamed name: String, from text: [UInt8], path: String) throws(InventoryError) -> [UInt8] {
        let editor = try editor(text, path: path)
        let record = try recordPath(name, in: editor, path: path)
        do {
            return editor.applying([try editor.removingTable(record)])
        } catch {
            throw layoutError(error, path: path, name: name)
        }
    }

    /// `text` with the record named `name` carrying `fingerprint`.
    static func settingFingerprint(
        _ fingerprint: Fingerprint, recordNamed name: String, in text: [UInt8], path: String
    ) throws(InventoryError) -> [UInt8] {
        try updating(
            [("fingerprint", TOMLText.string(fingerprint.description))], inRecordNamed: name, of: text, path: path,
            addingAfter: "name")
    }

    /// `text` with top-level fields of the record named `name` set (`value` is TOML text; nil
    /// removes the field; a field not written yet is added after the record's field
    /// `addingAfter`, else after its last field), and `retired` appended to its retired versions (`[[keys.previous]]`, or the inline
    /// `previous = [...]` array when the record writes one).
    public static func updating(
        _ fields: [(key: String, value: String?)], retiring retired: [RetiredKey] = [], inRecordNamed name: String,
        of text: [UInt8], path: String, addingAfter anchor: String? = nil
    ) throws(InventoryError) -> [UInt8] {
        let editor = try editor(text, path: path)
        let record = try recordPath(name, in: editor, path: path)
        var edits: [TOMLEdit] = []
        do {
            for (key, value) in fields {
                let field = record.appending(key)
                switch (editor.map.entry(at: field) != nil, value) {
                case (true, let value?): edits.append(try editor.replacingValue(at: field, with: value))
                case (true, nil): edits.append(try editor.removingValue(at: field))
                case (false, let value?): edits.append(try editor.appendingValue(value, for: key, in: record, after: anchor))
                case (false, nil): break
                }
            }
            for version in retired {
                edits.append(try editor.appendingTable(version.tomlFields, toArrayAt: record.appending("previous")))
            }
        } catch {
            throw layoutError(error, path: path, name: name)
        }
        return editor.applying(edits)
    }

    /// An editor over `text`.
    private static func editor(_ text: [UInt8], path: String) throws(InventoryError) -> TOMLEditor {
        do {
            return try TOMLEditor(text)
        } catch {
            throw InventoryError(
                .syntax, path: path, position: SourcePosition(line: error.position.line, column: error.position.column),
                message: error.message)
        }
    }

    /// The path of the `[[keys]]` element whose `name` is `name`.
    private static func recordPath(_ name: String, in editor: TOMLEditor, path: String) throws(InventoryError) -> TOMLPath {
        let elements = editor.map.elements(of: keysPath)
        let records = editor.document["keys"]?.arrayValue ?? []
        guard elements.count == records.count,
            let index = records.firstIndex(where: { $0.tableValue?["name"]?.stringValue == name })
        else {
            throw InventoryError(
                .unsupportedLayout, path: path, keyName: name,
                message: "the inventory does not write each key as a [[keys]] table, so it cannot be edited safely; edit it by hand")
        }
        return elements[index]
    }

    /// The error for an edit the layout does not allow.
    private static func layoutError(_ error: TOMLEditError, path: String, name: String) -> InventoryError {
        InventoryError(
            .unsupportedLayout, path: path, keyName: name,
            message: "the inventory cannot be edited safely here (\(error)); edit it by hand")
    }
}
