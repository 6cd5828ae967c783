import Testing

@testable import HoundInputs

@Suite("gitignore semantics")
struct GitignoreTests {
    /// (pattern, text, matches) with `/` as the path separator, after git's t3070-wildmatch.
    static let wildmatchTable: [(String, String, Bool)] = [
        ("foo", "foo", true), ("bar", "foo", false), ("???", "foo", true), ("??", "foo", false),
        ("*", "foo", true), ("f*", "foo", true), ("*f", "foo", false), ("*foo*", "foo", true),
        ("*ob*a*r*", "foobar", true), ("*ab", "aaaaaaabababab", true), ("foo\\*", "foo*", true),
        ("foo\\*bar", "foobar", false), ("f\\\\oo", "f\\oo", true), ("*[al]?", "ball", true),
        ("[ten]", "ten", false), ("**[!te]", "ten", true), ("**[!ten]", "ten", false), ("t[a-g]n", "ten", true),
        ("t[!a-g]n", "ten", false), ("t[!a-g]n", "ton", true), ("t[^a-g]n", "ton", true),
        ("a[]]b", "a]b", true), ("a[]-]b", "a-b", true), ("a[]-]b", "a]b", true), ("a[]-]b", "aab", false),
        ("a[]a-]b", "aab", true), ("]", "]", true), ("a[c-c]st", "acrt", false), ("a[c-c]rt", "acrt", true),
        ("foo*bar", "foo/baz/bar", false), ("foo**bar", "foo/baz/bar", false), ("foo?bar", "foo/bar", false),
        ("foo[/]bar", "foo/bar", false), ("foo/**/bar", "foo/baz/bar", true), ("foo/**/bar", "foo/b/a/z/bar", true),
        ("foo/**/bar", "foo/bar", true), ("*/foo", "bar/foo", true), ("**/foo", "foo", true),
        ("**/foo", "a/b/foo", true), ("**/bar*", "deep/foo/bar/baz", false), ("**/bar/*", "deep/foo/bar/baz", true),
        ("**/bar/*", "deep/foo/bar", false), ("*/bar/**", "foo/bar/baz/x", true),
        ("*/bar/**", "deep/foo/bar/baz/x", false), ("**/bar*/**", "deep/foo/bar/baz/x", true),
        ("[[:alpha:]][[:digit:]][[:upper:]]", "a1B", true), ("[[:digit:][:upper:][:space:]]", "1", true),
        ("[[:digit:][:upper:][:space:]]", "a", false), ("[[:xdigit:]]", "f", true), ("[[:nope:]]", "a", false),
        ("[a-", "a", false), ("\\", "\\", false),
        ("XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*", "XXX/adobe/courier/bold/o/normal//12/120/75/75/m/70/iso8859/1", true),
        ("-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1", true),
        ("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", String(repeating: "a", count: 60), false),
    ]

    @Test func wildmatchAgreesWithGit() {
        for (pattern, text, expected) in Self.wildmatchTable {
            #expect(Wildmatch.matches(Array(pattern.utf8), Array(text.utf8)) == expected, "\(pattern) ~ \(text)")
        }
    }

    /// (`.gitignore` lines, path, is a directory, ignored).
    static let ignoreTable: [([String], String, Bool, Bool)] = [
        (["*.log"], "debug.log", false, true),
        (["*.log"], "deep/er/trace.log", false, true),
        (["*.log"], "log", false, false),
        (["/build"], "build", true, true),
        (["/build"], "src/build", true, false),
        (["build/"], "src/build", true, true),
        (["build/"], "build", false, false),
        (["doc/frotz"], "doc/frotz", false, true),
        (["doc/frotz"], "a/doc/frotz", false, false),
        (["**/cache"], "cache", true, true),
        (["**/cache"], "x/y/cache", false, true),
        (["vendor/**"], "vendor/a/b.go", false, true),
        (["vendor/**"], "vendor", true, false),
        (["a/**/b"], "a/b", false, true),
        (["a/**/b"], "a/x/y/b", false, true),
        (["*.log", "!keep.log"], "keep.log", false, false),
        (["*.log", "!keep.log"], "other.log", false, true),
        (["!keep.log", "*.log"], "keep.log", false, true),
        (["\\#notes"], "#notes", false, true),
        (["#notes"], "#notes", false, false),
        (["\\!important"], "!important", false, true),
        (["trailing\\ "], "trailing ", false, true),
        (["spaces   "], "spaces", false, true),
        (["", "   ", "# comment"], "anything", false, false),
        (["[Tt]emp"], "Temp", true, true),
        (["?.txt"], "a.txt", false, true),
        (["?.txt"], "ab.txt", false, false),
        (["crlf.txt\r"], "crlf.txt", false, true),
        // `*` + literal is compared as a suffix of the name.
        (["*"], "any/thing", false, true),
        (["*.log"], ".log", false, true),
        (["*log"], "x/catalog", false, true),
        (["*.LOG"], "a.log", false, false),
        (["*.log"], "a.log", true, true),
        (["*/x"], "a/x", false, true),
        (["*/x"], "b/a/x", false, false),
    ]

    @Test func ignoreRulesFollowGit() {
        for (lines, path, isDirectory, expected) in Self.ignoreTable {
            let file = GitignoreFile(base: [], contents: Array(lines.joined(separator: "\n").utf8))
            let stack = GitignoreStack().pushing(file)
            #expect(stack.isIgnored(Array(path.utf8), isDirectory: isDirectory) == expected, "\(lines) vs \(path)")
        }
    }

    @Test func deeperFileWinsAndIsRelativeToItsFolder() {
        let root = GitignoreFile(base: [], contents: Array("*.log\n/top-only\n".utf8))
        let nested = GitignoreFile(base: Array("sub".utf8), contents: Array("!keep.log\n/local\n".utf8))
        let stack = GitignoreStack().pushing(root).pushing(nested)
        #expect(stack.isIgnored(Array("sub/x.log".utf8), isDirectory: false))
        #expect(!stack.isIgnored(Array("sub/keep.log".utf8), isDirectory: false))
        #expect(stack.isIgnored(Array("sub/local".utf8), isDirectory: false))
        #expect(!stack.isIgnored(Array("sub/deeper/local".utf8), isDirectory: false))
        #expect(!stack.isIgnored(Array("sub/top-only".utf8), isDirectory: false))
    }
}
