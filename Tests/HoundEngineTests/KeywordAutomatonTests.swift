import HoundTestSupport
import Testing

@testable import HoundEngine
import HoundSupport

@Suite struct KeywordAutomatonTests {
    func hits(_ keywords: [String], in text: String) -> [String] {
        let automaton = KeywordAutomaton(keywords: keywords)
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            automaton.hits(in: buffer).map { hit in
                "\(keywords[hit.keyword])@\(hit.end)"
            }
        }
    }

    @Test func findsEveryOccurrenceCaseInsensitively() {
        #expect(hits(["ghp_", "akia"], in: "x GHP_ and AKIA, ghp_") == ["ghp_@6", "akia@15", "ghp_@21"])
    }

    @Test func findsOverlappingKeywords() {
        #expect(hits(["he", "she", "his", "hers"], in: "ushers") == ["she@4", "he@4", "hers@6"])
    }

    @Test func keywordsWithSharedSuffixesAndPrefixes() {
        #expect(hits(["token", "api_token", "to"], in: "api_token") == ["to@6", "api_token@9", "token@9"])
    }

    @Test func emptyInputAndNoKeywords() {
        #expect(hits(["key"], in: "").isEmpty)
        #expect(hits([], in: "anything").isEmpty)
    }

    /// Long buffers are walked as four interleaved streams in blocks: every occurrence must still
    /// come out once, in order, including those straddling a part or block boundary.
    @Test(arguments: [511, 512, 515, 4099, 10_007, 262_144, 262_151, 700_001])
    func interleavedStreamsAgreeWithANaiveSearch(length: Int) {
        let keywords = ["key", "ke", "-----begin rsa private key", "secret", "x", "token_", "ab"]
        var generator = SplitMix64(seed: UInt64(length))
        let alphabet = Array("keyKEY-_ secrtonabx\n-----BEGIN RSA PRIVATE ".utf8)
        var bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        // Long keywords planted across the part and block boundaries (parts are equally long
        // walks: the first without the warm-up, one byte short of the longest keyword, that the
        // others start with).
        let long = Array("-----BEGIN RSA PRIVATE KEY".utf8)
        let block = KeywordAutomaton.blockSize
        let warm = keywords.map(\.utf8.count).max()! - 1
        let walk = (min(length, block) + 3 * warm) / 4
        let parts = [walk, 2 * walk - warm, 3 * walk - 2 * warm]
        for boundary in [length / 4, length / 2, 3 * length / 4, block] + parts where boundary - 10 + long.count <= length {
            bytes.replaceSubrange((boundary - 10)..<(boundary - 10 + long.count), with: long)
        }
        let automaton = KeywordAutomaton(keywords: keywords)
        let found = bytes.withUnsafeBufferPointer { automaton.hits(in: $0).map { [$0.end, $0.keyword] } }
        let lowered = bytes.map(KeywordAutomaton.fold)
        var expected: [[Int]] = []
        for end in 1...length {
            var here: [Int] = []
            for (index, word) in automaton.keywords.enumerated() where word.count <= end {
                if lowered[(end - word.count)..<end].elementsEqual(word) { here.append(index) }
            }
            expected += here.map { [end, $0] }
        }
        #expect(found.count == expected.count)
        #expect(found.map { $0[0] } == expected.map { $0[0] })
        #expect(Set(found) == Set(expected))
    }

    /// Keywords that share long prefixes and suffixes, some of them inside others: the exact
    /// sequence of hits is by end, then longer keywords first (the order the collectors rely on).
    @Test(arguments: [300, 511, 2_048, 262_160])
    func nestedKeywordsComeOutByEndThenLongestFirst(length: Int) {
        let keywords = [
            "api_token", "api_tokens", "api_token_secret", "api_tok", "token", "n_secret", "secret",
            "api_token_secret_key", "_secret", "tokens",
        ]
        var generator = SplitMix64(seed: UInt64(length) &+ 99)
        let pieces = ["api_", "token", "s", "_secret", "_key", " ", "API_TOKEN_SECRET_KEY", "x"].map { Array($0.utf8) }
        var bytes: [UInt8] = []
        while bytes.count < length { bytes += pieces[Int(generator.next() % UInt64(pieces.count))] }
        bytes = Array(bytes.prefix(length))
        let automaton = KeywordAutomaton(keywords: keywords)
        let found = bytes.withUnsafeBufferPointer { automaton.hits(in: $0).map { [$0.end, $0.keyword] } }
        let lowered = bytes.map(KeywordAutomaton.fold)
        var expected: [[Int]] = []
        for end in 1...length {
            let here = automaton.keywords.indices.filter { index in
                let word = automaton.keywords[index]
                return word.count <= end && lowered[(end - word.count)..<end].elementsEqual(word)
            }.sorted { (automaton.keywords[$0].count, $1) > (automaton.keywords[$1].count, $0) }
            expected += here.map { [end, $0] }
        }
        #expect(expected.count > length / 20)
        #expect(found == expected)
    }

    @Test func nonASCIIBytesPassThrough() {
        #expect(hits(["key"], in: "ключ key ✓KEY") == ["key@12", "key@19"])
    }
}


