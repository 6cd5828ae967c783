@testable import HoundRegex

/// Renders a match as `start-end` per group (`-` for a group that did not take part), or
/// `nil` for no match, so table rows read like Go's `FindSubmatchIndex` output.
func notation(_ match: RegexMatch?) -> String {
    guard let match else { return "nil" }
    return match.groups.map { $0.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "-" }.joined(separator: " ")
}

/// Compiles `pattern` (failing the caller's expectation on error) and renders the first match.
func firstMatchNotation(_ pattern: String, _ input: String) -> String {
    do {
        let regex = try CompiledRegex(pattern)
        return notation(regex.firstMatch(in: input))
    } catch {
        return "error: \(error)"
    }
}
