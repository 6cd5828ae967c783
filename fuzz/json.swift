// libFuzzer target: the JSON reader (HoundJSON) on arbitrary bytes.
//
// Every input must either parse or throw a `JSONSyntaxError` whose position lies inside the
// input (offset at most its length, line and column consistent with that offset); a document
// that parses is written back by `JSONWriter` in each layout and must read back equal, and a
// document written compact and read back must write the same bytes again.
import HoundJSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let node: JSONNode
    do {
        node = try JSONReader.parse(bytes)
    } catch {
        checkPosition(error.position, in: bytes, error.message)
        return 0
    }
    checkPositions(node, in: bytes)
    let value = node.value
    let compact = value.encoded(.compact)
    for layout in [JSONLayout.compact, .inline, .pretty] {
        let written = layout == .compact ? compact : value.encoded(layout)
        do {
            let reread = try JSONReader.parse(written)
            fuzzCheck(reread.value == value, "round trip (\(layout)) changed the document: \(fuzzLiteral(bytes))")
        } catch {
            fuzzFailure("written form (\(layout)) does not parse (\(error)): \(String(decoding: written, as: UTF8.self))")
        }
    }
    if let again = try? JSONReader.parse(compact).value.encoded(.compact) {
        fuzzCheck(again == compact, "writing is not stable: \(String(decoding: compact, as: UTF8.self))")
    }
    return 0
}

/// A position lies inside the input (or just past its end), and its line and column agree with
/// its offset.
private func checkPosition(_ position: JSONPosition, in bytes: [UInt8], _ what: @autoclosure () -> String) {
    fuzzCheck(
        position.offset >= 0 && position.offset <= bytes.count,
        "position \(position) (offset \(position.offset)) outside the input of \(bytes.count) bytes: \(what())")
    let before = bytes[..<position.offset]
    let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    let lineStart = max(before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) && line == 1 ? 3 : 0)
    fuzzCheck(
        position.line == line && position.column == position.offset - lineStart + 1,
        "position \(position) does not match offset \(position.offset) (line \(line)): \(what())")
}

/// Every value's and key's position is consistent and starts the token it names.
private func checkPositions(_ node: JSONNode, in bytes: [UInt8]) {
    checkPosition(node.position, in: bytes, "value")
    fuzzCheck(node.position.offset < bytes.count, "a value starts past the end")
    let first = bytes[node.position.offset]
    switch node.content {
    case .object(let members):
        fuzzCheck(first == UInt8(ascii: "{"), "an object's position is not its brace")
        for member in members {
            checkPosition(member.keyPosition, in: bytes, "key")
            fuzzCheck(bytes[member.keyPosition.offset] == UInt8(ascii: "\""), "a key's position is not its quote")
            checkPositions(member.value, in: bytes)
        }
    case .array(let items):
        fuzzCheck(first == UInt8(ascii: "["), "an array's position is not its bracket")
        for item in items { checkPositions(item, in: bytes) }
    case .string: fuzzCheck(first == UInt8(ascii: "\""), "a string's position is not its quote")
    default: break
    }
}
