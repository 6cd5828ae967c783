import HoundTestSupport
import Testing

@testable import HoundEngine

/// `StringEscapes.view` (escaped JSON inside strings, issue 15 §3) copies runs between
/// backslashes whole: its views must be those of the plain byte-by-byte decoding, and a range
/// with nothing to decode has none.
@Suite struct StringEscapesTests {
    /// The plain definition: every backslash that starts an escape is decoded, every other byte
    /// kept; nil when nothing was decoded.
    func plainDecoding(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { buffer in
            var out: [UInt8] = []
            var decodedAny = false
            var i = range.lowerBound
            while i < range.upperBound {
                if bytes[i] == UInt8(ascii: "\\"), i + 1 < range.upperBound,
                    let (scalar, width) = StringEscapes.escape(buffer, at: i, limit: range.upperBound)
                {
                    out += Array(String(Character(Unicode.Scalar(scalar)!)).utf8)
                    decodedAny = true
                    i += width
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return decodedAny ? out : nil
        }
    }

    @Test func viewsAgreeWithThePlainDecoding() {
        let alphabet = Array(#"\\\"'/nrtuqx0aF9D8 "#.utf8)
        var generator = SplitMix64(seed: 21)
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let lower = Int.random(in: 0...bytes.count, using: &generator)
            let range = lower..<Int.random(in: lower...bytes.count, using: &generator)
            let view = bytes.withUnsafeBufferPointer { StringEscapes.view(of: $0, range: range) }
            #expect(view?.bytes == plainDecoding(bytes, range), "\(String(decoding: bytes, as: UTF8.self)) \(range)")
        }
    }

    @Test func rangesWithoutEscapesHaveNoView() {
        for text in [#"plain text"#, #"a\qb\"#, #"\u12"#, #"\uD800 lone surrogate"#, ""] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { StringEscapes.view(of: $0, range: 0..<bytes.count) } == nil)
        }
    }
}