@Suite struct ByteSearchTests {
    @Test func findsTheFirstOccurrenceLikeANaiveSearch() {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("ab\nkind: Secret".utf8)
        let haystack = (0..<5000).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        for needle in ["\nkind: Secret", "Se", "a", "kind", "ab\nk", "zzz"].map({ Array($0.utf8) }) {
            for start in [0, 1, 17, 4990, 5000] {
                var expected: Int?
                var i = start
                while i + needle.count <= haystack.count {
                    if haystack[i..<(i + needle.count)].elementsEqual(needle) {
                        expected = i
                        break
                    }
                    i += 1
                }
                let found = haystack.withUnsafeBufferPointer { ByteSearch.firstIndex(of: needle, in: $0, from: start) }
                #expect(found == expected, "needle \(needle) from \(start)")
            }
        }
    }
}

@Suite struct ChecksumTests {
    @Test func crc32MatchesZlib() {
        #expect(Checksums.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Checksums.crc32([UInt8]()) == 0)
    }

    @Test func base62PadsToWidth() {
        #expect(Checksums.base62(0, width: 6) == Array("000000".utf8))
        #expect(Checksums.base62(61, width: 2) == Array("0z".utf8))
        #expect(Checksums.base62(62, width: 2) == Array("10".utf8))
    }

    @Test func githubStyleTokenChecksum() {
        let random = Array("aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1".utf8)
        let token = Array("ghp_".utf8) + random + Checksums.base62(Checksums.crc32(random), width: 6)
        #expect(Checksums.isValidGitHubStyleToken(token))
        var broken = token
        broken[10] = broken[10] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        #expect(!Checksums.isValidGitHubStyleToken(broken))
    }
}

@Suite struct EntropyTests {
    @Test func knownValues() {
        #expect(Entropy.shannon(Array("aaaa".utf8)) == 0)
        #expect(abs(Entropy.shannon(Array("ab".utf8)) - 1) < 1e-9)
        #expect(abs(Entropy.shannon(Array("0123456789abcdef".utf8)) - 4) < 1e-9)
        // Not contiguous: the copying path gives the same answer.
        #expect(abs(Entropy.shannon(Array("0123456789abcdef".utf8).reversed()) - 4) < 1e-9)
        #expect(Entropy.shannon([UInt8]()) == 0)
    }
}

@Suite struct HeuristicsTests {
    @Test(arguments: [
        "${API_KEY}", "{{ .Values.token }}", "<your-token>", "your_api_key_here", "changeme", "xxxxxxxxxxxxxxxx",
        "process.env.API_KEY", "os.environ", "aaaaaaaaaaaa", "abcdefghijklmnop", "EXAMPLEKEY123", "$SECRET",
    ])
    func placeholders(_ value: String) {
        #expect(Heuristics.isPlaceholder(Array(value.utf8)[...]))
    }

    @Test(arguments: ["q8Z2vN4tR7wK1mP5xL9c", "9f8e7d6c5b4a39281706", "Zm9vYmFyYmF6cXV4"])
    func notPlaceholders(_ value: String) {
        #expect(!Heuristics.isPlaceholder(Array(value.utf8)[...]))
    }

    /// Each template shape, as a whole value, cut before its opener, or inside a longer value.
    @Test(arguments: [
        "${DB_PASSWORD}", "${VAR:-fallback}", "${{ secrets.DEPLOY_TOKEN }}", "{{password}}",
        "{{ secret \"db/password\" }}", "$(cat /run/secrets/db)", "%(db_password)s", "#{ENV['API_TOKEN']}",
        ".Values.db.password }}", "prefix-${TOKEN}-suffix",
    ])
    func templates(_ value: String) {
        #expect(Heuristics.placeholderReason(Array(value.utf8)[...]) == "placeholder: template")
    }

