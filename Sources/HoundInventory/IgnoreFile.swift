import HoundModel

/// `.keyhoundignore`: fingerprints of findings to ignore, one per line.
///
/// ```text
/// # test fixture, not a real key
/// sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
/// github-pat:sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae  # only for this rule
/// ```
///
/// A bare fingerprint ignores the secret under every rule; `rule-id:fingerprint` only under that
/// rule. `#` starts a comment (at the start of a line or after whitespace); blank lines are
/// fine; anything else is an error naming the line. Never line numbers, never secrets.
public struct IgnoreFile: Sendable, Equatable {
    /// One line's entry.
    public struct Entry: Hashable, Sendable {
        /// The rule it is limited to, or nil for every rule.
        public var ruleID: String?
        /// The ignored secret's fingerprint.
        public var fingerprint: Fingerprint
        /// The 1-based line it was read from.
        public var line: Int

        /// An entry from its parts.
        public init(ruleID: String?, fingerprint: Fingerprint, line: Int) {
            self.ruleID = ruleID
            self.fingerprint = fingerprint
            self.line = line
        }
    }

    /// The conventional file name, at the repository root.
    public static let fileName = ".keyhoundignore"

    /// The entries in file order.
    public let entries: [Entry]
    private let everywhere: Set<Fingerprint>
    private let perRule: Set<String>

    /// An ignore file of `entries`.
    public init(entries: [Entry]) {
        self.entries = entries
        everywhere = Set(entries.filter { $0.ruleID == nil }.map(\.fingerprint))
        perRule = Set(entries.compactMap { entry in entry.ruleID.map { "\($0):\(entry.fingerprint)" } })
    }

    /// Whether a finding of `ruleID` with `fingerprint` is ignored.
    public func ignores(ruleID: String, fingerprint: Fingerprint) -> Bool {
        everywhere.contains(fingerprint) || perRule.contains("\(ruleID):\(fingerprint)")
    }

    /// Whether `finding` is ignored.
    public func ignores(_ finding: Finding) -> Bool { ignores(ruleID: finding.ruleID, fingerprint: finding.fingerprint) }

    /// Reads the ignore file at `path`.
    public static func load(path: String) throws(InventoryError) -> IgnoreFile {
        try parse(InventoryFileIO.read(path, kind: .ignoreFile), path: path)
    }

    /// Reads the ignore file at `path`, or returns nil when there is none.
    public static func loadIfPresent(path: String) throws(InventoryError) -> IgnoreFile? {
        guard InventoryFileIO.exists(path) else { return nil }
        return try load(path: path)
    }

    /// Parses an ignore file's bytes; `path` names it in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(InventoryError) -> IgnoreFile {
        var entries: [Entry] = []
        var lineNumber = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var text = Array(raw)
            if let hash = commentStart(text) { text.removeSubrange(hash...) }
            var start = 0
            while start < text.count, isSpace(text[start]) { start += 1 }
            var end = text.count
            while end > start, isSpace(text[end - 1]) { end -= 1 }
            guard start < end else { continue }
            let column = start + 1
            let word = String(decoding: text[start..<end], as: UTF8.self)
            if text[start..<end].contains(where: isSpace) {
                throw error(path, lineNumber, column, "one fingerprint per line (use # before a comment)")
            }
            entries.append(try entry(word, line: lineNumber, column: column, path: path))
        }
        return IgnoreFile(entries: entries)
    }

    private static func entry(_ word: String, line: Int, column: Int, path: String) throws(InventoryError) -> Entry {
        if let fingerprint = Fingerprint(parsing: word) { return Entry(ruleID: nil, fingerprint: fingerprint, line: line) }
        let parts = word.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let expected = "expected sha256:<64 hex digits>, hmac-sha256:<64 hex digits>, or rule-id:<fingerprint>"
        guard parts.count == 2 else { throw error(path, line, column, expected) }
        let rule = String(parts[0])
        let rest = String(parts[1])
        if Fingerprint.Algorithm(rawValue: rule) != nil {
            throw error(path, line, column, "malformed fingerprint: \(rule): must be followed by 64 hex digits")
        }
        guard let fingerprint = Fingerprint(parsing: rest) else {
            let looksLikeLocation = rest.split(separator: ":").contains { $0.allSatisfy(\.isNumber) }
            let hint = looksLikeLocation ? " (file:rule:line entries are gitleaks' format; keyhound ignores by fingerprint)" : ""
            throw error(path, line, column, expected + hint)
        }
        guard !rule.isEmpty, rule.utf8.allSatisfy(isRuleByte) else {
            throw error(path, line, column, "invalid rule id before the fingerprint (letters, digits, -, _ and . only)")
        }
        return Entry(ruleID: rule, fingerprint: fingerprint, line: line)
    }

    /// Index of a `#` that starts a comment: at the start or after whitespace.
    private static func commentStart(_ text: [UInt8]) -> Int? {
        text.indices.first { text[$0] == UInt8(ascii: "#") && ($0 == 0 || isSpace(text[$0 - 1])) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    private static func isRuleByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".")
    }

    private static func error(_ path: String, _ line: Int, _ column: Int, _ message: String) -> InventoryError {
        InventoryError(.invalidField, path: path, position: SourcePosition(line: line, column: column), message: message)
    }
}
