import Testing

@testable import HoundInputs

@Suite("Unified diff parser")
struct UnifiedDiffParserTests {
    /// Runs `text` through a ``DiffStream`` in chunks of `chunk` bytes.
    private func patches(_ text: String, chunk: Int = 7) -> [FilePatch] {
        var stream = DiffStream()
        var result: [FilePatch] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            bytes[start..<end].withUnsafeBufferPointer { piece in
                stream.feed(piece) { patch, _ in result.append(patch) }
            }
            start = end
        }
        stream.finish { patch, _ in result.append(patch) }
        return result
    }

    @Test func contextLinesAdvanceTheNewLineNumber() {
        let diff = """
            diff --git a/f b/f
            --- a/f
            +++ b/f
            @@ -3,3 +3,4 @@ func
             keep
            -old
            +new one
            +new two
             keep
            \\ No newline at end of file
            """
        let patch = patches(diff).first
        #expect(patch?.addedLines == ["new one", "new two"])
        #expect(patch?.lineNumbers == [4, 5])
    }

    @Test func quotedHeaderNamesWithoutPlusLines() {
        let diff = """
            diff --git "a/old \\"name\\"" "b/sp ace\\303\\251\\n.bin"
            index 1..2 100644
            Binary files "a/old \\"name\\"" and "b/sp ace\\303\\251\\n.bin" differ
            diff --git a/same name b/same name
            old mode 100644
            new mode 100755
            """
        let result = patches(diff)
        #expect(result.map(\.path) == [RawPath(Array("sp aceé\n.bin".utf8)), RawPath("same name")])
        #expect(result.map(\.isBinary) == [true, false])
    }

    @Test func plusLineWithTrailingTabAndDeletion() {
        let added = "diff --git a/a b b/a b\n--- a/a b\t\n+++ b/a b\t\n@@ -0,0 +1 @@\n+x\n"
        let deleted =
            "diff --git a/gone b/gone\ndeleted file mode 100644\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
        let diff = added + deleted
        #expect(patches(diff, chunk: 3) == [FilePatch(path: RawPath("a b"), addedBytes: [0x78], lineNumbers: [1])])
    }

    @Test func commitHeadersSeparateCommits() {
        var stream = DiffStream()
        var seen: [String] = []
        let text =
            "\u{1}c1\0Ann\0ann@x\02026-01-01T00:00:00Z\0first\n\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+\u{1}not a header\n"
            + "\u{1}c2\0Bob\0bob@x\02026-01-02T00:00:00Z\0second\n\ndiff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -0,0 +1 @@\n+y\n"
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            stream.feed(buffer) { patch, commit in seen.append("\(commit?.summary ?? "-"):\(patch.path)") }
        }
        stream.finish { patch, commit in seen.append("\(commit?.summary ?? "-"):\(patch.path)") }
        #expect(seen == ["first:x", "second:y"])
    }

    @Test func unquoteHandlesEscapes() {
        let cases: [(String, [UInt8]?)] = [
            ("plain", Array("plain".utf8)),
            ("\"a\\tb\\\\c\\\"d\"", Array("a\tb\\c\"d".utf8)),
            ("\"caf\\303\\251\"", Array("café".utf8)),
            ("\"\\377\"", [0xFF]),
            ("\"unterminated", nil),
        ]
        for (token, expected) in cases {
            #expect(GitQuoting.unquote(Array(token.utf8)[...]) == expected, "\(token)")
        }
    }
}
