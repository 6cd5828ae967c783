/// A fake secret a test wrote into a file, and where the scanner must report it.
struct Planted: Hashable, Sendable, CustomStringConvertible {
    /// The rule that must find it.
    var rule: String
    /// The path as reported (relative to the scan root).
    var path: String
    /// 1-based line.
    var line: Int
    /// 1-based column (bytes) of the secret's first character.
    var column: Int
    /// The secret itself.
    var secret: String

    /// Where `secret` is in `text` (which must contain it once), reported at `path`.
    init(_ rule: String, _ secret: String, in text: String, path: String) {
        self.rule = rule
        self.path = path
        self.secret = secret
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 0
        var column = 0
        for (index, content) in lines.enumerated() {
            if let range = content.range(of: secret) {
                line = index + 1
                column = content.utf8.distance(from: content.startIndex, to: range.lowerBound) + 1
                break
            }
        }
        self.line = line
        self.column = column
    }

    /// `path:line:column rule`, as the text report starts a finding.
    var description: String { "\(path):\(line):\(column) \(rule)" }

    /// The same secret, reported on another line (after an edit above it).
    func moved(to line: Int) -> Planted {
        var copy = self
        copy.line = line
        return copy
    }
}

/// A reported finding, reduced to what tests compare with a ``Planted`` one.
struct Reported: Hashable, Sendable, CustomStringConvertible {
    var rule: String
    var path: String
    var line: Int
    var column: Int

    /// From a JSON finding object.
    init?(json finding: [String: Any]) {
        guard let rule = finding["rule"] as? String, let path = finding["path"] as? String,
            let line = finding["line"] as? Int, let column = finding["column"] as? Int
        else { return nil }
        self.init(rule: rule, path: path, line: line, column: column)
    }

    init(rule: String, path: String, line: Int, column: Int) {
        self.rule = rule
        self.path = path
        self.line = line
        self.column = column
    }

    /// What a planted secret must be reported as.
    init(_ planted: Planted) {
        self.init(rule: planted.rule, path: planted.path, line: planted.line, column: planted.column)
    }

    var description: String { "\(path):\(line):\(column) \(rule)" }
}

extension KeyhoundRun {
    /// The findings of a `--format json` report as comparable values.
    func reported() throws -> Set<Reported> {
        Set(try findings().compactMap(Reported.init(json:)))
    }
}
