import TOML
import Testing

/// Each kind of value, read from the TOML that writes it.
@Suite struct ValueTests {
    /// The value of `key` in a one-line document `key = <value>`.
    private func value(_ text: String) throws -> TOMLValue? {
        try TOMLParser.parse("key = \(text)")["key"]
    }

    @Test func strings() throws {
        #expect(try value(#""tab\there \"quoted\" \\ \u00E9 \U0001F600""#) == .string("tab\there \"quoted\" \\ é 😀"))
        #expect(try value(#"'C:\Users\nobody'"#) == .string(#"C:\Users\nobody"#))
        #expect(try value("\"\"\"\nfirst\r\nsecond\\\n    third\"\"\"") == .string("first\nsecondthird"))
        #expect(try value("'''\nkeep \\n as is\n'''") == .string("keep \\n as is\n"))
        #expect(try value("\"\"\"ends with two quotes\"\"\"\"\"") == .string("ends with two quotes\"\""))
        #expect(try value("''''one apostrophe'''") == .string("'one apostrophe"))
    }

    @Test func integers() throws {
        #expect(try value("+1_000") == .integer(1000))
        #expect(try value("-17") == .integer(-17))
        #expect(try value("0xDEAD_beef") == .integer(0xDEAD_BEEF))
        #expect(try value("0o755") == .integer(0o755))
        #expect(try value("0b1101") == .integer(13))
        #expect(try value("9223372036854775807") == .integer(.max))
        #expect(try value("-9223372036854775808") == .integer(.min))
        #expect(throws: TOMLError.self) { try value("9223372036854775808") }
        #expect(throws: TOMLError.self) { try value("0x8000000000000000") }
    }

    @Test func floats() throws {
        #expect(try value("3.14") == .float(3.14))
        #expect(try value("-2e-3") == .float(-0.002))
        #expect(try value("6.626e-34") == .float(6.626e-34))
        #expect(try value("1_000.000_1") == .float(1000.0001))
        #expect(try value("-inf") == .float(-.infinity))
        #expect(try value("+inf") == .float(.infinity))
        #expect(try value("nan")?.doubleValue?.isNaN == true)
        #expect(try value("-0.0")?.doubleValue?.sign == .minus)
    }

    @Test func booleans() throws {
        #expect(try value("true") == .boolean(true))
        #expect(try value("false") == .boolean(false))
    }

    @Test func dateTimes() throws {
        let offset = try #require(try value("1979-05-27 00:32:00.999999-07:00"))
        guard case .offsetDateTime(let dateTime) = offset else {
            Issue.record("expected an offset date-time, got \(offset)")
            return
        }
        #expect(dateTime.year == 1979 && dateTime.month == 5 && dateTime.day == 27)
        #expect(dateTime.hour == 0 && dateTime.minute == 32 && dateTime.second == 0)
        #expect(dateTime.nanosecond == 999_999_000)
        #expect(dateTime.offsetMinutes == -420)
        #expect(dateTime.text == "1979-05-27T00:32:00.999999-07:00")

        #expect(try value("1979-05-27t07:32:00z")?.dateTimeValue?.text == "1979-05-27T07:32:00Z")
        #expect(try value("1979-05-27T07:32:00")?.typeName == "local date-time")
        #expect(try value("1979-05-27")?.typeName == "local date")
        #expect(try value("07:32:00.1234567891")?.dateTimeValue?.nanosecond == 123_456_789)
        #expect(try value("2000-02-29")?.dateTimeValue?.day == 29)
        #expect(throws: TOMLError.self) { try value("1900-02-29") }
    }

    @Test func arraysMayMixTypes() throws {
        let array = try #require(try value("[ 1, 'two', [3.0], { four = 4 }, ]")?.arrayValue)
        #expect(array.map(\.typeName) == ["integer", "string", "array", "table"])
        #expect(array[3].tableValue?["four"] == .integer(4))
    }

    @Test func inlineTablesWithDottedKeys() throws {
        let table = try #require(try value(#"{ name = "x", point.x = 1, point.y = 2 }"#)?.tableValue)
        #expect(table.keys == ["name", "point"])
        #expect(table["point"] == .table(["x": .integer(1), "y": .integer(2)]))
    }

    @Test func tablesAndArraysOfTables() throws {
        let document = try TOMLParser.parse(
            """
            title = "rules"
            [server.limits]
            max = 10
            [[rules]]
            id = "a"
            [[rules]]
            id = "b"
            [rules.extra]
            note = "belongs to b"
            """)
        #expect(document.keys == ["title", "server", "rules"])
        #expect(document["server"]?.tableValue?["limits"]?.tableValue?["max"] == .integer(10))
        let rules = try #require(document["rules"]?.arrayValue)
        #expect(rules.compactMap { $0.tableValue?["id"]?.stringValue } == ["a", "b"])
        #expect(rules[1].tableValue?["extra"]?.tableValue?["note"] == .string("belongs to b"))
    }

    @Test func accessorsReturnNilOnTypeMismatch() {
        let value = TOMLValue.integer(3)
        #expect(value.integerValue == 3)
        #expect(value.doubleValue == 3.0)
        #expect(value.stringValue == nil)
        #expect(value.boolValue == nil)
        #expect(value.arrayValue == nil)
        #expect(value.tableValue == nil)
        #expect(value.typeName == "integer")
    }

    @Test func tableEqualityIgnoresOrderAndPositions() throws {
        let first = try TOMLParser.parse("a = 1\nb = 2")
        let second = try TOMLParser.parse("\n\n  b = 2\na = 1")
        #expect(first == second)
        #expect(first != (try TOMLParser.parse("a = 1\nb = 3")))
        #expect(first == ["a": .integer(1), "b": .integer(2)])
        #expect(first.entries.map(\.key) == ["a", "b"])
    }

    @Test func bytesAndStringAgree() throws {
        let text = "# comment\nname = \"ß\"\n"
        #expect(try TOMLParser.parse(text) == (try TOMLParser.parse(bytes: Array(text.utf8))))
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let table = try TOMLParser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a = 1\r\nb = 2\r\n".utf8))
        #expect(table == ["a": .integer(1), "b": .integer(2)])
        #expect(table.position(of: "b") == TOMLPosition(line: 2, column: 1))
    }

    @Test func largeTablesFindEveryKeyAndRejectDuplicates() throws {
        let lines = (0..<40).map { "key\($0) = \($0)" }
        let table = try TOMLParser.parse(lines.joined(separator: "\n"))
        #expect(table.count == 40)
        #expect((0..<40).allSatisfy { table["key\($0)"] == .integer(Int64($0)) })
        #expect(table.position(of: "key39") == TOMLPosition(line: 40, column: 1))
        #expect(table["key40"] == nil)
        let error = #expect(throws: TOMLError.self) {
            try TOMLParser.parse((lines + ["key3 = 0"]).joined(separator: "\n"))
        }
        #expect(error?.message == #"duplicate key "key3" (first defined at line 4, column 1)"#)
    }

    @Test func tablesBuiltInCode() {
        var table: TOMLTable = ["a": .integer(1)]
        for index in 0..<20 { table.set(.boolean(true), for: "k\(index)") }
        table.set(.integer(2), for: "a", at: TOMLPosition(line: 9, column: 9))
        #expect(table.keys.first == "a" && table.count == 21)
        #expect(table["a"] == .integer(2))
        #expect(table.position(of: "a") == TOMLPosition(line: 9, column: 9))
        #expect(table["k19"] == .boolean(true))
    }
}
