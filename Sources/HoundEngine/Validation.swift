import HoundRules

/// Offline validators: structure and checksum checks that raise precision without network.
public enum Validation {
    /// The outcome of validating a candidate secret.
    public enum Outcome: Sendable, Equatable {
        /// The secret passed (or the rule has no validator).
        case passed
        /// The secret failed; the string says why (kept in the finding's notes when reported).
        case failed(String)
    }

    /// Validates `secret` with `validator`.
    public static func check(_ validator: Validator, secret: ArraySlice<UInt8>) -> Outcome {
        switch validator {
        case .githubCRC32:
            return Checksums.isValidGitHubStyleToken(Array(secret)) ? .passed : .failed("checksum mismatch")
        case .jwt:
            return isPlausibleJWT(secret) ? .passed : .failed("not a JWT: header does not decode to JSON")
        case .pem:
            return isPlausiblePEM(secret) ? .passed : .failed("PEM body is not base64 of plausible length")
        }
    }

    /// A JWT: `header.payload.signature`, header base64url-decoding to a JSON object with `"alg"`.
    static func isPlausibleJWT(_ token: ArraySlice<UInt8>) -> Bool {
        let parts = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count >= 3, let header = Base64.decode(parts[0]), let payload = Base64.decode(parts[1]) else {
            return false
        }
        let headerText = header.filter { $0 != 0x20 && $0 != 0x0a && $0 != 0x0d && $0 != 0x09 }
        guard headerText.first == UInt8(ascii: "{"), headerText.last == UInt8(ascii: "}") else { return false }
        guard contains(header, "\"alg\"") else { return false }
        let payloadText = payload.drop { $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }
        return payloadText.first == UInt8(ascii: "{")
    }

    /// A PEM block whose body (between the BEGIN and END lines, headers removed) is base64 of at
    /// least 40 bytes (an Ed25519 PKCS#8 key is 48). Literal `\n` escapes (keys inside JSON strings) count as line breaks.
    static func isPlausiblePEM(_ block: ArraySlice<UInt8>) -> Bool {
        var text = Array(block)
        // Replace the two-character escape "\n" (and "\r") by spaces.
        var i = 0
        while i + 1 < text.count {
            if text[i] == UInt8(ascii: "\\"), text[i + 1] == UInt8(ascii: "n") || text[i + 1] == UInt8(ascii: "r") {
                text[i] = 0x20
                text[i + 1] = 0x20
            }
            i += 1
        }
        guard let beginEnd = find(text, "-----", from: find(text, "BEGIN", from: 0).map { $0 + 5 } ?? 0),
            let endStart = find(text, "-----END", from: beginEnd + 5)
        else { return false }
        let body = text[(beginEnd + 5)..<endStart]
        // Drop RFC 1421 header lines ("Proc-Type: ...", "DEK-Info: ...", "Comment: ...").
        var cleaned: [UInt8] = []
        for line in body.split(whereSeparator: { $0 == 0x0a || $0 == 0x0d }) {
            if line.contains(UInt8(ascii: ":")) { continue }
            cleaned += line.filter { $0 != 0x20 && $0 != 0x09 }
        }
        // PGP armour ends with a "=XXXX" CRC line after the body: drop a trailing short '=' group.
        if let eq = cleaned.lastIndex(of: UInt8(ascii: "=")), cleaned.count - eq == 5, eq > 0,
            cleaned[eq - 1] != UInt8(ascii: "=")
        {
            cleaned.removeSubrange(eq...)
        }
        guard let decoded = Base64.decode(cleaned) else { return false }
        return decoded.count >= 40
    }

    static func contains<C: Collection>(_ haystack: C, _ needle: String) -> Bool where C.Element == UInt8 {
        find(Array(haystack), needle, from: 0) != nil
    }

    static func find(_ haystack: [UInt8], _ needle: String, from start: Int) -> Int? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, haystack.count >= n.count, start <= haystack.count - n.count else { return nil }
        var i = start
        while i <= haystack.count - n.count {
            if haystack[i] == n[0], Array(haystack[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return nil
    }
}
