import HoundTestSupport
import Testing

@testable import HoundEngine

/// `Base64Blobs.mayBeText` skips the decoding of values that cannot decode to text; it must never
/// skip one that does (the decoding of `SENDBIRD_API_TOKEN_B64=…` values on keyword lines).
@Suite struct Base64TextPrefilterTests {
    func mayBeText(_ run: String) -> Bool {
        let bytes = Array(run.utf8)
        return bytes.withUnsafeBufferPointer { Base64Blobs.mayBeText($0, 0..<bytes.count) }
    }

    func isText(_ run: String) -> Bool {
        guard let decoded = Base64.decode(Array(run.utf8)), decoded.count >= 12 else { return false }
        return Base64Blobs.isText(decoded)
    }

    @Test func textInEveryShapePasses() {
        let texts = [
            "0158bb6e390e3de0aa41c2b1f0e1d2c3b4a59687", "rotated by the release team on monday",
            "mot de passe réservé à l’équipe ops", "密钥只给运维团队使用，请勿外传", "tabs\tand\nnewlines\r\nin the value",
            "{\"client_secret\": \"abc\"}", "twenty bytes with one bell: \u{7}",
        ]
        for text in texts {
            let encoded = text.base64
            let run = String(encoded.prefix { $0 != "=" })
            #expect(isText(run), "\(text)")
            #expect(mayBeText(run), "\(text)")
            #expect(mayBeText(run.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")))
        }
    }

    @Test func identifiersAndHexAreSkipped() {
        for value in ["someVeryLongVariableName", "0123456789abcdef0123456789abcdef", "AbstractSingletonProxyFactoryBean"] {
            #expect(!isText(value))
            #expect(!mayBeText(value), "\(value)")
        }
    }

    /// Exactness on random runs of the alphabet: whenever the full decoding is text, the prefilter
    /// said it may be.
    @Test func neverSkipsARunThatDecodesToText() {
        var generator = SplitMix64(seed: 15)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_".utf8)
        var texts = 0
        for round in 0..<40_000 {
            let length = 16 + Int(generator.next() % 48)
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            } else {
                // Mostly text with a few control and high bytes, encoded.
                let plain: [UInt8] = (0..<(length * 3 / 4)).map { _ in
                    let r = generator.next() % 100
                    return r < 90 ? UInt8(0x20 + generator.next() % 95) : r < 95 ? UInt8(generator.next() % 0x20) : 0xC3
                }
                bytes = Array(Base64.encode(plain).prefix { $0 != UInt8(ascii: "=") })
            }
            let run = String(decoding: bytes, as: UTF8.self)
            if isText(run) {
                texts += 1
                #expect(mayBeText(run), "\(run)")
            }
        }
        #expect(texts > 1_000)
    }
}

/// `Base64Blobs.keywordLineValues` against its definition written plainly: every maximal run of
/// 16+ base64 characters opened by a quote, or by `=` / `:` and blanks, closed by the line's end
/// or a value's end (after up to two `=`), decoding to 12+ bytes of text.
@Suite struct KeywordLineValuesTests {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_".utf8)

    func expected(_ line: [UInt8]) -> [Range<Int>] {
        func isAlphabet(_ b: UInt8) -> Bool { Self.alphabet.contains(b) }
        var out: [Range<Int>] = []
        var start = 0
        while start < line.count {
            guard isAlphabet(line[start]), start == 0 || !isAlphabet(line[start - 1]) else {
                start += 1
                continue
            }
            var upper = start
            while upper < line.count, isAlphabet(line[upper]) { upper += 1 }
            defer { start = upper }
            var padded = upper
            while padded < line.count, padded - upper < 2, line[padded] == UInt8(ascii: "=") { padded += 1 }
            guard upper - start >= 16, start > 0, padded == line.count || Array(" \t\r,;)]}\"'`".utf8).contains(line[padded])
            else { continue }
            var k = start - 1
            let quoted = Array("\"'`".utf8).contains(line[k])
            while k > 0, line[k] == 0x20 || line[k] == 0x09 { k -= 1 }
            guard quoted || line[k] == UInt8(ascii: "=") || line[k] == UInt8(ascii: ":") else { continue }
            guard let decoded = Base64.decode(Array(line[start..<padded])), decoded.count >= 12, Base64Blobs.isText(decoded)
            else { continue }
            out.append(start..<padded)
        }
        return out
    }

