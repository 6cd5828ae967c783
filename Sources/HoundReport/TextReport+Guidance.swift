import HoundModel

extension TextReport {
    /// How many locations the guidance names before it says "and N more".
    static let guidanceLocationLimit = 3

    /// What a blocking hook shows under the findings: what was found where, and the three ways
    /// out (remove, mark as a false positive, accept as known).
    static func guidance(for findings: some Collection<Finding>, style: TextStyle) -> [String] {
        let shown = findings.prefix(guidanceLocationLimit).map {
            TerminalText.scrubbed("\($0.location.path):\($0.location.line)")
        }
        var places = shown.joined(separator: ", ")
        if findings.count > shown.count { places += ", and \(findings.count - shown.count) more" }
        let secrets = TerminalText.count(findings.count, "secret")
        return [
            style.paint("keyhound blocked this change: \(secrets) in \(places).", "1;31"),
            "To go on, for each one:",
            "  - remove the secret from the file (and rotate it if it was real);",
            "  - a false positive? add `keyhound:allow` in a comment on its line;",
            "  - known and accepted? run `keyhound baseline create`, or add its fingerprint to .keyhoundignore.",
        ]
    }
}
