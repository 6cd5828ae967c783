import TOML
import Testing

/// Values print as TOML.
@Suite struct DescriptionTests {
    @Test func valuesPrintAsInlineTOML() throws {
        let table = try TOMLParser.parse(
            #"""
            name = "say \"hi\"\n"
            "odd key" = [1, 2.5, -inf, true, 1979-05-27T07:32:00Z]
            nested = { a.b = 'x' }
            """#)
        #expect(
            table.description
                == #"{ name = "say \"hi\"\n", "odd key" = [1, 2.5, -inf, true, 1979-05-27T07:32:00Z], nested = { a = { b = "x" } } }"#
        )
    }
}
