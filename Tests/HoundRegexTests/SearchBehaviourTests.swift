import Testing

@testable import HoundRegex

@Suite struct SearchBehaviourTests {
    private func all(_ pattern: String, _ input: String) throws -> String {
        try CompiledRegex(pattern).allMatches(in: input).map(notation).joined(separator: ", ")
    }

    @Test func allMatchesFollowsGo() throws {
        #expect(try all("a*", "baaac") == "0-0, 1-4, 5-5")
        #expect(try all("", "abc") == "0-0, 1-1, 2-2, 3-3")
        #expect(try all(#"\d+"#, "a1b22c333") == "1-2, 3-5, 6-9")
        #expect(try all("a|b", "ab") == "0-1, 1-2")
        #expect(try all("(?m)^", "a\nb\n") == "0-0, 2-2, 4-4")
        #expect(try all("x*", "é") == "0-0, 2-2")
        #expect(try all("(a)|b", "ab") == "0-1 0-1, 1-2 -")
        #expect(try all("a*?", "aa") == "0-0, 1-1, 2-2")
        #expect(try all("[^a]", "éaÿ") == "0-2, 3-5")
    }

    private func match(_ pattern: String, _ text: String, _ range: Range<Int>) throws -> String {
        let regex = try CompiledRegex(pattern)
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { notation(regex.firstMatch(in: $0, range: range)) }
    }

    @Test func windowsSeeTheBytesAroundThem() throws {
        let text = "xxfoo barxx"
        #expect(try match("foo", text, 2..<9) == "2-5")
        #expect(try match("^foo", text, 2..<9) == "nil")
        #expect(try match(#"\bfoo"#, text, 2..<9) == "nil")
        #expect(try match(#"\Bfoo"#, text, 2..<9) == "2-5")
        #expect(try match("bar$", text, 2..<9) == "nil")
        #expect(try match(#"bar\b"#, text, 2..<9) == "nil")
        #expect(try match(#"bar\B"#, text, 2..<9) == "6-9")
        #expect(try match("(?m)^b", "a\nb", 2..<3) == "2-3")
        #expect(try match("^b", "a\nb", 2..<3) == "nil")
        #expect(try match(#"\Aa"#, "ab", 0..<1) == "0-1")
        #expect(try match(#"a\z"#, "ab", 0..<1) == "nil")
        #expect(try match("a$", "a", 0..<1) == "0-1")
    }

    @Test func matchesStayInsideTheRange() throws {
        #expect(try match("a+", "aaaa", 0..<2) == "0-2")
        #expect(try match("a+", "aaaa", 2..<4) == "2-4")
        #expect(try match("b", "abc", 0..<1) == "nil")
        #expect(try match("a{3}", "aaaa", 1..<3) == "nil")
        #expect(try match("", "abc", 3..<3) == "3-3")
        let regex = try CompiledRegex("b")
        let bytes = Array("abc".utf8)
        bytes.withUnsafeBufferPointer { text in
            #expect(regex.isMatch(in: text, range: 0..<2))
            #expect(!regex.isMatch(in: text, range: 0..<1))
            #expect(!regex.isMatch(in: text, range: 2..<3))
            #expect(regex.allMatches(in: text, range: 2..<3).isEmpty)
        }
    }

    @Test func invalidUTF8IsOneReplacementRunePerByte() throws {
        let bytes: [UInt8] = [0x61, 0xFF, 0xE2, 0x82, 0x62]  // a, invalid, truncated €, b
        let dot = try CompiledRegex("a(.)(.)(.)b")
        #expect(notation(dot.firstMatch(in: bytes)) == "0-5 1-2 2-3 3-4")
        let replacement = try CompiledRegex(#"\x{FFFD}+"#)
        #expect(notation(replacement.firstMatch(in: bytes)) == "1-4")
        let negated = try CompiledRegex("[^a]+")
        #expect(notation(negated.firstMatch(in: bytes)) == "1-5")
        let latin1 = try CompiledRegex(#"caf.\B"#)
        #expect(notation(latin1.firstMatch(in: [0x63, 0x61, 0x66, 0xE9, 0x20])) == "0-4")
        // A match never starts inside a valid multi-byte rune.
        let notE = try CompiledRegex(#"[^é]\d+"#)
        #expect(notation(notE.firstMatch(in: "é123")) == "2-5")
    }

    @Test func groupNamesAndCounts() throws {
        let regex = try CompiledRegex("(?P<user>[a-z]+):(?<pass>[^@]+)@(host)")
        #expect(regex.captureCount == 3)
        #expect(regex.captureNames == [nil, "user", "pass", nil])
        #expect(regex.index(ofGroup: "pass") == 2)
        #expect(regex.index(ofGroup: "nope") == nil)
        let match = try #require(regex.firstMatch(in: "x bob:pw@host"))
        #expect(match[1] == 2..<5)
        #expect(match[2] == 6..<8)
        #expect(match[3] == 9..<13)
        #expect(match[4] == nil)
        #expect(match.range == 2..<13)
    }

    @Test func canMatchNewline() throws {
        #expect(try !CompiledRegex("a.b").canMatchNewline)
        #expect(try CompiledRegex("(?s)a.b").canMatchNewline)
        #expect(try CompiledRegex(#"a\sb"#).canMatchNewline)
        #expect(try CompiledRegex("[^x]").canMatchNewline)
        #expect(try !CompiledRegex("(?m)^a$").canMatchNewline)
    }

    @Test func requiredLiterals() throws {
        #expect(try CompiledRegex("foo(bar|baz)").requiredLiterals == ["foobar", "foobaz"])
        #expect(try CompiledRegex("(?i)Sk-[a-z]+").requiredLiterals == ["sk-"])
        #expect(try CompiledRegex("a+").requiredLiterals == ["a"])
        #expect(try CompiledRegex("[a-z]+").requiredLiterals == [])
        #expect(try CompiledRegex("x?").requiredLiterals == [])
        #expect(try CompiledRegex(#"(?:sk|pk)_live_\w{24}"#).requiredLiterals == ["pk_live_", "sk_live_"])
    }

    @Test func requiredBytes() throws {
        // Every one of them, in every match; rarest first.
        // `s?` is optional: no `s`.
        #expect(try CompiledRegex(#"https?://[^:@/\s]*:([^@/\s]{3,})@"#).requiredBytes == Array("/:@hpt".utf8))
        #expect(try CompiledRegex("a(?:=x|:=y|=)").requiredBytes == Array("=a".utf8))
        #expect(try CompiledRegex("(?i)key=").requiredBytes == Array("=".utf8))
        #expect(try CompiledRegex("x?y{0,3}z*").requiredBytes == [])
        #expect(try CompiledRegex("(?:ab)+|b").requiredBytes == Array("b".utf8))
        #expect(try CompiledRegex(#"é[\d]"#).requiredBytes == [0xA9, 0xC3])
        // Case-insensitive: ASCII letters and `é` have another case, digits and `_` do not.
        #expect(try Set(CompiledRegex("(?i)k9_é").requiredBytes) == Set("9_".utf8))
    }

    @Test func sharedAcrossThreads() async throws {
        let regex = try CompiledRegex(#"(\w+)@(\w+)\.com"#)
        let text = String(repeating: "mail bob@example.com now; ", count: 50)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { regex.allMatches(in: text).count } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 50, count: 8))
    }
}
