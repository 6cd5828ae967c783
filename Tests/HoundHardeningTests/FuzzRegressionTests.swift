import HoundModel
import TOML
import Testing

@testable import HoundEngine
@testable import HoundInputs
@testable import HoundInventory
@testable import HoundRegex
@testable import HoundRules

/// Inputs the fuzz targets (`fuzz/run`) and the hostile-input matrix turned up, kept as
/// regression tests, plus each target's invariant on a few seeds so a broken harness shows
/// here too. See `fuzz/README.md` for the runs.
@Suite(.timeLimit(.minutes(1)))
struct FuzzRegressionTests {
    @Test func scannerLineWalksStopAtTheFloor() {
        // Found by the matrix (50 MB keyword-dense line): line bounds used to be walked from every
        // keyword hit. The scanner now finds each hit's line once and walks back no further
        // than the previous line's end (the floor).
        let line = Array(repeating: UInt8(ascii: "x"), count: 10_000)
        line.withUnsafeBufferPointer { buffer in
            #expect(Scanner.lineStart(buffer, before: 9_000, notBefore: 8_000) == 8_000)
            #expect(Scanner.lineStart(buffer, before: 9_000, notBefore: 0) == 0)
            #expect(Scanner.lineEnd(buffer, from: 100) == 10_000)
        }
        let short = Array("ab\ncd\nef".utf8)
        short.withUnsafeBufferPointer { buffer in
            #expect(Scanner.lineStart(buffer, before: 4, notBefore: 0) == 3)
            #expect(Scanner.lineStart(buffer, before: 3, notBefore: 0) == 3)
            #expect(Scanner.lineStart(buffer, before: 2, notBefore: 0) == 0)
            #expect(Scanner.lineStart(buffer, before: 7, notBefore: 4) == 6)
            #expect(Scanner.lineStart(buffer, before: 5, notBefore: 4) == 4)
            #expect(Scanner.lineStart(buffer, before: 4, notBefore: 4) == 4)
            #expect(Scanner.lineStart(buffer, before: 0, notBefore: 0) == 0)
            #expect(Scanner.lineEnd(buffer, from: 4) == 5)
        }
        // The word-at-a-time walk against a byte-at-a-time one, every index and floor.
        let mixed: [UInt8] = (0..<41).map { (i: Int) -> UInt8 in
            i % 11 == 3 || i % 17 == 0 ? 0x0a : UInt8(0x41 + i % 26)
        }
        mixed.withUnsafeBufferPointer { buffer in
            for index in 0...buffer.count {
                for floor in 0...index {
                    var naive = index
                    while naive > floor && buffer[naive - 1] != 0x0a { naive -= 1 }
                    #expect(Scanner.lineStart(buffer, before: index, notBefore: floor) == naive)
                }
            }
        }
    }

    @Test func overlappingFindingsResolveAsBefore() throws {
        // The linear overlap resolution keeps, per run of overlapping secrets, the provider
        // finding over the generic one.
        let compiled = try CompiledRules(RuleSet.builtin)
        var scanner = Scanner(compiled)
        let text = "api_key = \"\(KnownSecrets.stripe)\"\npassword = \"\(KnownSecrets.github)\"\n"
        let result = scanner.scan(Fragment(path: "a.env", bytes: Array(text.utf8), provenance: .file))
        #expect(result.findings.map(\.ruleID) == ["stripe-secret-key", "github-pat"])
    }

    @Test func sortedSpansFindEveryOverlap() {
        let spans = SortedSpans([10..<20, 0..<5, 15..<100, 30..<31, 50..<52])
        #expect(spans.overlapping(18..<40) == [10..<20, 15..<100, 30..<31])
        #expect(spans.overlapping(0..<1) == [0..<5])
        #expect(spans.overlapping(101..<200).isEmpty)
    }

    @Test func utf16Transcoding() {
        #expect(UTF16Text.utf8(fromBOM: [0xFF, 0xFE, 0x41, 0x00, 0x0A, 0x00]) == Array("A\n".utf8))
        #expect(UTF16Text.utf8(fromBOM: [0xFE, 0xFF, 0x00, 0x41, 0xD8, 0x3D, 0xDD, 0x11]) == Array("A🔑".utf8))
        // A lone surrogate and a dangling byte become U+FFFD, never a trap.
        #expect(UTF16Text.utf8(fromBOM: [0xFF, 0xFE, 0x00, 0xD8, 0x41]) == [0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD])
        #expect(UTF16Text.utf8(fromBOM: Array("plain".utf8)) == nil)
        // Starting like a BOM is not enough: without a NUL the bytes never looked binary.
        #expect(UTF16Text.utf8(fromBOM: [0xFF, 0xFE, 0x41, 0x42]) == nil)
        #expect(UTF16Text.utf8(fromBOM: [0xFF]) == nil)
    }

    @Test func tomlSeedsRoundTrip() throws {
        let document = """
            a = { b = [1, 2.5, "x\\u0000y", 1979-05-27T07:32:00Z], "c d" = { e = true } }
            [t]
            "key with \\"quotes\\"" = 'lit'
            """
        let table = try TOMLParser.parse(document)
        let reread = try TOMLParser.parse("v = " + table.description)
        #expect(reread["v"] == .table(table))
    }

    @Test func diffChunkingDoesNotChangePatches() {
        let diff = Array(
            """
            diff --git a/x b/x
            --- a/x
            +++ b/x
            @@ -0,0 +1,2 @@
            +one
            +two
            diff --git "a/sp ace" "b/sp ace"
            +++ "b/sp ace"
            @@ -3 +3 @@
            -old
            +new
            """.utf8)
        func patches(chunk: Int) -> [FilePatch] {
            var stream = DiffStream()
            var out: [FilePatch] = []
            diff.withUnsafeBufferPointer { buffer in
                var offset = 0
                while offset < buffer.count {
                    let end = min(buffer.count, offset + chunk)
                    stream.feed(UnsafeBufferPointer(rebasing: buffer[offset..<end])) { patch, _ in out.append(patch) }
                    offset = end
                }
            }
            stream.finish { patch, _ in out.append(patch) }
            return out
        }
        let whole = patches(chunk: diff.count)
        #expect(whole.map(\.path.display) == ["x", "sp ace"])
        #expect(whole.map(\.lineNumbers) == [[1, 2], [3]])
        for chunk in [1, 2, 3, 7, 64] { #expect(patches(chunk: chunk) == whole) }
    }
}
