import HoundJSON
import Testing

/// What the writer writes, the reader reads back equal.
@Suite struct RoundTripTests {
    @Test(arguments: [JSONLayout.compact, .inline, .pretty])
    func roundTrip(layout: JSONLayout) throws {
        let values: [JSONValue] = [
            .null, .bool(false), .int(Int.max), .int(Int.min), .double(0.1), .double(-1.5e-300), .double(1e300),
            .string(""), .string("\u{0}\u{1F}\"\\/\u{7F}\u{2028}\u{FFFD}é😀"),
            .array([.array([]), .object([]), .array([.int(1), .array([.string("x")])])]),
            .object([("b", .int(1)), ("a", .object([("", .null), ("é", .strings(["1", "2"]))]))]),
        ]
        for value in values {
            let text = value.encoded(layout)
            #expect(try JSONReader.parse(text).value == value, "\(String(decoding: text, as: UTF8.self))")
        }
    }

    /// A document read and written back (compact) reads back equal.
    @Test func readWriteRead() throws {
        let documents = [
            #"{"z": [1, 2.5, -0, 1E2, "\ud834\udd1e"], "a": {"b": null, "c": [true, false, {}]}}"#,
            "[\"\\u0000\", \"\\u007f\", 1e-7, 12345678901234567890]",
        ]
        for document in documents {
            let first = try JSONReader.parse(document).value
            for layout in [JSONLayout.compact, .inline, .pretty] {
                #expect(try JSONReader.parse(first.encoded(layout)).value == first)
            }
        }
    }
}
