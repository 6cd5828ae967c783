import HoundJSON
import Testing

/// The writer's layouts, escapes and streaming, pinned byte for byte.
@Suite struct WriterTests {
    private let sample: JSONValue = .object([
        ("name", .string("a")), ("count", .int(2)), ("ratio", .double(0.5)), ("on", .bool(true)), ("none", .null),
        ("tags", .strings(["x", "y"])), ("empty", .array([])), ("nested", .object([("k", .array([.object([])]))])),
    ])

    @Test func compact() {
        #expect(
            sample.encodedText(.compact)
                == #"{"name":"a","count":2,"ratio":0.5,"on":true,"none":null,"tags":["x","y"],"empty":[],"nested":{"k":[{}]}}"#)
    }

    @Test func inline() {
        #expect(
            sample.encodedText(.inline)
                == #"{"name": "a", "count": 2, "ratio": 0.5, "on": true, "none": null, "tags": ["x", "y"], "empty": [], "nested": {"k": [{}]}}"#
        )
    }

    @Test func pretty() {
        #expect(
            sample.encodedText(.pretty) == """
                {
                  "name": "a",
                  "count": 2,
                  "ratio": 0.5,
                  "on": true,
                  "none": null,
                  "tags": ["x", "y"],
                  "empty": [],
                  "nested": {
                    "k": [
                      {}
                    ]
                  }
                }
                """)
    }

    /// Doubles in Swift's shortest round-trip form; NaN and infinities as null.
    @Test func doubles() {
        #expect(JSONValue.double(300).encodedText(.compact) == "300.0")
        #expect(JSONValue.double(1e21).encodedText(.compact) == "1e+21")
        #expect(JSONValue.array([.double(.nan), .double(.infinity)]).encodedText(.compact) == "[null,null]")
    }

    /// RFC 8259 §7: quotes, backslashes and control characters escaped, short forms where they
    /// exist; DEL, U+2028, U+2029 and U+FFFD escaped too; everything else as UTF-8.
    @Test func stringEscapes() {
        #expect(JSONString.quoted("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(JSONString.quoted("\n\r\t\u{08}\u{0C}") == #""\n\r\t\b\f""#)
        #expect(JSONString.quoted("\u{0}\u{1F}\u{7F}") == #""\u0000\u001f\u007f""#)
        #expect(JSONString.quoted("\u{2028}\u{2029}\u{FFFD}") == #""\u2028\u2029\ufffd""#)
        #expect(JSONString.quoted("é😀\u{1D11E}") == "\"é😀\u{1D11E}\"")
        #expect(JSONValue.text([0x61, 0xFF]).encodedText(.compact) == #""a\ufffd""#)
    }

    /// A document written one element at a time equals the same document written whole, in every
    /// layout, and bytes reach the sink as they are produced.
    @Test func streaming() {
        for layout in [JSONLayout.compact, .inline, .pretty] {
            var writer = JSONWriter(layout: layout)
            writer.beginObject()
            writer.member("name", .string("a"))
            writer.key("results")
            writer.beginArray()
            writer.write(.object([("id", .int(1))]))
            #expect(writer.sink.count > 0)
            writer.write(.object([("id", .int(2)), ("tags", .strings(["t"]))]))
            writer.end()
            writer.key("empty")
            writer.beginArray()
            writer.end()
            writer.end()
            let whole: JSONValue = .object([
                ("name", .string("a")),
                ("results", .array([.object([("id", .int(1))]), .object([("id", .int(2)), ("tags", .strings(["t"]))])])),
                ("empty", .array([])),
            ])
            #expect(String(decoding: writer.sink, as: UTF8.self) == whole.encodedText(layout), "\(layout)")
            #expect(writer.depth == 0)
        }
    }

    /// A container can take another layout than its parent: a pretty file with one-line entries.
    @Test func mixedLayouts() {
        var writer = JSONWriter(layout: .pretty)
        writer.beginObject()
        writer.member("version", .int(2))
        writer.member("process", .object([("pid", .int(4)), ("boot", .string("b"))]), layout: .inline)
        writer.member("trigger", .object([("kind", .string("manual"))]), layout: .compact)
        writer.key("findings")
        writer.beginArray()
        writer.write(.object([("rule", .string("r"))]), layout: .inline)
        writer.write(.object([("rule", .string("s"))]), layout: .inline)
        writer.end()
        writer.end()
        writer.newline()
        #expect(
            String(decoding: writer.sink, as: UTF8.self) == """
                {
                  "version": 2,
                  "process": {"pid": 4, "boot": "b"},
                  "trigger": {"kind":"manual"},
                  "findings": [
                    {"rule": "r"},
                    {"rule": "s"}
                  ]
                }

                """)
    }

    /// JSON lines: top-level values separated by newlines.
    @Test func jsonLines() {
        var writer = JSONWriter(layout: .compact)
        writer.write(.object([("a", .int(1))]))
        writer.newline()
        writer.write(.object([("b", .int(2))]))
        writer.newline()
        #expect(String(decoding: writer.sink, as: UTF8.self) == "{\"a\":1}\n{\"b\":2}\n")
    }

    /// A sink other than an array receives the same bytes.
    @Test func customSink() {
        struct Counter: JSONByteSink {
            var count = 0
            mutating func append(_ byte: UInt8) { count += 1 }
            mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
                for _ in bytes { count += 1 }
            }
        }
        var writer = JSONWriter(sink: Counter(), layout: .pretty)
        writer.write(sample)
        #expect(writer.sink.count == sample.encoded(.pretty).count)
    }
}
