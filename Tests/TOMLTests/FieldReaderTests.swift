import TOML
import Testing

/// The one typed-field reader over any syntax: a TOML table read in place, and a small
/// JSON-like table whose values carry their own positions (and may be null), as the inventory's
/// JSON and YAML tree does. Same reads, same message shape, `file:line:column` of the key or, when
/// the syntax records it, of the value.
@Suite struct FieldReaderTests {
    /// A JSON-like table for the tests: each entry's key and value have their own positions.
    struct Object: FieldTable {
        struct Entry: Sendable {
            var key: String
            var keyAt: TOMLPosition
            var value: Value
        }
        var entries: [Entry]
        var startPosition: TOMLPosition? = TOMLPosition(line: 1, column: 1)
        var keys: [String] { entries.map(\.key) }
        subscript(key: String) -> Value? { entries.first { $0.key == key }?.value }
        func position(of key: String) -> TOMLPosition? { entries.first { $0.key == key }?.keyAt }
    }

    /// A value of `Object`, at `line:column`.
    struct Value: FieldValue {
        indirect enum Content: Sendable {
            case text(String), number(Int64), flag(Bool), list([Value]), object(Object), null
        }
        var content: Content
        var position: TOMLPosition?
        var stringValue: String? { if case .text(let s) = content { s } else { nil } }
        var integerValue: Int64? { if case .number(let n) = content { n } else { nil } }
        var doubleValue: Double? { integerValue.map(Double.init) }
        var boolValue: Bool? { if case .flag(let b) = content { b } else { nil } }
        var arrayValue: [Value]? { if case .list(let l) = content { l } else { nil } }
        var tableValue: Object? { if case .object(let o) = content { o } else { nil } }
        var dateText: String? { nil }
        var isNull: Bool { if case .null = content { true } else { false } }
        var fieldTypeName: String {
            switch content {
            case .text: "string"
            case .number: "integer"
            case .flag: "boolean"
            case .list: "array"
            case .object: "table"
            case .null: "null"
            }
        }
    }

    /// `{"name": 5, "tags": ["a", 7], "gone": null, "retries": 3}` on line 2: each key at its
    /// column, each value five columns further.
    static let object = Object(entries: [
        .init(key: "name", keyAt: .init(line: 2, column: 2), value: Value(content: .number(5), position: .init(line: 2, column: 10))),
        .init(
            key: "tags", keyAt: .init(line: 2, column: 13),
            value: Value(
                content: .list([
                    Value(content: .text("a"), position: .init(line: 2, column: 22)),
                    Value(content: .number(7), position: .init(line: 2, column: 27)),
                ]), position: .init(line: 2, column: 21))),
        .init(key: "gone", keyAt: .init(line: 2, column: 30), value: Value(content: .null, position: .init(line: 2, column: 38))),
        .init(key: "retries", keyAt: .init(line: 2, column: 44), value: Value(content: .number(3), position: .init(line: 2, column: 55))),
    ])

    private func toml(_ text: String, known: [String] = []) throws -> TOMLFieldReader {
        TOMLFieldReader(table: try TOMLParser.parse(text), file: "c.toml", known: known)
    }

    @Test func aliasesAreTriedInTurnAndTheFirstPresentWins() throws {
        let fields = try toml("secretGroup = 2\nwithin_lines = 4\nwithinLines = 9\n")
        #expect(try fields.int("secret_group", "secretGroup") == 2)
        #expect(try fields.int("within_lines", "withinLines") == 4)
        #expect(try fields.int("withinColumns", "within_columns") == nil)
    }

