import TOML
import Testing

/// Positions of keys and tables, which configuration errors cite.
@Suite struct PositionTests {
    /// Shorthand for a position.
    private func at(_ line: Int, _ column: Int) -> TOMLPosition { TOMLPosition(line: line, column: column) }

    @Test func keyPositions() throws {
        let table = try TOMLParser.parse(
            """
            name = "keyhound"
              indented = 1
            "quoted key" = 2
            a.b.c = 3
            """)
        #expect(table.position == at(1, 1))
        #expect(table.position(of: "name") == at(1, 1))
        #expect(table.position(of: "indented") == at(2, 3))
        #expect(table.position(of: "quoted key") == at(3, 1))
        #expect(table.position(of: "a") == at(4, 1))
        let b = try #require(table["a"]?.tableValue?["b"]?.tableValue)
        #expect(b.position == at(4, 3))
        #expect(b.position(of: "c") == at(4, 5))
        #expect(table.position(of: "missing") == nil)
    }

    @Test func tableHeaderPositions() throws {
        let table = try TOMLParser.parse(
            """
            [server]
            port = 8080

              [server.tls]
              cert = "a.pem"
            """)
        let server = try #require(table["server"]?.tableValue)
        #expect(server.position == at(1, 1))
        #expect(server.position(of: "port") == at(2, 1))
        let tls = try #require(server["tls"]?.tableValue)
        #expect(tls.position == at(4, 3))
        #expect(tls.position(of: "cert") == at(5, 3))
    }

    @Test func implicitTableTakesItsHeaderPositionWhenDefinedLater() throws {
        let table = try TOMLParser.parse(
            """
            [a.b]
            x = 1
            [a]
            y = 2
            """)
        #expect(table["a"]?.tableValue?.position == at(3, 1))
        #expect(table["a"]?.tableValue?.position(of: "b") == at(1, 4))
    }

    @Test func arrayOfTablesElementPositions() throws {
        let table = try TOMLParser.parse(
            """
            [[rules]]
            id = "first"

            [[rules]]
            id = "second"
            # a comment
            [[rules]]
                id = "third"
            """)
        let rules = try #require(table["rules"]?.arrayValue).compactMap(\.tableValue)
        #expect(rules.map(\.position) == [at(1, 1), at(4, 1), at(7, 1)])
        #expect(rules.map { $0.position(of: "id") } == [at(2, 1), at(5, 1), at(8, 5)])
        #expect(table.position(of: "rules") == at(1, 3))
    }

    @Test func inlineTablePositions() throws {
        let table = try TOMLParser.parse("owner = { name = \"x\", team.id = 7 }")
        let owner = try #require(table["owner"]?.tableValue)
        #expect(owner.position == at(1, 9))
        #expect(owner.position(of: "name") == at(1, 11))
        #expect(owner["team"]?.tableValue?.position(of: "id") == at(1, 28))
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let table = try TOMLParser.parse("\"é\" = \"日本語\"\nx = 1")
        #expect(table.position(of: "x") == at(2, 1))
        let error = try #require(throws: TOMLError.self) { try TOMLParser.parse("\"日本\" = 1 2") }
        #expect(error.position == at(1, 10))
    }

    @Test func positionsAfterMultilineStrings() throws {
        let table = try TOMLParser.parse("text = \"\"\"\none\ntwo\"\"\"\nafter = 1\r\nlast = 2")
        #expect(table.position(of: "after") == at(4, 1))
        #expect(table.position(of: "last") == at(5, 1))
    }
}
