/// `.gitleaksignore`, as gitleaks writes and reads it: one gitleaks finding fingerprint per line,
/// `commit:file:rule:line` (from `gitleaks git`) or `file:rule:line` (from `gitleaks dir` and
/// staged scans); `#` starts a comment line; blank lines are fine.
///
/// A line is kept as written: a finding is matched by building the lines that would name it (its
/// rule id or any of its gitleaks aliases, its path as shown or relative to the repository, its
/// line, its commit) and looking them up, so file names and rule ids holding `:` or spaces need
/// no parsing rules.
public struct GitleaksIgnore: Sendable, Equatable {
    /// The conventional file name, at the repository root.
    public static let fileName = ".gitleaksignore"

    /// The entries, as written (trimmed).
    public let entries: Set<String>

    /// An ignore file of `entries`.
    public init(entries: Set<String>) { self.entries = entries }

    /// Whether a finding of a rule answering to `ruleNames`, at `line` of a file shown as any of
    /// `paths`, in `commit` (nil outside history and range scans), is listed.
    public func ignores(ruleNames: [String], paths: [String], line: Int, commit: String?) -> Bool {
        for name in ruleNames {
            for path in paths {
                let tail = "\(path):\(name):\(line)"
                if let commit {
                    if entries.contains("\(commit):\(tail)") { return true }
                } else if entries.contains(tail) {
                    return true
                }
            }
        }
        return false
    }

    /// Reads the file at `path`, or returns nil when there is none.
    public static func loadIfPresent(path: String) throws(InventoryError) -> GitleaksIgnore? {
        guard InventoryFileIO.exists(path) else { return nil }
        return parse(try InventoryFileIO.read(path, kind: .ignoreFile))
    }

    /// Parses the file's bytes (every line that is not blank or a comment is an entry).
    public static func parse(_ bytes: [UInt8]) -> GitleaksIgnore {
        var entries = Set<String>()
        for raw in bytes.split(separator: UInt8(ascii: "\n")) {
            let line = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: [" ", "\t", "\r"])
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            entries.insert(line)
        }
        return GitleaksIgnore(entries: entries)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