    /// The value is never quoted whole (it could be a secret pasted into the wrong field).
    @Test func aChoiceIsOneOfItsCasesOrNamesTheClosest() throws {
        enum Policy: String, CaseIterable { case rotate, emergency, report }
        let fields = try toml("on_leak = \"rotat\"\nother = \"report\"\n")
        #expect(try fields.oneOf("other", as: Policy.self) == .report)
        #expect(try fields.oneOf("absent", as: Policy.self) == nil)
        #expect(
            throws: FieldError(
                file: "c.toml", line: 1, column: 1,
                message: "\"on_leak\" is \"r…\" (5 characters), expected one of rotate, emergency, report (did you mean \"rotate\"?)")
        ) { try fields.oneOf("on_leak", as: Policy.self) }
    }

    @Test func messagesNameAFieldAsTheFileDoes() throws {
        let table = try TOMLParser.parse("\n  retries = \"3\"\n")
        let plain = TOMLFieldReader(table: table, file: "c.toml", known: [])
        let inventory = TOMLFieldReader(table: table, file: "keys.toml", known: [], label: "field ", keyPrefix: "rotation.")
        #expect(throws: FieldError(file: "c.toml", line: 2, column: 3, message: "\"retries\" must be an integer, not string")) {
            try plain.int("retries")
        }
        #expect(
            throws: FieldError(file: "keys.toml", line: 2, column: 3, message: "field \"rotation.retries\" must be an integer, not string")
        ) { try inventory.int("retries") }
    }

    @Test func anUnknownFieldGetsTheClosestNameOrTheKnownOnes() throws {
        let table = try TOMLParser.parse("name = \"a\"\n[rotation]\nrevokee = [\"x\"]\nzzzzzz = 1\n")
        let rotation = try #require(table["rotation"]?.tableValue)
        let fields = TOMLFieldReader(
            table: rotation, file: "keys.toml", known: ["create", "revoke", "grace"], keyPrefix: "rotation.",
            listsKnownFields: true)
        #expect(
            fields.unknownField("revokee").description
                == "keys.toml:3:1: unknown field \"rotation.revokee\" (did you mean \"rotation.revoke\"?)")
        #expect(
            fields.unknownField("zzzzzz").description
                == "keys.toml:4:1: unknown field \"rotation.zzzzzz\" (known fields: rotation.create, rotation.revoke, rotation.grace)")
        #expect(
            try toml("nmae = 1\n", known: ["name"]).unknownField("nmae", context: "rule \"x\"").description
                == "c.toml:1:1: unknown field \"nmae\" in rule \"x\" (did you mean \"name\"?)")
    }

    @Test func aTableThatRecordsValuePositionsIsReportedAtTheValue() {
        let fields = FieldReader(table: Self.object, file: "keys.json", known: ["name", "tags", "gone", "retries"])
        #expect(throws: FieldError(file: "keys.json", line: 2, column: 10, message: "\"name\" must be a string, not integer")) {
            try fields.string("name")
        }
        #expect(
            throws: FieldError(file: "keys.json", line: 2, column: 27, message: "\"tags\" must be an array of strings, but holds integer")
        ) { try fields.strings("tags") }
        #expect(throws: FieldError(file: "keys.json", line: 2, column: 55, message: "\"retries\" must be 0…2")) {
            try fields.int("retries", in: 0...2)
        }
        #expect(fields.error(at: "retries", "x").position == TOMLPosition(line: 2, column: 44))
    }

    @Test func nullReadsAsAbsent() throws {
        let fields = FieldReader(table: Self.object, file: "keys.json", known: [])
        #expect(try fields.string("gone") == nil)
        #expect(try fields.strings("gone") == [])
        #expect(fields.value(["gone", "retries"])?.key == "retries")
    }

    @Test func aTOMLDateIsADateTimeWhateverItsKind() throws {
        let fields = try toml("a = 2026-10-01\nb = 07:30:00\nc = 2026-10-01T00:00:00Z\n")
        #expect(try fields.expect("a", as: "a date", \.dateText) == "2026-10-01")
        #expect(try fields.expect("c", as: "a date", \.dateText) == "2026-10-01T00:00:00Z")
        #expect(throws: FieldError(file: "c.toml", line: 2, column: 1, message: "\"b\" must be a date, not time")) {
            try fields.expect("b", as: "a date", \.dateText)
        }
        #expect(throws: FieldError(file: "c.toml", line: 1, column: 1, message: "\"a\" must be a string, not date-time")) {
            try fields.string("a")
        }
    }
}
