/// Comments that mark a line's secret as accepted, in keyhound's spelling and in the documented
/// spellings of the scanners teams migrate from, so their markers keep working:
///
/// | marker | tool |
/// |---|---|
/// | `keyhound:allow` | keyhound |
/// | `gitleaks:allow` | gitleaks |
/// | `pragma: allowlist secret` | detect-secrets |
/// | `pragma: allowlist nextline secret` (on the line before) | detect-secrets |
/// | `ggignore` | ggshield |
/// | `trufflehog:ignore` | TruffleHog |
///
/// Markers are matched as written (case-sensitive), anywhere on the line, in any comment syntax.
public enum InlineMarkers {
    /// Markers that accept the line they are on.
    public static let sameLine = [
        "keyhound:allow", "gitleaks:allow", "pragma: allowlist secret", "ggignore", "trufflehog:ignore",
    ]
    /// Markers that accept the line after theirs.
    public static let nextLine = ["pragma: allowlist nextline secret"]

    private static let sameLineBytes = sameLine.map { Array($0.utf8) }
    private static let nextLineBytes = nextLine.map { Array($0.utf8) }

    /// The marker that accepts a secret on `line` (`previousLine` being the line before it), nil
    /// when there is none.
    public static func marker(on line: ArraySlice<UInt8>, previousLine: ArraySlice<UInt8> = []) -> String? {
        for (index, marker) in sameLineBytes.enumerated() where contains(line, marker) { return sameLine[index] }
        for (index, marker) in nextLineBytes.enumerated() where contains(previousLine, marker) {
            return nextLine[index] + " (line before)"
        }
        return nil
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { ByteSearch.firstIndex(of: needle, in: $0, from: 0) != nil }
    }
}
