import Foundation
import HoundTestSupport
import TOML
import Testing

/// No input crashes or hangs the parser: deep nesting is refused, truncations and garbage are
/// rejected with an error.
@Suite struct RobustnessTests {
    @Test func hundredThousandOpenBracketsAsAValue() {
        let text = "a = " + String(repeating: "[", count: 100_000)
        let error = #expect(throws: TOMLError.self) { try TOMLParser.parse(text) }
        #expect(error?.message == "arrays and tables nested too deeply (more than 128 levels)")
        #expect(error?.position == TOMLPosition(line: 1, column: 133))
    }

    @Test func hundredThousandOpenBracketsAsADocument() {
        #expect(throws: TOMLError.self) { try TOMLParser.parse(String(repeating: "[", count: 100_000)) }
    }

    @Test func hundredThousandOpenBraces() {
        let text = "a = " + String(repeating: "{ b = ", count: 100_000)
        #expect(throws: TOMLError.self) { try TOMLParser.parse(text) }
    }

    @Test func longDottedKeysAndHeadersAreCapped() {
        let path = Array(repeating: "k", count: 100_000).joined(separator: ".")
        #expect(throws: TOMLError.self) { try TOMLParser.parse("\(path) = 1") }
        #expect(throws: TOMLError.self) { try TOMLParser.parse("[\(path)]") }
        #expect(throws: TOMLError.self) { try TOMLParser.parse("[[\(path)]]") }
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let arrays = "a = " + String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(try TOMLParser.parse(arrays)["a"] != nil)
        let tables = "a = " + String(repeating: "{ b = ", count: 127) + "1" + String(repeating: " }", count: 127)
        #expect(try TOMLParser.parse(tables)["a"] != nil)
        let header = "[" + Array(repeating: "k", count: 128).joined(separator: ".") + "]"
        #expect(try TOMLParser.parse(header)["k"] != nil)
    }

    @Test func nestingMixedAcrossHeadersKeysAndValuesIsCapped() {
        let header = "[" + Array(repeating: "h", count: 100).joined(separator: ".") + "]\n"
        let key = Array(repeating: "k", count: 20).joined(separator: ".")
        let value = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(throws: TOMLError.self) { try TOMLParser.parse(header + key + " = " + value) }
    }

    @Test func deepNestingFitsASmallThreadStack() throws {
        let text = "a = " + String(repeating: "[{ b = ", count: 64) + "1" + String(repeating: " }]", count: 64)
        let outcome = ResultBox()
        let thread = Thread {
            outcome.result = Result { () throws(TOMLError) in try TOMLParser.parse(text) }
            outcome.done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        outcome.done.wait()
        let result = try #require(outcome.result)
        #expect(throws: Never.self) { try result.get() }
    }

    @Test func everyPrefixOfADocumentIsHandled() {
        let document = """
            # keyhound config
            title = "scan \\u00E9 \\U0001F600"
            [rules.github]
            regex = '''ghp_[A-Za-z0-9]{36}'''
            tags = [ "token", 'pat', 1, 2.5e3, 0xFF, 1979-05-27T07:32:00Z, 07:32:00 ]
            inline = { a.b = 1, c = [ { d = true } ] }
            [[keys]]
            name = \"\"\"
            multi \\
              line\"\"\"
            """
        let bytes = Array(document.utf8)
        for end in 0...bytes.count {
            _ = try? TOMLParser.parse(bytes: Array(bytes[..<end]))
        }
        #expect(throws: Never.self) { try TOMLParser.parse(bytes: bytes) }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("[]{}=,.\"'\\#\n\r\t abc019_-+:eExob\u{0}é".utf8)
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 64)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                let roll = generator.next()
                bytes.append(
                    roll % 8 == 0 ? UInt8(truncatingIfNeeded: roll >> 8) : alphabet[Int(roll >> 8) % alphabet.count])
            }
            _ = try? TOMLParser.parse(bytes: bytes)
        }
    }
}

/// Carries a parse result out of a thread; the semaphore orders the write before the read.
final class ResultBox: @unchecked Sendable {
    /// The parse outcome, written once by the thread.
    var result: Result<TOMLTable, TOMLError>?
    /// Signalled after `result` is written.
    let done = DispatchSemaphore(value: 0)
}
