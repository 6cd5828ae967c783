import Foundation
import TOML
import Testing

/// The conformance comparison itself: it must notice differences, or the suite proves nothing.
@Suite struct TaggedJSONTests {
    /// The tagged form of `json` text.
    private func tagged(_ json: String) throws -> TaggedJSON {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        return try #require(TaggedJSON(json: object))
    }

    @Test func equalValuesMatchSemantically() throws {
        let table = try TOMLParser.parse("f = 1.50\nn = nan\nd = 1987-07-05 17:45:56.6+00:00\ni = 0x10")
        let expected = try tagged(
            #"""
            {"f": {"type": "float", "value": "1.5"}, "n": {"type": "float", "value": "nan"},
             "d": {"type": "datetime", "value": "1987-07-05T17:45:56.600Z"},
             "i": {"type": "integer", "value": "16"}}
            """#)
        #expect(TaggedJSON(table).difference(from: expected) == nil)
    }

    @Test func differencesAreReported() throws {
        let table = try TOMLParser.parse("a = 1\nb = [\"x\"]")
        let wrongValue = try tagged(
            #"{"a": {"type": "integer", "value": "2"}, "b": [{"type": "string", "value": "x"}]}"#)
        let wrongType = try tagged(#"{"a": {"type": "float", "value": "1"}, "b": [{"type": "string", "value": "x"}]}"#)
        let missingKey = try tagged(#"{"a": {"type": "integer", "value": "1"}}"#)
        let wrongLength = try tagged(#"{"a": {"type": "integer", "value": "1"}, "b": []}"#)
        #expect(TaggedJSON(table).difference(from: wrongValue) == #".a: integer "1", expected "2""#)
        #expect(TaggedJSON(table).difference(from: wrongType) == ".a: type integer, expected float")
        #expect(TaggedJSON(table).difference(from: missingKey) == ".b: unexpected")
        #expect(TaggedJSON(table).difference(from: wrongLength) == ".b: 1 elements, expected 0")
    }
}
