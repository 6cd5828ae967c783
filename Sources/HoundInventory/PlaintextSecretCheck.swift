import Foundation

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
        let bytes = Array(text.utf8)
        if let shape = tokenShape(in: bytes) { return shape }
        if hasURLPassword(bytes) { return "a URL with a password" }
        if checkEntropy, words(of: bytes).contains(where: isRandomLooking) { return "a random-looking string" }
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

    private static func tokenShape(in bytes: [UInt8]) -> String? {
        if contains(bytes, "-----BEGIN"), contains(bytes, "PRIVATE KEY") { return "a PEM private key" }
        for entry in prefixes {
            var start = 0
            while let found = find(entry.prefix, in: bytes, from: start) {
                var end = found + entry.prefix.count
                while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
                let precededByWord = found > 0 && isAlphanumeric(bytes[found - 1])
                if !precededByWord, end - found - entry.prefix.count >= entry.minimumBody { return entry.name }
                start = found + 1
            }
        }
        return nil
    }

    /// `scheme://user:password@host` with a non-empty password that is not a `${PLACEHOLDER}`.
    private static func hasURLPassword(_ bytes: [UInt8]) -> Bool {
        var start = 0
        while let scheme = find(Array("://".utf8), in: bytes, from: start) {
            var index = scheme + 3
            var colon: Int?
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/") {
                if bytes[index] == UInt8(ascii: ":"), colon == nil { colon = index }
                if bytes[index] == UInt8(ascii: "@"), let colon, index - colon > 1 {
                    let password = bytes[(colon + 1)..<index]
                    let placeholder = password.first == UInt8(ascii: "$") || password.first == UInt8(ascii: "<")
                        || password.first == UInt8(ascii: "{") || password.allSatisfy { $0 == UInt8(ascii: "*") }
                    if !placeholder { return true }
                }
                index += 1
            }
            start = scheme + 3
        }
        return false
    }

    /// Words split on spaces, quotes, brackets and separators such as `=`, `,` and `;`.
    private static func words(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        let separators = Set("\"'`()[]{}<>,;=".utf8)
        return bytes.split { isSpace($0) || separators.contains($0) }
    }

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
        return shannonEntropy(word) >= 0.82 * log2(Double(word.count))
    }

    /// Shannon entropy in bits per byte.
    static func shannonEntropy(_ bytes: ArraySlice<UInt8>) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var entropy = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            entropy -= p * log2(p)
        }
        return entropy
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

    private static func contains(_ bytes: [UInt8], _ needle: String) -> Bool { find(Array(needle.utf8), in: bytes, from: 0) != nil }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for i in start...(bytes.count - needle.count) where bytes[i] == needle[0] {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
