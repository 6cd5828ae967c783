import HoundJSON
import Testing

/// Documents RFC 8259 refuses are refused with `line:column` and a plain message, quoting no
/// more than a redacted excerpt.
@Suite struct ReaderErrorTests {
    /// The error `text` is rejected with, as `line:column: message`.
    private func error(_ text: String) -> String {
        do {
            let node = try JSONReader.parse(text)
            return "accepted (\(node.typeName))"
        } catch {
            return error.description
        }
    }

    private func error(bytes: [UInt8]) -> String {
        do {
            _ = try JSONReader.parse(bytes)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func structure() {
        #expect(error("") == "1:1: unexpected end of input, expected a value")
        #expect(error("{\"a\": 1,}") == "1:9: expected a string key")
        #expect(error("[1,]") == "1:4: unexpected character \"]\", expected a value")
        #expect(error("[1 2]") == "1:4: expected \",\" or \"]\"")
        #expect(error("{\"a\" 1}") == "1:6: expected \":\" after the key")
        #expect(error("{\"a\": 1\n\"b\": 2}") == "2:1: expected \",\" or \"}\"")
        #expect(error("[1") == "1:3: unexpected end of input, expected \",\" or \"]\"")
        #expect(error("{") == "1:2: unexpected end of input, expected a string key")
        #expect(error("{} {}") == "1:4: unexpected text after the JSON value")
        #expect(error("{a: 1}") == "1:2: expected a string key")
        #expect(error("tru") == "1:1: unexpected text, expected true")
        #expect(error("nul") == "1:1: unexpected text, expected null")
        #expect(error("'x'") == "1:1: unexpected character \"'\", expected a value")
        #expect(error(bytes: [0x5B, 0x00, 0x5D]) == "1:2: unexpected character byte 0x00, expected a value")
    }

    /// §6: no leading zeros, no leading plus, digits on both sides of the point, a digit in the
    /// exponent, no hex, no NaN or Infinity; numbers beyond Double's range are refused.
    @Test func numbers() {
        #expect(error("01") == "1:2: a number must not start with 0 followed by a digit")
        #expect(error("+1") == "1:1: unexpected character \"+\", expected a value")
        #expect(error("1.") == "1:3: expected a digit after the decimal point")
        #expect(error(".5") == "1:1: unexpected character \".\", expected a value")
        #expect(error("1e") == "1:3: expected a digit in the exponent")
        #expect(error("-") == "1:2: expected a digit after \"-\"")
        #expect(error("0x10") == "1:2: unexpected text after the JSON value")
        #expect(error("NaN") == "1:1: unexpected character \"N\", expected a value")
        #expect(error("[1e400]") == "1:2: number \"1…\" (5 characters) is out of range")
    }

    /// §7: unescaped control characters, bad escapes, unpaired surrogates.
    @Test func strings() {
        #expect(error("\"abc") == "1:5: unterminated string")
        #expect(error("\"a\tb\"") == "1:3: control character in a string (escape it)")
        #expect(error("\"a\nb\"") == "1:3: line break in a string (write it as \\n)")
        #expect(error(#""\x41""#) == "1:2: invalid escape \\ followed by \"x\"")
        #expect(error(#""\u12G4""#) == "1:6: expected 4 hex digits after \\u")
        #expect(error(#""\uD834""#) == "1:2: unpaired high surrogate in a \\u escape")
        #expect(error(#""\uD834\u0041""#) == "1:2: a high surrogate in a \\u escape must be followed by a low one")
        #expect(error(#""\uDD1E""#) == "1:2: unpaired low surrogate in a \\u escape")
    }

    /// Duplicate keys are refused at the second key, in small and large objects; a key that
    /// could be a secret is quoted only as an excerpt.
    @Test func duplicateKeys() {
        #expect(error("{\"a\": 1,\n \"a\": 2}") == "2:2: duplicate key \"a\"")
        let many = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        #expect(error("{\(many), \"k39\": 0}").hasSuffix(": duplicate key \"k39\""))
        #expect(error("{\(many)}") == "accepted (object)")
        // A random-looking token, assembled at run time.
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let secretLike = String((0..<32).map { alphabet[($0 * 37 + 11) % alphabet.count] })
        let message = error("{\"\(secretLike)\": 1, \"\(secretLike)\": 2}")
        #expect(!message.contains(secretLike))
        #expect(message.contains("duplicate key \"\(secretLike.prefix(4))…\" (32 characters)"))
    }

    /// Nesting beyond the limit is refused where it goes too deep, not by running out of stack.
    @Test func deepNesting() {
        #expect(error(String(repeating: "[", count: 100_000)) == "1:257: nesting deeper than 256 levels")
        #expect(error(String(repeating: "{\"a\":", count: 300)) == "1:1281: nesting deeper than 256 levels")
    }

    /// Every error position lies inside the input (or just past its end).
    @Test func positionsInsideInput() {
        for text in ["", "[", "{\"a\"", "\"\\u", "1e", "[1,\n", "\u{FEFF}x"] {
            do {
                _ = try JSONReader.parse(text)
            } catch {
                #expect(error.position.offset <= text.utf8.count, "\(text)")
                #expect(error.position.line >= 1 && error.position.column >= 1)
            }
        }
    }
}
