import HoundJSON
import Testing

/// Documents RFC 8259 accepts read as the RFC says.
@Suite struct ReaderTests {
    private func value(_ text: String) throws -> JSONValue { try JSONReader.parse(text).value }

    /// RFC 8259 §13, first example: an object with nested object and array, member order kept.
    @Test func rfcImageExample() throws {
        let text = """
            {
              "Image": {
                  "Width":  800,
                  "Height": 600,
                  "Title":  "View from 15th Floor",
                  "Thumbnail": {
                      "Url":    "http://www.example.com/image/481989943",
                      "Height": 125,
                      "Width":  100
                  },
                  "Animated" : false,
                  "IDs": [116, 943, 234, 38793]
                }
            }
            """
        let expected: JSONValue = .object([
            (
                "Image",
                .object([
                    ("Width", .int(800)), ("Height", .int(600)), ("Title", .string("View from 15th Floor")),
                    (
                        "Thumbnail",
                        .object([
                            ("Url", .string("http://www.example.com/image/481989943")), ("Height", .int(125)),
                            ("Width", .int(100)),
                        ])
                    ),
                    ("Animated", .bool(false)), ("IDs", .array([.int(116), .int(943), .int(234), .int(38793)])),
                ])
            )
        ])
        #expect(try value(text) == expected)
    }

    /// RFC 8259 §13, second example: an array of two objects with negative and fractional numbers.
    @Test func rfcArrayExample() throws {
        let text = """
            [
              {
                 "precision": "zip",
                 "Latitude":  37.7668,
                 "Longitude": -122.3959,
                 "Address":   "",
                 "City":      "SAN FRANCISCO",
                 "State":     "CA",
                 "Zip":       "94107",
                 "Country":   "US"
              },
              {
                 "precision": "zip",
                 "Latitude":  37.371991,
                 "Longitude": -122.026020,
                 "Address":   "",
                 "City":      "SUNNYVALE",
                 "State":     "CA",
                 "Zip":       "94085",
                 "Country":   "US"
              }
            ]
            """
        guard case .array(let items) = try value(text) else { Issue.record("not an array"); return }
        #expect(items.count == 2)
        guard case .object(let first) = items[0], case .object(let second) = items[1] else { return }
        #expect(first.map(\.0) == ["precision", "Latitude", "Longitude", "Address", "City", "State", "Zip", "Country"])
        #expect(first[1].1 == .double(37.7668))
        #expect(second[2].1 == .double(-122.026020))
    }

    /// RFC 8259 §13: scalars are documents too.
    @Test func scalarDocuments() throws {
        #expect(try value("\"Hello world!\"") == .string("Hello world!"))
        #expect(try value("42") == .int(42))
        #expect(try value("true") == .bool(true))
        #expect(try value(" null ") == .null)
    }

    /// §7: every short escape, `\/`, and `\u` escapes (lowercase and uppercase hex).
    @Test func escapes() throws {
        #expect(try value(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
        #expect(try value(#""\u005C \u00e9 \u00E9 \u0000""#) == .string("\\ é é \u{0}"))
    }

    /// §7: a character outside the Basic Multilingual Plane escaped as a UTF-16 surrogate pair
    /// (the RFC's own example: G clef, U+1D11E, is `"\uD834\uDD1E"`).
    @Test func surrogatePairs() throws {
        #expect(try value(#""\uD834\uDD1E""#) == .string("\u{1D11E}"))
        #expect(try value(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try value("\"\u{1D11E}\"") == .string("\u{1D11E}"))
    }

    /// §6: integers, fractions, exponents; integers that do not fit become doubles.
    @Test func numbers() throws {
        #expect(try value("0") == .int(0))
        #expect(try value("-0") == .int(0))
        #expect(try value("-9223372036854775808") == .int(Int.min))
        #expect(try value("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try value("1.5") == .double(1.5))
        #expect(try value("1E3") == .double(1000))
        #expect(try value("1e+2") == .double(100))
        #expect(try value("-2.5e-3") == .double(-0.0025))
        #expect(try value("1.0") == .double(1))
    }

    /// §2: the four white space characters, anywhere between tokens.
    @Test func whiteSpace() throws {
        #expect(try value(" \t\r\n[ 1 ,\n\t2 ]\r\n") == .array([.int(1), .int(2)]))
        #expect(try value("{}") == .object([]))
        #expect(try value("[ ]") == .array([]))
    }

    /// Nesting up to the limit reads; one level more is refused.
    @Test func nesting() throws {
        let deep = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try JSONReader.parse(deep) }
        let deeper = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(deeper) }
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse("[[[1]]]", maximumDepth: 2) }
    }

    /// A byte-order mark is skipped and not counted in columns.
    @Test func byteOrderMark() throws {
        let node = try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
        #expect(node.position == JSONPosition(line: 1, column: 1, offset: 3))
        #expect(node.value == .object([("a", .int(1))]))
    }

    /// Ill-formed UTF-8 inside a string becomes U+FFFD rather than failing the document.
    @Test func illFormedUTF8() throws {
        #expect(try JSONReader.parse(Array("\"a".utf8) + [0xFF] + Array("b\"".utf8)).value == .string("a\u{FFFD}b"))
    }

    /// Each value and key keeps where it starts.
    @Test func positions() throws {
        let node = try JSONReader.parse("{\n  \"name\": \"x\",\n  \"list\": [1,\n    true]\n}")
        #expect(node.position == JSONPosition(line: 1, column: 1, offset: 0))
        guard case .object(let members) = node.content else { Issue.record("not an object"); return }
        #expect(members[0].keyPosition.description == "2:3")
        #expect(members[0].value.position.description == "2:11")
        #expect(members[1].value.position.description == "3:11")
        #expect(members[1].value.arrayValue?[1].position.description == "4:5")
        #expect(node["list"]?.arrayValue?.count == 2)
    }

    /// Typed accessors.
    @Test func accessors() throws {
        let node = try JSONReader.parse(#"{"s": "x", "i": 3, "d": 2.0, "f": 2.5, "b": true, "n": null, "l": ["a", "b"], "m": ["a", 1]}"#)
        #expect(node["s"]?.stringValue == "x")
        #expect(node["i"]?.intValue == 3)
        #expect(node["d"]?.intValue == 2)
        #expect(node["f"]?.intValue == nil)
        #expect(node["f"]?.doubleValue == 2.5)
        #expect(node["i"]?.doubleValue == 3)
        #expect(node["b"]?.boolValue == true)
        #expect(node["n"]?.isNull == true)
        #expect(node["l"]?.stringsValue == ["a", "b"])
        #expect(node["m"]?.stringsValue == nil)
        #expect(node["missing"] == nil)
        #expect(node["s"]?.typeName == "string")
    }
}
