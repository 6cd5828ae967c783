/// Levenshtein distance and the one "did you mean" for misspelt names (fields, flags, rules,
/// commands, keys). It lives in this leaf target, beside the redaction of quoted text, so the
/// TOML reader's field decoder can use it; HoundSupport re-exports it.
public enum EditDistance {
    /// The number of single-byte insertions, deletions, substitutions and transpositions of
    /// neighbours turning `a` into `b` (optimal string alignment), ASCII case-insensitively.
    public static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().utf8)
        let y = Array(b.lowercased().utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var beforePrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[y.count]
    }

    /// The candidate closest to `name`, when it is close enough to be a plausible typo: at most a
    /// third of the name's length away (at least 1, at most 3). Ties go to the earlier candidate.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let limit = min(3, max(1, name.utf8.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = between(name, candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// ` (did you mean "x"?)` for the candidate `suggestion(for:among:)` picks, or "" when none
    /// is close enough; `quote` surrounds the candidate.
    public static func hint(for name: String, among candidates: [String], quote: String = "\"") -> String {
        suggestion(for: name, among: candidates).map { " (did you mean \(quote)\($0)\(quote)?)" } ?? ""
    }
}
