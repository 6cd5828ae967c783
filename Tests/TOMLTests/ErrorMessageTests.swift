import TOML
import Testing

/// Rejections say where and what, in plain words.
@Suite struct ErrorMessageTests {
    /// The error `text` is rejected with, as `line:column: message`.
    private func error(_ text: String) -> String {
        do {
            let table = try TOMLParser.parse(text)
            return "accepted (\(table.count) keys)"
        } catch {
            return error.description
        }
    }

    @Test func missingEquals() {
        #expect(
            error("[package]\nversion = 1\nname   \"keyhound\"") == #"3:8: expected '=' after key "name", found '"'"#)
    }

    @Test func duplicateKeys() {
        #expect(
            error("[[keys]]\nid = 1\nname = \"a\"\nid = 2")
                == #"4:1: duplicate key "id" (first defined at line 2, column 1)"#)
        #expect(error("a.b = 1\na.b = 2") == #"2:3: duplicate key "a.b" (first defined at line 1, column 3)"#)
    }

    @Test func tableRedefinitions() {
        #expect(error("[a]\nx = 1\n\n[a]") == "4:1: table [a] is defined twice (first at line 1)")
        #expect(
            error("[fruit]\napple.color = \"red\"\n[fruit.apple]")
                == "3:1: table [fruit.apple] was already defined by dotted keys at line 2")
        #expect(error("[[a]]\n[a]") == "2:1: [a] is an array of tables (first at line 1); use [[a]] to add an element")
        #expect(
            error("a = {x = 1}\na.y = 2")
                == #"2:1: cannot add to inline table "a" (defined at line 1): inline tables cannot be extended"#)
        #expect(
            error("a = [1]\n[[a]]")
                == #"2:1: cannot define array of tables [[a]]: key "a" already holds an array (line 1)"#)
        #expect(
            error("[a.b.c]\nz = 1\n[a]\nb.c.t = 2")
                == #"4:3: cannot add to table "b.c" with dotted keys: it is defined by a [header] at line 1"#)
    }

    @Test func valuesAndStrings() {
        // The document may be any file (a link to a secrets file): values are quoted as redacted
        // excerpts, whole only up to 4 characters.
        #expect(error("name = keyhound") == #"1:8: invalid value "k…" (8 characters) (strings must be in quotes)"#)
        #expect(error("enabled = True") == #"1:11: invalid value "True": booleans are lower-case true or false"#)
        #expect(
            error("path = \"C:\\data\"")
                == #"1:11: invalid escape sequence '\d'; TOML knows \b \t \n \f \r \" \\ \uXXXX and \UXXXXXXXX"#)
        #expect(
            error("s = \"open\nt = 1")
                == #"1:5: unterminated string: a basic string must end on the line it starts (use """ for a multi-line string)"#
        )
        #expect(error("s = \"\"\"never closed\n\n") == #"1:5: unterminated multi-line string: missing closing '"""'"#)
        #expect(error("n = 007") == #"1:5: invalid number "007": leading zeros are not allowed"#)
        #expect(error("n = 99999999999999999999") == #"1:5: integer "9999…" (20 characters) does not fit in 64 bits"#)
        #expect(error("d = 2024-02-30") == "1:5: invalid date: day 30 is not 1-29 for 2024-02")
        #expect(error("t = 12:30") == #"1:5: invalid time "1…" (5 characters): expected HH:MM:SS (seconds are required)"#)
    }

    @Test func structure() {
        #expect(error("a = [1, 2") == "1:10: unterminated array: missing ']' for the '[' at 1:5")
        #expect(error("a = [1 2]") == "1:8: expected ',' or ']' after an array element, found '2'")
        #expect(
            error("a = { x = 1, }") == "1:14: trailing comma in inline table: TOML 1.0 does not allow one before '}'")
        #expect(
            error("a = { x = 1\n}")
                == "1:12: inline tables must be on a single line in TOML 1.0: expected ',' or '}' before the newline")
        #expect(error("[table\nx = 1") == "1:7: expected ']' to close the header [table, found a newline")
        #expect(error("a = 1 b = 2") == #"1:7: expected a newline after the value of key "a", found 'b'"#)
        #expect(error("a = ") == "1:5: expected a value, found end of file")
        #expect(error("a = 1 # bell \u{7}") == "1:14: control character U+0007 is not allowed in a comment")
        #expect(error("a = 1\rb = 2") == "1:6: carriage return must be followed by a line feed")
    }

    @Test func invalidUTF8CarriesItsPosition() {
        let bytes = Array("ok = 1\nname = \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        #expect(
            throws: TOMLError(
                message: "invalid UTF-8: byte 0xC3 does not form a valid character",
                position: TOMLPosition(line: 2, column: 9))
        ) {
            try TOMLParser.parse(bytes: bytes)
        }
    }

    @Test func descriptionIsLineColonColumnColonMessage() {
        let error = TOMLError(message: "expected '=' after key \"name\"", position: TOMLPosition(line: 3, column: 9))
        #expect(error.description == "3:9: expected '=' after key \"name\"")
        #expect(error.position.description == "3:9")
    }
}
