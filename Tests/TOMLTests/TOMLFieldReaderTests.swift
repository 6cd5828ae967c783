import TOML
import Testing

/// Typed field reads: values of each kind, wrong types and unknown names reported at the key's
/// `file:line:column`, names that could be secrets never quoted whole.
@Suite struct TOMLFieldReaderTests {
    /// A reader of the root table of `text`, from `c.toml`.
    private func reader(_ text: String, known: [String], strict: Bool = true) throws -> TOMLFieldReader {
        TOMLFieldReader(table: try TOMLParser.parse(text), file: "c.toml", known: known, strictUnknownKeys: strict)
    }

    @Test func readsEachKindOfField() throws {
        let fields = try reader(
            """
            name = "n"
            count = 3
            ratio = 2
            on = true
            tags = ["a", "b"]
            span = "5m"
            [inner]
            x = 1
            [[many]]
            y = 1
            [[many]]
            y = 2
            """, known: [])
        #expect(try fields.string("missing", "name") == "n")
        #expect(try fields.int("count", in: 0...10) == 3)
        #expect(try fields.double("ratio") == 2)
        #expect(try fields.bool("on") == true)
        #expect(try fields.strings("tags") == ["a", "b"])
        #expect(try fields.strings("absent") == [])
        #expect(try fields.table("inner")?["x"] == .integer(1))
        #expect(try fields.tables("many").count == 2)
        #expect(try fields.tables("inner").count == 1)
        #expect(try fields.parsed("span", typeMessage: "a duration") { (text: String) in text.count } == 2)
        #expect(try fields.string("absent") == nil && fields.int("absent") == nil && fields.bool("absent") == nil)
    }

    @Test func aWrongTypeIsReportedAtTheKey() throws {
        let fields = try reader("a = 1\n  name = 5\n", known: [])
        #expect(throws: FieldError(file: "c.toml", line: 2, column: 3, message: "\"name\" must be a string, not integer")) {
            try fields.string("name")
        }
        #expect(throws: FieldError(file: "c.toml", line: 1, column: 1, message: "retries must be 0…100")) {
            _ = try reader("a = 101\n", known: []).int("a", in: 0...100, rangeMessage: "retries must be 0…100")
        }
        #expect(throws: FieldError(file: "c.toml", line: 1, column: 1, message: "c is missing \"id\"")) {
            try fields.requiredString("id", context: "c")
        }
    }

    @Test func aStringTheParserRefusesCarriesItsReason() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "not a size" } }
        let fields = try reader("\n\nsize = \"big\"\n", known: [])
        #expect(throws: FieldError(file: "c.toml", line: 3, column: 1, message: "size: not a size")) {
            try fields.parsed("size", typeMessage: "size must be a string") { (_: String) throws(Refused) -> Int in throw Refused() }
        }
        #expect(throws: FieldError(file: "c.toml", line: 1, column: 1, message: "n must be a string")) {
            try reader("n = 1\n", known: []).parsed("n", typeMessage: "n must be a string") { (text: String) in text }
        }
    }

    @Test func anUnknownFieldSuggestsTheClosestOrIsAWarning() throws {
        #expect(throws: FieldError(file: "c.toml", line: 2, column: 1, message: "unknown field \"keyword\" in rule (did you mean \"keywords\"?)")) {
            _ = try reader("id = \"x\"\nkeyword = 1\n", known: ["id", "keywords"]).checkUnknownKeys(context: "rule")
        }
        let lenient = try reader("id = \"x\"\nreport = 1\n", known: ["id"], strict: false)
        #expect(try lenient.checkUnknownKeys(context: "rule") == ["c.toml:2:1: unknown field \"report\" in rule (ignored)"])
    }

    @Test func anUnknownFieldThatCouldBeASecretIsQuotedAsAnExcerpt() throws {
        let name = "k" + String(repeating: "Zq8Lm3Xv0Rt6Kw2Yp9Bn5Hd1", count: 2)
        do {
            _ = try reader("\(name) = 1\n", known: ["id"]).checkUnknownKeys(context: "rule")
            Issue.record("an unknown field was accepted")
        } catch {
            #expect("\(error)".hasPrefix("c.toml:1:1: unknown field \"k"))
            #expect(!"\(error)".contains(name))
        }
    }
}
