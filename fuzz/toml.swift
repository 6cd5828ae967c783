// libFuzzer target: the TOML reader on arbitrary bytes.
//
// Every input must either parse or throw a `TOMLError` whose position lies inside the input;
// a document that parses is written back with `description` (inline TOML) and must read back
// equal (NaN aside, which is never equal to itself); and `TOMLEditor` must find every value the
// reader reports on a line and replace it alone.
import TOML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let table: TOMLTable
    do {
        table = try TOMLParser.parse(bytes: bytes)
    } catch {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
        fuzzCheck(
            error.position.line >= 1 && error.position.line <= lines + 1 && error.position.column >= 1,
            "error position \(error.position) outside the input (\(lines) lines): \(error.message)")
        return 0
    }
    checkEditor(bytes, table)
    let written = "v = " + table.description
    guard !written.contains("nan") else { return 0 }
    do {
        let reread = try TOMLParser.parse(written)
        fuzzCheck(reread["v"] == .table(table), "round trip changed the document: \(written)")
    } catch {
        // The inline form nests one level deeper than the document: the depth cap may refuse it.
        fuzzCheck(error.message.contains("nest"), "written form does not parse (\(error)): \(written)")
    }
    return 0
}

/// The editor over a document that parses: replacing the first values written on a line by a
/// string reads back with only that value changed.
private func checkEditor(_ bytes: [UInt8], _ table: TOMLTable) {
    guard let editor = try? TOMLEditor(bytes) else {
        fuzzCheck(false, "the editor refuses a document the reader accepts")
        return
    }
    for entry in editor.map.entries.prefix(4) {
        guard let edit = try? editor.replacingValue(at: entry.path, with: "\"fuzz\"") else {
            fuzzCheck(false, "no value at \(entry.path)")
            continue
        }
        guard let reread = try? TOMLParser.parse(bytes: editor.applying([edit])) else {
            fuzzCheck(false, "replacing \(entry.path) broke the document")
            continue
        }
        fuzzCheck(fuzzValue(at: entry.path.components[...], in: .table(reread)) == .string("fuzz"), "replacing \(entry.path) did not read back")
    }
}

/// The value at `path` in `value`.
private func fuzzValue(at path: ArraySlice<TOMLPath.Component>, in value: TOMLValue) -> TOMLValue? {
    guard let first = path.first else { return value }
    switch (first, value) {
    case (.key(let key), .table(let table)): return table[key].flatMap { fuzzValue(at: path.dropFirst(), in: $0) }
    case (.index(let index), .array(let elements)) where index < elements.count:
        return fuzzValue(at: path.dropFirst(), in: elements[index])
    default: return nil
    }
}
