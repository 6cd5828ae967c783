import Testing

@testable import HoundReport

@Suite struct JSONValueTests {
    func compact(_ value: JSONValue) -> String { String(decoding: value.encoded(.compact), as: UTF8.self) }

    @Test func stringsEscapeQuotesBackslashesAndControlCharacters() {
        #expect(compact(.string("a\"b\\c")) == #""a\"b\\c""#)
        #expect(compact(.string("\n\r\t\u{08}\u{0C}")) == #""\n\r\t\b\f""#)
        #expect(compact(.string("\u{00}\u{01}\u{1B}\u{1F}\u{7F}")) == #""\u0000\u0001\u001b\u001f\u007f""#)
    }

    @Test func lineSeparatorsAreEscapedAndOtherUnicodeIsWrittenAsIs() {
        #expect(compact(.string("a\u{2028}b\u{2029}c")) == #""a\u2028b\u2029c""#)
        #expect(compact(.string("café ✓ 𝄞")) == "\"café ✓ 𝄞\"")
    }

    @Test func invalidUTF8BecomesAnEscapedReplacementCharacter() {
        #expect(compact(.text([0x61, 0xFF, 0x62])) == #""a\ufffdb""#)
        #expect(compact(.text([0x61, 0xC3])) == #""a\ufffd""#)
        #expect(compact(.text([0xED, 0xA0, 0x80])) == #""\ufffd\ufffd\ufffd""#)  // a UTF-16 surrogate
    }

    @Test func objectsKeepTheirMemberOrder() {
        let value = JSONValue.object([("z", .int(1)), ("a", .null), ("m", .bool(false))])
        #expect(compact(value) == #"{"z":1,"a":null,"m":false}"#)
    }

    @Test func doublesUseShortestFormAndNonFiniteIsNull() {
        #expect(
            compact(.array([.double(0.03), .double(2), .double(.nan), .double(-.infinity)])) == "[0.03,2.0,null,null]")
    }

    @Test func prettyLayoutIndentsTwoSpacesAndKeepsScalarArraysOnOneLine() {
        let value = JSONValue.object([
            ("tags", .strings(["a", "b"])),
            ("empty", .array([])),
            ("none", .object([])),
            ("items", .array([.object([("k", .int(1))])])),
        ])
        let expected = """
            {
              "tags": ["a", "b"],
              "empty": [],
              "none": {},
              "items": [
                {
                  "k": 1
                }
              ]
            }
            """
        #expect(String(decoding: value.encoded(.pretty), as: UTF8.self) == expected)
    }
}