    /// Random values whose alphabet has the openers' punctuation (WordPress salts, Django keys)
    /// hold an opener by chance; without a name and a closer it is no template.
    @Test(arguments: [
        "63}T2`<^u-c&ww%g7^cVVS,xt3g|6w<))~&%(}1]yb!s+KHP~g!5zedg_0O1>7rN", "k2$(p!v+9x=j@w#4b(-8&)n*q%z",
        "v7#{3;Q9wz!X]p+L0.r4M}", "Tq8${}wZ2&nR5", "hX3%(4k)9Wq!", "A1{{%}}C2", "9gH}}2kL",
    ])
    func randomValuesWithTemplatePunctuation(_ value: String) {
        #expect(Heuristics.placeholderReason(Array(value.utf8)[...]) != "placeholder: template")
    }

    @Test func genericValuesThatAreNotSecrets() {
        func unlikely(_ s: String, line: String = "") -> Bool {
            Heuristics.isUnlikelyGenericSecret(Array(s.utf8)[...], line: Array(line.utf8)[...])
        }
        #expect(unlikely("123e4567-e89b-12d3-a456-426614174000"))
        #expect(unlikely("getAccessTokenFromServer"))
        #expect(unlikely("sha512-abc123def456"))
        #expect(unlikely("1234567890123"))
        #expect(unlikely("da39a3ee5e6b4b0d3255bfef95601890afd80709", line: "commit: da39a3ee5e6b4b0d3255bfef95601890afd80709"))
        #expect(!unlikely("q8Z2vN4tR7wK1mP5xL9c"))
    }

    /// The word a placeholder reason names is the first in list order the value holds, in any
    /// case, wherever it sits: checked against one search per word on random values with words
    /// planted in them.
    @Test func placeholderWordIsTheFirstInListOrder() {
        let words = Heuristics.placeholderWords.map(\.bytes)
        let alphabet = Array("aEx-_.*<>0Z9".utf8)
        var generator = SplitMix64(seed: 15)
        for _ in 0..<2_000 {
            var value = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                let word = words.randomElement(using: &generator)!.map {
                    (97...122).contains($0) && Bool.random(using: &generator) ? $0 - 32 : $0
                }
                value.insert(contentsOf: word, at: Int.random(in: 0...value.count, using: &generator))
            }
            let lower = value.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
            let reason = Heuristics.placeholderReason(value[...])
            guard let first = words.first(where: { Heuristics.contains(lower, $0) }) else {
                #expect(reason?.hasPrefix("placeholder: contains") != true)
                continue
            }
            // Only the checks that come before the words (templates, `<name>`, `$name`) may
            // answer instead.
            let earlier = ["placeholder: template", "placeholder: <name>", "placeholder: variable reference"]
            if let reason, earlier.contains(reason) { continue }
            #expect(reason == "placeholder: contains \"\(String(decoding: first, as: UTF8.self))\"")
        }
    }

    @Test func dataURIs() {
        let line = Array("src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA\"".utf8)
        #expect(Heuristics.isInsideDataURI(line: line[...], secretStart: 30))
        #expect(!Heuristics.isInsideDataURI(line: Array("token = 'iVBORw0KGgo'".utf8)[...], secretStart: 9))
    }
}

@Suite struct ValidationTests {
    @Test func jwtHeaderMustBeJSON() {
        let header = Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)
        let payload = Array(#"{"sub":"42"}"#.utf8)
        let token = Base64URL.encode(header) + "." + Base64URL.encode(payload) + ".c2lnbmF0dXJl"
        #expect(Validation.isPlausibleJWT(Array(token.utf8)[...]))
        #expect(!Validation.isPlausibleJWT(Array("eyJub3Rqc29u.eyJ4IjoxfQ.sig".utf8)[...]))
    }
}

/// Base64url without padding, for building fixtures.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let chunk = Array(bytes[i..<min(i + 3, bytes.count)])
            let n = chunk.count
            let v = (UInt32(chunk[0]) << 16) | (n > 1 ? UInt32(chunk[1]) << 8 : 0) | (n > 2 ? UInt32(chunk[2]) : 0)
            out.append(alphabet[Int(v >> 18 & 63)])
            out.append(alphabet[Int(v >> 12 & 63)])
            if n > 1 { out.append(alphabet[Int(v >> 6 & 63)]) }
            if n > 2 { out.append(alphabet[Int(v & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
