#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel

/// Textual edits of a TOML inventory that keep every comment, blank line and formatting choice
/// outside the lines they change.
///
/// - Appending writes `[[keys]]` blocks at the end.
/// - Removing deletes one record's block: from its `[[keys]]` header (with the comment lines
///   directly above it) up to the next header that is not one of its sub-tables
///   (`[keys.rotation]` belongs to it), leaving alone comment lines directly above that next
///   header.
/// - Setting a fingerprint replaces the `fingerprint = …` line or inserts one after `name = …`.
///
/// The callers parse the result again before writing it.
enum InventoryEditor {
    /// The TOML path of the record array.
    static let keysPath = ["keys"]

    /// The comment written at the top of an inventory created by `keyhound inventory add`.
    static let newFileHeader = """
        # keyhound key inventory: one [[keys]] table per key.
        # Fingerprints only, never secrets: `keyhound inventory add NAME` reads a secret from
        # stdin and writes its fingerprint here.

        """

    /// `text` with `records` appended as `[[keys]]` blocks.
    static func appending(_ records: [KeyRecord], to text: [UInt8]) -> [UInt8] {
        let lineEnd = usesCRLF(text) ? "\r\n" : "\n"
        var out = text.isEmpty ? Array(newFileHeader.utf8) : text
        if let last = out.last, last != UInt8(ascii: "\n") { out += Array(lineEnd.utf8) }
        for record in records {
            if !out.isEmpty, !out.reversed().starts(with: Array((lineEnd + lineEnd).utf8).reversed()) {
                out += Array(lineEnd.utf8)
            }
            out += Array(convert(record.tomlBlock, lineEnd: lineEnd).utf8)
        }
        return out
    }

    /// `text` without the block of the record at `index` (its position among `[[keys]]` headers).
    static func removing(recordAt index: Int, recordCount: Int, from text: [UInt8], path: String, name: String) throws(InventoryError) -> [UInt8] {
        let layout = TOMLLayout(text)
        let header = try headerLine(of: index, recordCount: recordCount, in: layout, path: path, name: name)
        var end = layout.blockEnd(after: header, path: keysPath)
        var start = header
        while start > 0, layout.lines[start - 1].kind == .comment { start -= 1 }
        if end < layout.lines.count {
            while end - 1 > header, layout.lines[end - 1].kind == .comment { end -= 1 }
        } else {
            while start > 0, layout.lines[start - 1].kind == .blank { start -= 1 }
        }
        let from = layout.lines[start].start
        let to = end < layout.lines.count ? layout.lines[end].start : text.count
        return Array(text[..<from]) + Array(text[to...])
    }

    /// `text` with the record at `index` carrying `fingerprint`.
    static func settingFingerprint(
        _ fingerprint: Fingerprint, recordAt index: Int, recordCount: Int, in text: [UInt8], path: String, name: String
    ) throws(InventoryError) -> [UInt8] {
        let layout = TOMLLayout(text)
        let header = try headerLine(of: index, recordCount: recordCount, in: layout, path: path, name: name)
        var bodyEnd = header + 1
        while bodyEnd < layout.lines.count {
            if case .header = layout.lines[bodyEnd].kind { break }
            bodyEnd += 1
        }
        let lineEnd = usesCRLF(text) ? "\r\n" : "\n"
        let newLine = Array(("fingerprint = " + TOMLText.string(fingerprint.description) + lineEnd).utf8)
        let body = (header + 1)..<bodyEnd
        if let existing = body.first(where: { layout.lines[$0].kind == .keyValue(key: "fingerprint") }) {
            let line = layout.lines[existing]
            return Array(text[..<line.start]) + newLine + Array(text[line.end...])
        }
        guard var after = body.first(where: { layout.lines[$0].kind == .keyValue(key: "name") }) else {
            throw InventoryError(
                .unsupportedLayout, path: path, keyName: name,
                message: "cannot find the `name = …` line of this key to add a fingerprint after it")
        }
        after += 1
        while after < bodyEnd, layout.lines[after].kind == .continuation { after += 1 }
        let offset = after < layout.lines.count ? layout.lines[after].start : text.count
        var prefix = Array(text[..<offset])
        if let last = prefix.last, last != UInt8(ascii: "\n") { prefix += Array(lineEnd.utf8) }
        return prefix + newLine + Array(text[offset...])
    }

    /// The line of the `index`-th `[[keys]]` header, checking that headers and records agree.
    private static func headerLine(
        of index: Int, recordCount: Int, in layout: TOMLLayout, path: String, name: String
    ) throws(InventoryError) -> Int {
        let headers = layout.arrayHeaders(keysPath)
        guard headers.count == recordCount, index < headers.count else {
            throw InventoryError(
                .unsupportedLayout, path: path, keyName: name,
                message: "the inventory does not write each key as a [[keys]] table, so it cannot be edited safely; edit it by hand")
        }
        return headers[index]
    }

    private static func usesCRLF(_ text: [UInt8]) -> Bool {
        guard let newline = text.firstIndex(of: UInt8(ascii: "\n")) else { return false }
        return newline > 0 && text[newline - 1] == UInt8(ascii: "\r")
    }

    private static func convert(_ text: String, lineEnd: String) -> String {
        lineEnd == "\n" ? text : text.replacing("\n", with: lineEnd)
    }
}