    func actual(_ line: [UInt8]) -> [Range<Int>] { KeywordValueWindowTests.values(line, window: 0..<line.count) }

    @Test func isAlphabetIsTheBase64AndBase64URLAlphabet() {
        for b in 0...255 { #expect(Base64Blobs.isAlphabet(UInt8(b)) == Self.alphabet.contains(UInt8(b)), "\(b)") }
    }

    @Test func findsWhatTheDefinitionFinds() {
        var generator = SplitMix64(seed: 1515)
        let pieces = [
            "KEY_B64=", "token: ", "\"", "'", " ", "\t", "=", ":", ",", "==", "x", "(", "]",
            "cm90YXRlZCBieSB0aGUgcmVsZWFzZSB0ZWFt", "c2VjcmV0LXZhbHVlLWZvci10ZXN0cw", "someVeryLongIdentifierName",
            "0123456789abcdef0123456789abcdef", "aGVsbG8gd29ybGQgZnJvbSBrZXlob3VuZA==",
        ].map { Array($0.utf8) }
        var found = 0
        for _ in 0..<5_000 {
            var line: [UInt8] = []
            for _ in 0..<(1 + generator.next() % 10) { line += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let want = expected(line)
            found += want.count
            #expect(actual(line) == want, "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(found > 500)
    }
}

/// Base64 values are looked for after the keywords only (starting within `LineContext.reach`
/// bytes of one), not over the whole line once per keyword line.
@Suite struct KeywordValueWindowTests {
    static let hex = Array("0123456789abcdef".utf8)

    /// The spans of the values that start in `window` of `line` (the whole buffer).
    static func values(_ line: [UInt8], window: Range<Int>) -> [Range<Int>] {
        var reached = 0
        return line.withUnsafeBufferPointer {
            Base64Blobs.keywordLineValues(of: $0, line: 0..<line.count, window: window, reached: &reached, maxDecoded: 4096)
                .map(\.span)
        }
    }

    @Test func aValueStartingAtTheWindowsEndIsReadWhole() {
        let value = Array("cm90YXRlZCBieSB0aGUgcmVsZWFzZSB0ZWFt".utf8)
        let line = Array("x token=".utf8) + value + Array(" y".utf8)
        let spans = Self.values(line, window: 0..<10)
        #expect(spans == [8..<(8 + value.count)])
    }

    @Test func aRunThatStartedBeforeTheWindowIsNotAValue() {
        let value = Array("cm90YXRlZCBieSB0aGUgcmVsZWFzZSB0ZWFt".utf8)
        let line = Array("x token=".utf8) + value + Array(" y".utf8)
        let spans = Self.values(line, window: 12..<30)
        #expect(spans.isEmpty)
    }

    @Test func windowsOfOneLineReadInOrderFindEachValueOnce() {
        let value = Array("cm90YXRlZCBieSB0aGUgcmVsZWFzZSB0ZWFt".utf8)
        let line = Array("a=".utf8) + value + Array(" b=".utf8) + value + Array(" c".utf8)
        let second = 2 + value.count + 3
        var reached = 0
        var spans: [Range<Int>] = []
        line.withUnsafeBufferPointer { bytes in
            for window in [0..<4, 3..<12, (second - 1)..<(second + 1)] {
                spans += Base64Blobs.keywordLineValues(
                    of: bytes, line: 0..<line.count, window: window, reached: &reached, maxDecoded: 4096
                ).map(\.span)
            }
        }
        #expect(spans == [2..<(2 + value.count), second..<(second + value.count)])
    }

    @Test func aValueNearItsKeywordOnAMinifiedLineIsFound() {
        var fakes = EngineFakes(seed: 31)
        let token = fakes.draw(40, from: Self.hex)
        let filler = String(repeating: "a:1,b:[2,3],", count: 20_000)
        let text = "{" + filler + "\"SENDBIRD_API_TOKEN_B64\":\"\(token.base64)\"," + filler + "}"
        let found = BuiltinScan.scan(text).findings
        #expect(found.map(\.ruleID) == ["sendbird-api-token"], "\(found.map(\.ruleID))")
        #expect(found.first?.secret == Array(token.utf8))
    }
}
