import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Recognises text that looks like a secret in clear, so an inventory that should hold only
/// fingerprints is refused before it spreads a credential further.
///
/// Three tests: field names that mean "secret" (`password`, `token`, `api_key`...), the shapes of
/// common provider tokens (`ghp_`, `AKIA`, `sk_live_`, `xoxb-`, JWTs, PEM private keys, URLs with
/// a password), and random-looking words (long, mixed case and digits, high Shannon entropy and
/// frequent character-class changes, which names like `PaymentGatewayProd2026` lack).
enum PlaintextSecretCheck {
    /// Field names that can only mean a secret.
    static let secretFieldNames: Set<String> = [
        "secret", "key", "token", "password", "passwd", "pwd", "pass", "passphrase", "api_key", "apikey",
        "access_key", "secret_key", "private_key", "client_secret", "secret_access_key", "auth_token",
        "access_token", "refresh_token", "bearer", "credential", "credentials", "plaintext", "value",
    ]

    /// Parts of a field name that mean a secret wherever they appear.
    static let secretFieldParts = ["secret", "password", "passwd", "token", "private_key", "apikey", "api_key"]

    /// Whether a field called `name` would hold a secret.
    static func isSecretFieldName(_ name: String) -> Bool {
        let normal = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        return secretFieldNames.contains(normal) || secretFieldParts.contains { normal.contains($0) }
    }

    /// A short description of the secret-like thing in `text` (`a GitHub token`), or nil.
    ///
    /// - Parameter checkEntropy: Also flag random-looking words (for free text such as a
    ///   description, not for ids that are random by nature).
    static func secretShape(in text: String, checkEntropy: Bool) -> String? {
        // The shortest shape (`a://b:c@d`) has 9 bytes; most names and teams are shorter.
        guard text.utf8.count >= 9 else { return nil }
        let shape = text.utf8.withContiguousStorageIfAvailable(tokenShape) ?? Array(text.utf8).withUnsafeBufferPointer(tokenShape)
        if let shape { return shape }
        if checkEntropy, text.utf8.count >= 20, words(of: Array(text.utf8)).contains(where: isRandomLooking) {
            return "a random-looking string"
        }
        return nil
    }

    /// Prefixes of provider tokens, each with the least number of token characters after it.
    private static let prefixes: [(prefix: [UInt8], minimumBody: Int, name: String)] = [
        ("ghp_", 30, "a GitHub token"), ("gho_", 30, "a GitHub token"), ("ghu_", 30, "a GitHub token"),
        ("ghs_", 30, "a GitHub token"), ("ghr_", 30, "a GitHub token"), ("github_pat_", 30, "a GitHub token"),
        ("glpat-", 20, "a GitLab token"), ("xoxb-", 10, "a Slack token"), ("xoxp-", 10, "a Slack token"),
        ("xoxa-", 10, "a Slack token"), ("xoxs-", 10, "a Slack token"), ("xoxr-", 10, "a Slack token"),
        ("sk_live_", 10, "a Stripe key"), ("sk_test_", 10, "a Stripe key"), ("rk_live_", 10, "a Stripe key"),
        ("rk_test_", 10, "a Stripe key"), ("AKIA", 16, "an AWS access key id"), ("ASIA", 16, "an AWS access key id"),
        ("AIza", 35, "a Google API key"), ("npm_", 36, "an npm token"), ("sk-", 32, "an API secret key"),
        ("eyJ", 20, "a JSON web token"),
    ].map { (Array($0.0.utf8), $0.1, $0.2) }

    /// For each byte, the indices of the prefixes starting with it.
    private static let prefixesByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (index, entry) in prefixes.enumerated() { table[Int(entry.prefix[0])].append(index) }
        return table
    }()

    private static let pemStart = Array("-----BEGIN".utf8)
    private static let privateKey = Array("PRIVATE KEY".utf8)

    /// One pass over `bytes` looking for token prefixes, PEM headers and `://`.
    private static func tokenShape(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for start in bytes.indices {
            let byte = bytes[start]
            if byte == UInt8(ascii: ":"), hasURLPassword(bytes, colon: start) { return "a URL with a password" }
            if byte == UInt8(ascii: "-"), matches(pemStart, in: bytes, at: start), find(privateKey, in: bytes, from: start) != nil {
                return "a PEM private key"
            }
            let candidates = prefixesByFirstByte[Int(byte)]
            guard !candidates.isEmpty, start == 0 || !isAlphanumeric(bytes[start - 1]) else { continue }
            for candidate in candidates {
                let entry = prefixes[candidate]
                guard matches(entry.prefix, in: bytes, at: start) else { continue }
                var end = start + entry.prefix.count
                while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
                if end - start - entry.prefix.count >= entry.minimumBody { return entry.name }
            }
        }
        return nil
    }

    /// Whether the `:` at `colon` starts `://user:password@host` with a non-empty password that
    /// is not a placeholder (`${DB_PASSWORD}`, `<password>`, `****`).
    private static func hasURLPassword(_ bytes: UnsafeBufferPointer<UInt8>, colon: Int) -> Bool {
        guard colon + 2 < bytes.count, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") else {
            return false
        }
        var index = colon + 3
        var separator: Int?
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/") {
            if bytes[index] == UInt8(ascii: ":"), separator == nil { separator = index }
            if bytes[index] == UInt8(ascii: "@"), let separator, index - separator > 1 {
                let password = bytes[(separator + 1)..<index]
                let placeholder =
                    password.first == UInt8(ascii: "$") || password.first == UInt8(ascii: "<")
                    || password.first == UInt8(ascii: "{") || password.allSatisfy { $0 == UInt8(ascii: "*") }
                return !placeholder
            }
            index += 1
        }
        return false
    }

    private static func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + needle.count <= bytes.count else { return false }
        for offset in needle.indices where bytes[start + offset] != needle[offset] { return false }
        return true
    }

    /// Words split on spaces, quotes, brackets and separators such as `=`, `,` and `;`.
    private static func words(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split { isSpace($0) || separators[Int($0)] }
    }

    /// Bytes that end a word besides whitespace.
    private static let separators: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "\"'`()[]{}<>,;=".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Long, mixed-case, with digits, high entropy and frequent character-class changes.
    static func isRandomLooking(_ word: ArraySlice<UInt8>) -> Bool {
        let letters = word.filter(isAlphanumeric)
        guard word.count >= 20, letters.count >= 16, !word.contains(UInt8(ascii: ":")) else { return false }
        let hasLower = letters.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        let hasUpper = letters.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        let hasDigit = letters.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard hasLower, hasUpper, hasDigit else { return false }
        var changes = 0
        for i in 1..<letters.count where characterClass(letters[i]) != characterClass(letters[i - 1]) { changes += 1 }
        guard Double(changes) / Double(letters.count - 1) >= 0.4 else { return false }
        return Entropy.shannon(word) >= 0.82 * log2(Double(word.count))
    }

    private static func characterClass(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 0
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): 1
        default: 2
        }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for i in start...(bytes.count - needle.count) where bytes[i] == needle[0] {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
