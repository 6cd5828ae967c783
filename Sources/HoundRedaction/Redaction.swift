/// HoundRedaction: the one place that decides how much of a secret, or of hostile text, may be
/// shown. Every report format, every error message that quotes a file, and every context line
/// goes through ``Redaction``; nothing else shortens or masks text for display.
///
/// A leaf target (no dependencies, not even Foundation) so that the TOML reader, which must not
/// depend on anything else, quotes through it too.

/// How secrets and hostile text are shown.
///
/// - A secret shows fewer than a quarter of its characters and at most 4, then `…` and its
///   length in characters: `sk_l…(32)`, `W…(8)`, `…(4)`.
/// - An excerpt of a file quoted in an error message is the same, quoted, unless it has at most
///   4 characters: `"yes"`, `"sk_l…" (32 characters)`.
/// - A name (a key, a rule id) is quoted whole unless it could be a secret (it holds a
///   candidate token, see ``isCandidateToken(_:)``, or is longer than ``longestName``); then it
///   is an excerpt.
/// - A context line has every candidate span and every candidate token redacted as a secret
///   (see `Redaction+Line.swift`).
public enum Redaction {
    /// How many leading characters of a secret of `count` characters may be shown: fewer than
    /// a quarter of them, and at most 4.
    public static func shownCount(ofLength count: Int) -> Int {
        count <= 4 ? 0 : min(4, (count - 1) / 4)
    }

    /// The secret redacted for display: its first ``shownCount(ofLength:)`` characters, `…` and
    /// its length in characters (`sk_l…(32)`). Invalid UTF-8 counts one character per bad byte.
    public static func redact<Bytes: Collection>(_ secret: Bytes) -> String where Bytes.Element == UInt8 {
        let scalars = String(decoding: secret, as: UTF8.self).unicodeScalars
        let shown = shownCount(ofLength: scalars.count)
        return printable(scalars.prefix(shown)) + "…(\(scalars.count))"
    }

    /// A piece of a file quoted in an error message: `"yes"` (at most 4 characters, whole),
    /// else `"sk_l…" (32 characters)`.
    public static func excerpt<Text: StringProtocol>(_ text: Text) -> String {
        let scalars = text.unicodeScalars
        let count = scalars.count
        if count <= 4 { return "\"" + printable(scalars) + "\"" }
        let shown = shownCount(ofLength: count)
        return "\"" + printable(scalars.prefix(shown)) + "…\" (\(count) characters)"
    }

    /// ``excerpt(_:)`` of bytes (invalid UTF-8 shows as U+FFFD).
    public static func excerpt<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        excerpt(String(decoding: bytes, as: UTF8.self))
    }

    /// Names longer than this are quoted as excerpts.
    public static let longestName = 64

    /// A name read from a file (a key, a rule id, a table), quoted: whole unless it
    /// ``couldBeSecret(name:)``, then as an ``excerpt(_:)``.
    public static func name<Text: StringProtocol>(_ text: Text) -> String {
        couldBeSecret(name: text) ? excerpt(text) : "\"" + printable(text.unicodeScalars) + "\""
    }

    /// Whether a name must not be shown whole: it holds a candidate token
    /// (``isCandidateToken(_:)``), or has more than ``longestName`` characters.
    public static func couldBeSecret<Text: StringProtocol>(name text: Text) -> Bool {
        if text.unicodeScalars.count > longestName { return true }
        return Array(text.utf8).withUnsafeBufferPointer { !candidateTokens(in: $0, within: 0..<$0.count).isEmpty }
    }

    /// Scalars as text, control characters replaced by U+FFFD (a quoted piece of a file must not
    /// move the terminal's cursor or split a log line).
    static func printable<Scalars: Sequence>(_ scalars: Scalars) -> String where Scalars.Element == Unicode.Scalar {
        var out = String.UnicodeScalarView()
        for scalar in scalars {
            out.append(scalar.value < 0x20 || scalar.value == 0x7F ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }
}
