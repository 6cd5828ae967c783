import Testing

@testable import HoundInputs

@Suite("cat-file --batch parser")
struct CatFileBatchParserTests {
    let a = String(repeating: "a", count: 40)
    let b = String(repeating: "b", count: 40)
    let c = String(repeating: "c", count: 40)

    /// The objects of `output`, fed `chunk` bytes at a time.
    func parse(_ output: [UInt8], chunk: Int, limit: Int = .max, probe: Int = 8) -> (
        [CatFileBatchParser.Object], ObjectID?
    ) {
        var parser = CatFileBatchParser(maximumSize: limit, probeLength: probe)
        var objects: [CatFileBatchParser.Object] = []
        var start = 0
        while start < output.count {
            let end = min(output.count, start + chunk)
            output[start..<end].withUnsafeBufferPointer { parser.feed($0) { objects.append($0) } }
            start = end
        }
        return (objects, parser.unfinished)
    }

    func id(_ hex: String) -> ObjectID { ObjectID(hex)! }

    @Test(arguments: [1, 3, 7, 64, 4096])
    func textBinaryOversizedMissingAndOtherTypes(chunk: Int) {
        let output: [UInt8] =
            Array("\(a) blob 11\nhello world\n".utf8)
            + Array("\(b) blob 12\n".utf8) + [0x50, 0x4B, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9] + [0x0A]
            + Array("\(c) blob 30\n".utf8) + Array(repeating: 0x78, count: 30) + [0x0A]
            + Array("\(a) missing\n".utf8)
            + Array("\(b) tree 5\nabcde\n".utf8)
            + Array("\(c) blob 0\n\n".utf8)
        let (objects, unfinished) = parse(output, chunk: chunk, limit: 20)
        #expect(
            objects == [
                .found(id: id(a), content: Array("hello world".utf8)),
                .binary(id: id(b)),
                .oversized(id: id(c), size: 30),
                .missing(name: Array(a.utf8)),
                .notBlob(id: id(b)),
                .found(id: id(c), content: []),
            ])
        #expect(unfinished == nil)
    }

    @Test func utf16WithAByteOrderMarkIsTranscoded() {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("key=1".utf8).flatMap { [$0, 0] }
        let output = Array("\(a) blob \(utf16.count)\n".utf8) + utf16 + [0x0A]
        let (objects, _) = parse(output, chunk: 3)
        #expect(objects == [.found(id: id(a), content: Array("key=1".utf8))])
    }

    @Test func anOutputCutMidObjectNamesTheObject() {
        let output = Array("\(a) blob 3\nabc\n\(b) blob 100\npartial".utf8)
        let (objects, unfinished) = parse(output, chunk: 5)
        #expect(objects == [.found(id: id(a), content: Array("abc".utf8))])
        #expect(unfinished == id(b))
    }

    @Test func anUnreadableHeaderIsMalformed() {
        let (objects, _) = parse(Array("\(a) blob twelve\n".utf8), chunk: 64)
        #expect(objects == [.malformed(header: Array("\(a) blob twelve".utf8))])
    }
}
