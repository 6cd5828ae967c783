import Foundation
import HoundInputs
import HoundModel
import Testing

@Suite("File reader")
struct FileReaderTests {
    @Test func readsTextSkipsBinaryAndLargeAndReportsErrors() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("text.txt", "hello\n")
        try fixture.write("empty", "")
        try fixture.write(raw: Array("nul-early.bin".utf8), [UInt8](repeating: 0x41, count: 100) + [0] + [0x41])
        try fixture.write(raw: Array("nul-late.txt".utf8), [UInt8](repeating: 0x41, count: 9000) + [0])
        try fixture.write(raw: Array("big.txt".utf8), [UInt8](repeating: 0x42, count: 2000))
        let large = (0..<(3 << 20)).map { UInt8(0x20 + $0 % 90) }
        try fixture.write(raw: Array("grows-buffer.txt".utf8), large)
        try fixture.write(raw: Array("latin1-".utf8) + [0xE9], Array("é?".utf8))

        let reader = FileReader(root: fixture.path, maximumSize: 4 << 20)
        #expect(reader.read(RawPath("text.txt")).value == Array("hello\n".utf8))
        #expect(reader.read(RawPath("empty")).value == [])
        #expect(reader.read(RawPath("nul-late.txt")).value?.count == 9001)
        #expect(reader.read(RawPath("grows-buffer.txt")).value == large)
        #expect(reader.read(RawPath(Array("latin1-".utf8) + [0xE9])).value == Array("é?".utf8))
        guard case .binary = reader.read(RawPath("nul-early.bin")) else {
            Issue.record("expected binary")
            return
        }
        let small = FileReader(root: fixture.path, maximumSize: 1000)
        guard case .tooLarge(let size) = small.read(RawPath("big.txt")) else {
            Issue.record("expected too large")
            return
        }
        #expect(size == 2000)
        #expect(small.read(RawPath("big.txt")).notice(for: RawPath("big.txt"))?.kind == .tooLarge)
        guard case .unreadable(let error) = reader.read(RawPath("missing.txt")) else {
            Issue.record("expected unreadable")
            return
        }
        #expect(error == .unreadable(path: "missing.txt", errno: ENOENT))
        try fixture.write("folder/x", "x")
        guard case .unreadable = reader.read(RawPath("folder")) else {
            Issue.record("expected unreadable folder")
            return
        }
    }

    @Test func largeFilesAreProbedBeforeTheRestIsRead() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        // Larger than the head read first, so the probe decides before the whole file is in.
        let body = (0..<100_000).map { UInt8(0x41 + $0 % 26) }
        try fixture.write(raw: Array("large.bin".utf8), Array(body[..<500]) + [0] + body)
        try fixture.write(raw: Array("large.txt".utf8), body + [0])
        let utf16: [UInt8] = [0xFF, 0xFE] + Array(String(repeating: "key=1\n", count: 5_000).utf8).flatMap { [$0, 0] }
        try fixture.write(raw: Array("large-utf16.txt".utf8), utf16)

        let reader = FileReader(root: fixture.path)
        guard case .binary = reader.read(RawPath("large.bin")) else {
            Issue.record("expected binary")
            return
        }
        #expect(reader.read(RawPath("large.txt")).value == body + [0])
        #expect(reader.read(RawPath("large-utf16.txt")).value == Array(String(repeating: "key=1\n", count: 5_000).utf8))
    }

    @Test func emptyRootOpensPathsAsGiven() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("explicit.txt", "given")
        let reader = FileReader(root: "")
        #expect(reader.read(RawPath(fixture.path + "/explicit.txt")).value == Array("given".utf8))
    }

    @Test func fifoDoesNotBlock() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        #expect(mkfifo(fixture.path + "/pipe", 0o644) == 0)
        guard case .unreadable = FileReader(root: fixture.path).read(RawPath("pipe")) else {
            Issue.record("expected unreadable")
            return
        }
    }

    @Test func fragmentCarriesTheDisplayPath() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write(raw: Array("odd\nname".utf8), Array("k=v".utf8))
        let fragment = try #require(
            FileReader(root: fixture.path).fragment(for: RawPath(Array("odd\nname".utf8))).value)
        #expect(fragment.path == "odd\\nname")
        #expect(fragment.bytes == Array("k=v".utf8))
        #expect(fragment.provenance == .file)
    }

    @Test func displayEscapesWhatIsNotPrintableUTF8() {
        #expect(RawPath("plain/ü.txt").display == "plain/ü.txt")
        #expect(RawPath([0x61, 0xFF, 0x62]).display == "a\\xFFb")
        #expect(RawPath(Array("tab\there".utf8)).display == "tab\\there")
        #expect(RawPath([0x63, 0x61, 0x66, 0xC3]).display == "caf\\xC3")
    }
}
