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
    static let placeholderWords: [ByteSearch.Needle] = [
        "example", "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourpassword", "changeme",
        "change_me", "change-me", "placeholder", "dummy", "redacted", "replace_me", "replaceme", "insert_",
        "xxxx", "****", "....", "<secret>", "<token>", "notreal", "not_real", "not-real", "fakekey", "fake_key",
        "fake-key", "sample_key", "samplekey", "put_your", "enter_your", "foobar",
    ].map { ByteSearch.Needle(Array($0.utf8)) }

    /// The placeholder words as one automaton: a value is walked once, not searched once per
    /// word.
    static let placeholderAutomaton = KeywordAutomaton(
        keywords: placeholderWords.map { String(decoding: $0.bytes, as: UTF8.self) })

    /// Prefixes of values that are references to a variable or an environment lookup, not values.
    static let referencePrefixes: [[UInt8]] = [
        "process.env", "os.environ", "os.getenv", "env.", "env[", "getenv", "system.getenv", "environment.",
        "secrets.", "vars.", "config.", "settings.", "self.", "this.", "params.", "args.", "request.",
    ].map { Array($0.utf8) }

    /// Template syntax: `${VAR}`, `{{ var }}`, `$(cmd)`, `%(name)s`, `#{x}`, each as its opener,
    /// its closer and whether a conversion letter must follow (`s` in `%(name)s`). A template is
    /// an opener, a name or expression, and its closer (see ``isTemplate(_:)``): a random value
    /// (a WordPress salt, a Django key) holds an opener such as `%(` or `${` by chance in one
    /// case in twenty, and is no template.
    static let templates: [(opener: [UInt8], closer: [UInt8], conversion: Bool)] = [
        ("${", "}", false), ("{{", "}}", false), ("$(", ")", false), ("%(", ")", true), ("#{", "}", false),
    ].map { (Array($0.0.utf8), Array($0.1.utf8), $0.2) }

    /// The bytes a template's name or expression is written with (lowercased): letters,
    /// digits, `_ . : - | / ' " [ ] = ?` and spaces (`{{ .Values.db }}`, `${VAR:-x}`,
    /// `#{ENV['X']}`, `$(cat /run/secrets/db)`).
    @inline(__always) static func isTemplateByte(_ b: UInt8) -> Bool {
        isIdentifierByte(b) || b == 0x20 || b == 0x2E || b == 0x3A || b == 0x2D || b == 0x7C || b == 0x2F
            || b == 0x27 || b == 0x22 || b == 0x5B || b == 0x5D || b == 0x3D || b == 0x3F
    }

    /// Whether `lower` (lowercased) holds a template: an opener, then (after spaces) a letter,
    /// `_`, `.` or `$`, template bytes, and the closer (`%(name)` also needs its conversion
    /// letter, `%(name)s`); or, as a value cut before its opener, template bytes from the start
    /// up to a closing `}}`.
    static func isTemplate(_ lower: [UInt8]) -> Bool {
        let n = lower.count
        for (opener, closer, conversion) in templates {
            var i = 0
            while i + opener.count <= n {
                defer { i += 1 }
                guard lower[i] == opener[0], lower[i + 1] == opener[1] else { continue }
                var j = i + opener.count
                while j < n, lower[j] == 0x20 { j += 1 }
                guard j < n, isIdentifierByte(lower[j]) || lower[j] == 0x2E || lower[j] == 0x24,
                    !(lower[j] >= 0x30 && lower[j] <= 0x39)
                else { continue }
                while j < n, isTemplateByte(lower[j]) { j += 1 }
                guard j + closer.count <= n, lower[j..<(j + closer.count)].elementsEqual(closer) else { continue }
                if conversion {
                    let after = j + 1
                    guard after < n, lower[after] >= 0x61, lower[after] <= 0x7A else { continue }
                }
                return true
            }
        }
        if n >= 3, lower[n - 2] == 0x7D, lower[n - 1] == 0x7D, lower[..<(n - 2)].allSatisfy(isTemplateByte),
            lower[..<(n - 2)].contains(where: { $0 >= 0x61 && $0 <= 0x7A })
        {
            return true
        }
        return false
    }

    /// Whether `secret` looks like a placeholder, a template or a variable reference.
    public static func isPlaceholder(_ secret: ArraySlice<UInt8>) -> Bool { placeholderReason(secret) != nil }

    /// Why `secret` looks like a placeholder, a template or a variable reference (never quoting
    /// the value), or nil.
    public static func placeholderReason(_ secret: ArraySlice<UInt8>) -> String? {
        guard !secret.isEmpty else { return "placeholder: empty" }
        let lower = secret.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        // Templates: ${VAR}, {{ var }}, <token>, %s, $(cmd), %(name)s, #{x}.
        if isTemplate(lower) { return "placeholder: template" }
        if lower.first == UInt8(ascii: "<"), lower.last == UInt8(ascii: ">") { return "placeholder: <name>" }
        if lower.first == UInt8(ascii: "$"), lower.count > 1, isIdentifierByte(lower[1]) {
            return "placeholder: variable reference"
        }
        if lower == Array("%s".utf8) { return "placeholder: format string" }
        // The first word in list order that the value contains.
        var first = Int.max
        lower.withUnsafeBufferPointer { bytes in
            placeholderAutomaton.scan(bytes) { word, _ in first = min(first, word) }
        }
        if first < placeholderWords.count {
            return "placeholder: contains \"\(String(decoding: placeholderWords[first].bytes, as: UTF8.self))\""
        }
        for prefix in referencePrefixes where lower.starts(with: prefix) { return "placeholder: variable reference" }
        // One character repeated (aaaaaaaa, 00000000) or a trivially sequential run.
        if let first = lower.first, lower.allSatisfy({ $0 == first }) { return "placeholder: one repeated character" }
        if isLongRun(lower) { return "placeholder: repeated or sequential run" }
        if let run = sequentialRun(lower, minimum: 8) { return "placeholder: \(run) run of 8+ characters" }
        return nil
    }

    /// Why a value that decodes (base64, percent-encoding) to text is a placeholder seen through
    /// that encoding (`Y2hhbmdlbWU=`, `ZXhhbXBsZS1rZXk=`), or nil.
    public static func encodedPlaceholderReason(_ secret: ArraySlice<UInt8>) -> String? {
        if secret.count >= 8, secret.contains(UInt8(ascii: "%")), let decoded = Percent.decode(secret),
            decoded.count < secret.count, let why = placeholderReason(decoded[...])
        {
            return why + " (seen through percent-encoding)"
        }
        // A value, not a document: encoded JSON or YAML has braces and quotes that read as
        // templates.
        guard secret.count >= 8, let decoded = Base64.decode(secret), decoded.count >= 6,
            decoded.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != 0x22 && $0 != 0x7B && $0 != 0x7D })
        else { return nil }
        return placeholderReason(decoded[...]).map { $0 + " (seen through base64)" }
    }

    /// Keyboard rows (and the digit row, which wraps 9 to 0), for runs such as `qwertyui`.
    static let keyboardRows: [[UInt8]] = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "!@#$%^&*()"].map {
        Array($0.utf8)
    }

    /// Each byte's keyboard row and position in it, as `16 * row + position` (-1: in no row).
    /// The rows share no byte, so one pass over the value follows them all (a pass per row,
    /// each looking bytes up, was a fifth of the cost of judging a candidate); sixteen apart,
    /// a step of one never crosses from one row to the next.
    static let keyboardPositions: [Int16] = {
        var positions = [Int16](repeating: -1, count: 256)
        for (row, bytes) in keyboardRows.enumerated() {
            for (index, byte) in bytes.enumerated() where positions[Int(byte)] < 0 {
                positions[Int(byte)] = Int16(16 * row + index)
            }
        }
        return positions
    }()

    /// The kind of the first run of `minimum` or more characters, anywhere in the (lowercased)
    /// value, that climbs or falls by one (`abcdefgh`, `87654321`) or follows a keyboard row either
    /// way (`qwertyui`, `lkjhgfds`): "ascending", "descending" or "keyboard"; nil when none.
    static func sequentialRun(_ s: [UInt8], minimum: Int) -> String? {
        guard s.count >= minimum else { return nil }
        var up = 1
        var down = 1
        for i in 1..<s.count {
            let alnum = isAlphanumeric(s[i]) && isAlphanumeric(s[i - 1])
            up = alnum && s[i] == s[i - 1] &+ 1 ? up + 1 : 1
            down = alnum && s[i] == s[i - 1] &- 1 ? down + 1 : 1
            if up >= minimum { return "ascending" }
            if down >= minimum { return "descending" }
        }
        var forward = 1
        var backward = 1
        var previous = keyboardPositions[Int(s[0])]
        for i in 1..<s.count {
            let here = keyboardPositions[Int(s[i])]
            if previous >= 0, here >= 0 {
                forward = here == previous + 1 ? forward + 1 : 1
                backward = here == previous - 1 ? backward + 1 : 1
            } else {
                forward = 1
                backward = 1
            }
            if forward >= minimum || backward >= minimum { return "keyboard" }
            previous = here
        }
        return nil
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
        unlikelyGenericReason(s, line: line) != nil
    }

    /// Why a generic rule's value is clearly not a secret, or nil.
    public static func unlikelyGenericReason(_ s: ArraySlice<UInt8>, line: ArraySlice<UInt8>) -> String? {
        let lower = s.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        if isUUID(s) { return "not a secret: UUID" }
        if containsAny(lower, integrityPrefixes) {
            return "not a secret: integrity hash"
        }
        if isIdentifier(s) { return "not a secret: identifier" }
        // PostgreSQL's md5 password hashes: "md5" + 32 hex digits.
        if s.count == 35, lower.starts(with: Array("md5".utf8)), isHexOnly(s.dropFirst(3)) {
            return "not a secret: password hash"
        }
        let hasDigit = s.contains(where: { $0 >= 48 && $0 <= 57 })
        let hasLetter = s.contains(where: { ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 })
        if !hasLetter { return "not a secret: no letter" }
        if !hasDigit {
            // Letters (and separators) only: words and identifiers, unless long and mixed case.
            let hasUpper = s.contains(where: { $0 >= 65 && $0 <= 90 })
            let hasLower = s.contains(where: { $0 >= 97 && $0 <= 122 })
            if !(s.count >= 24 && hasUpper && hasLower && !looksLikeCamelCaseWords(s)) {
                return "not a secret: identifier or words"
            }
        }
        if s.contains(UInt8(ascii: "/")) && s.filter({ $0 == UInt8(ascii: "/") }).count >= 2
            && !s.contains(UInt8(ascii: "+"))
        {
            // Paths (a/b/c) rather than base64.
            if s.split(separator: UInt8(ascii: "/")).allSatisfy({ $0.count < 20 }) { return "not a secret: path" }
        }
        // Hex digests in a hash context (commit ids, checksums, integrity, etags).
        if isHexOnly(s), s.count == 32 || s.count == 40 || s.count == 64 || s.count == 128,
            containsAnyFolded(line, hashContextWords)
        {
            return "not a secret: hex digest in a hash context"
        }
        return nil
    }

    /// Integrity-hash prefixes (`sha256-…`, Go's `h1:`).
    static let integrityPrefixes: [ByteSearch.Needle] = ["sha1-", "sha256-", "sha384-", "sha512-", "h1:", "md5-"].map {
        ByteSearch.Needle(Array($0.utf8))
    }

    /// Words that make a hex digest on their line a hash rather than a key (lowercase).
    static let hashContextWords: [ByteSearch.Needle] = [
        "sha", "hash", "digest", "checksum", "commit", "integrity", "etag", "md5", "revision",
    ].map { ByteSearch.Needle(Array($0.utf8)) }

    /// Whether `haystack`, ASCII case-folded, contains one of the lowercase `needles` (no folded
    /// copy: a hex digest's line in a minified file is kilobytes long, and folding a copy of it
    /// per candidate was a tenth of judging).
    static func containsAnyFolded(_ haystack: ArraySlice<UInt8>, _ needles: [ByteSearch.Needle]) -> Bool {
        haystack.withUnsafeBufferPointer { h in needles.contains { ByteSearch.containsFolded($0, in: h) } }
    }

    /// A type or symbol name with a version number in it rather than a random value:
    /// `ASN1ImplicitlyTaggable` (camel-case words, at most two digits), `PKCS7_SIGNER_INFO_st`,
    /// `__darwin_pthread_t` (underscore-separated words of at most two digits each).
    static func isIdentifier(_ s: ArraySlice<UInt8>) -> Bool {
        let digits = s.filter { $0 >= 48 && $0 <= 57 }.count
        if s.allSatisfy(isAlphanumeric), digits <= 2, s.count >= 8, looksLikeCamelCaseWords(s) {
            // Words: lowercase runs of five letters on average, two at least (`Implicitly`,
            // `Taggable`); a random password's runs are a letter or two.
            var runs = 0
            var letters = 0
            var previousLower = false
            for b in s {
                let lower = b >= 97 && b <= 122
                if lower {
                    letters += 1
                    if !previousLower { runs += 1 }
                }
                previousLower = lower
            }
            return runs >= 2 && letters >= 5 * runs
        }
        let parts = s.split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: true)
        guard parts.count >= 3, s.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "_") }) else { return false }
        return parts.allSatisfy { part in
            part.count <= 12 && part.filter { $0 >= 48 && $0 <= 57 }.count <= 2
                && (part.allSatisfy { $0 >= 65 && $0 <= 90 || $0 >= 48 && $0 <= 57 }
                    || part.allSatisfy { $0 >= 97 && $0 <= 122 || $0 >= 48 && $0 <= 57 })
        }
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

    static func containsAny(_ haystack: [UInt8], _ needles: [ByteSearch.Needle]) -> Bool {
        needles.contains { contains(haystack, $0) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool { contains(haystack, ByteSearch.Needle(needle)) }

    static func contains(_ haystack: [UInt8], _ needle: ByteSearch.Needle) -> Bool {
        guard !needle.bytes.isEmpty, haystack.count >= needle.bytes.count else { return false }
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
