// libFuzzer target: the TOML reader on arbitrary bytes.
//
// Every input must either parse or throw a `TOMLError` whose position lies inside the input;
// a document that parses is written back with `description` (inline TOML) and must read back
// equal (NaN aside, which is never equal to itself).
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
