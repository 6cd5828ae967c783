#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundModel

/// Precision heuristics that need no network: placeholders and templates, documented example
/// keys, hashes, UUIDs, identifiers.
public enum Heuristics {
    /// Words that mark a value as a placeholder when they appear in it (case-insensitive).
    static let placeholderWords: [[UInt8]] = [
        "example", "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourpassword", "changeme",
        "change_me", "change-me", "placeholder", "dummy", "redacted", "replace_me", "replaceme", "insert_",
        "xxxx", "****", "....", "<secret>", "<token>", "notreal", "not_real", "not-real", "fakekey", "fake_key",
        "fake-key", "sample_key", "samplekey", "put_your", "enter_your", "foobar",
    ].map { Array($0.utf8) }

    /// Prefixes of values that are references to a variable or an environment lookup, not values.
    static let referencePrefixes: [[UInt8]] = [
        "process.env", "os.environ", "os.getenv", "env.", "env[", "getenv", "system.getenv", "environment.",
        "secrets.", "vars.", "config.", "settings.", "self.", "this.", "params.", "args.", "request.",
    ].map { Array($0.utf8) }

    /// Whether `secret` looks like a placeholder, a template or a variable reference.
    public static func isPlaceholder(_ secret: ArraySlice<UInt8>) -> Bool {
        guard !secret.isEmpty else { return true }
        let lower = secret.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        // Templates: ${VAR}, {{ var }}, <token>, %s, $(cmd), %(name)s, #{x}.
        if containsAny(lower, ["${", "{{", "}}", "$(", "%(", "#{"]) { return true }
        if lower.first == UInt8(ascii: "<"), lower.last == UInt8(ascii: ">") { return true }
        if lower.first == UInt8(ascii: "$"), lower.count > 1, isIdentifierByte(lower[1]) { return true }
        if lower == Array("%s".utf8) { return true }
        for word in placeholderWords where contains(lower, word) { return true }
        for prefix in referencePrefixes where lower.starts(with: prefix) { return true }
        // One character repeated (aaaaaaaa, 00000000) or a trivially sequential run.
        if let first = lower.first, lower.allSatisfy({ $0 == first }) { return true }
        if isLongRun(lower) { return true }
        return false
    }

    /// A run of identical characters, or of an ordered alphabet (abcdef, 123456), covering a
    /// third of the value (at least 6 characters): `0000000000`, `abcdefghij`, `sk_live_xxxxxxxx`.
    /// Real formats have fixed filler (`AAAAAAAAAA` in Dropbox tokens, `AAAA` runs in OpenSSH
    /// keys) that is a small part of the whole.
    static func isLongRun(_ s: [UInt8]) -> Bool {
        let threshold = max(6, s.count / 3)
        if s.count < threshold { return false }
        var same = 1
        var ascending = 1
        for i in 1..<s.count {
            same = s[i] == s[i - 1] ? same + 1 : 1
            ascending = s[i] == s[i - 1] &+ 1 && isAlphanumeric(s[i]) ? ascending + 1 : 1
            if same >= threshold || ascending >= max(7, threshold) { return true }
        }
        return false
    }

    /// A UUID in its canonical 8-4-4-4-12 form.
    public static func isUUID(_ s: ArraySlice<UInt8>) -> Bool {
        guard s.count == 36 else { return false }
        for (i, b) in s.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if b != UInt8(ascii: "-") { return false }
            } else if !isHex(b) {
                return false
            }
        }
        return true
    }

    /// Only hex digits.
    public static func isHexOnly(_ s: ArraySlice<UInt8>) -> Bool { !s.isEmpty && s.allSatisfy(isHex) }

    /// A value that is clearly not a generic secret: an identifier in words (`getTokenFromServer`),
    /// a path, a URL without credentials, a hash prefix, a number, a boolean.
    public static func isUnlikelyGenericSecret(_ s: ArraySlice<UInt8>, line: ArraySlice<UInt8>) -> Bool {
        let lower = s.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        if isUUID(s) { return true }
        if containsAny(lower, ["sha1-", "sha256-", "sha384-", "sha512-", "h1:", "md5-"]) { return true }
        let hasDigit = s.contains(where: { $0 >= 48 && $0 <= 57 })
        let hasLetter = s.contains(where: { ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 })
        if !hasLetter { return true }
        if !hasDigit {
            // Letters (and separators) only: words and identifiers, unless long and mixed case.
            let hasUpper = s.contains(where: { $0 >= 65 && $0 <= 90 })
            let hasLower = s.contains(where: { $0 >= 97 && $0 <= 122 })
            if !(s.count >= 24 && hasUpper && hasLower && !looksLikeCamelCaseWords(s)) { return true }
        }
        if s.contains(UInt8(ascii: "/")) && s.filter({ $0 == UInt8(ascii: "/") }).count >= 2
            && !s.contains(UInt8(ascii: "+"))
        {
            // Paths (a/b/c) rather than base64.
            if s.split(separator: UInt8(ascii: "/")).allSatisfy({ $0.count < 20 }) { return true }
        }
        // Hex digests in a hash context (commit ids, checksums, integrity, etags).
        if isHexOnly(s), s.count == 32 || s.count == 40 || s.count == 64 || s.count == 128 {
            let lineLower = line.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
            if containsAny(lineLower, ["sha", "hash", "digest", "checksum", "commit", "integrity", "etag", "md5", "revision"]) {
                return true
            }
        }
        return false
    }

    /// `getAccessTokenFromServer`: lower/upper alternation in word-sized chunks.
    static func looksLikeCamelCaseWords(_ s: ArraySlice<UInt8>) -> Bool {
        var transitions = 0
        var previousUpper = false
        for b in s {
            let upper = b >= 65 && b <= 90
            if upper && !previousUpper { transitions += 1 }
            previousUpper = upper
        }
        // Random mixed case flips every ~2 characters; words every ~5+.
        return transitions > 0 && s.count / transitions >= 4
    }

    /// Whether the line holding a finding carries a data URI before the secret.
    public static func isInsideDataURI(line: ArraySlice<UInt8>, secretStart: Int) -> Bool {
        let before = Array(line[line.startIndex..<max(line.startIndex, min(secretStart, line.endIndex))])
        return contains(before.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, Array(";base64,".utf8))
            && contains(before, Array("data:".utf8))
    }

    static func containsAny(_ haystack: [UInt8], _ needles: [String]) -> Bool {
        needles.contains { contains(haystack, Array($0.utf8)) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            ByteSearch.firstIndex(of: needle, in: h, from: 0) != nil
        }
    }

    @inline(__always) static func isHex(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 97 && b <= 102) || (b >= 65 && b <= 70)
    }

    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 122)
    }

    @inline(__always) static func isIdentifierByte(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "{")
    }
}

/// Keys that providers publish in their documentation as examples, stored by fingerprint so this
/// repository holds none of them in clear. A finding whose secret is one of these is dropped.
public enum DocumentedExamples {
    /// SHA-256 hex digests of documented example secrets.
    static let fingerprints: Set<String> = []

    /// Whether `secret` is a provider's documented example.
    public static func contains(_ secret: ArraySlice<UInt8>) -> Bool {
        guard !fingerprints.isEmpty else { return false }
        return fingerprints.contains(Fingerprint.of(secret).hex)
    }
}
