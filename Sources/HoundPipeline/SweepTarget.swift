import HoundModel
import HoundSupport

/// One line of a sweep's repository list: a local path (work tree, bare or mirror) or a clone
/// URL (`https://`, `ssh://`, `git://`, `file://`, `git@host:path`).
package struct SweepTarget: Equatable, Sendable {
    /// The line as written (trimmed): what names the repository in reports and shards it.
    package var identity: String
    /// Whether it is cloned (a URL) rather than read in place.
    package var isURL: Bool
    /// The repository as reports name it.
    package var reference: RepositoryReference

    /// A target from one list entry.
    package init(_ entry: String) {
        var identity = entry
        while identity.count > 1, identity.hasSuffix("/") { identity.removeLast() }
        self.identity = identity
        isURL = Self.isURL(identity)
        var last = identity.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? identity
        if last.hasSuffix(".git"), last.count > 4 { last.removeLast(4) }
        reference = RepositoryReference(name: last, location: Self.withoutPassword(identity))
    }

    /// `text` with the password of a URL's user information (`https://user:TOKEN@host/...`)
    /// replaced by `***`: a credential in the list never reaches a report.
    package static func withoutPassword(_ text: String) -> String {
        guard let scheme = text.firstRange(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let authority = rest.prefix(while: { $0 != "/" })
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<authority.index(after: colon)]) + "***" + String(text[at...])
    }

    /// `message` with this repository's identity shown without its password.
    package func scrubbed(_ message: String) -> String {
        guard reference.location != identity else { return message }
        return message.replacing(identity, with: reference.location)
    }

    /// Whether `text` is a clone URL: a scheme (`https://`, `file://`...) or scp-like `user@host:path`.
    package static func isURL(_ text: String) -> Bool {
        if text.contains("://") { return true }
        guard let at = text.firstIndex(of: "@"), let colon = text.firstIndex(of: ":") else { return false }
        return at < colon && !text.hasPrefix("/") && !text[..<colon].contains("/")
    }

    /// The shard (0..<count) this repository belongs to: a stable hash of its identity, the same
    /// on every machine and whatever the order of the list.
    package func shard(of count: Int) -> Int {
        let digest = SHA256.hash(Array(identity.utf8))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(count))
    }

    /// The entries of a repository list: one a line, `#` starts a comment, blank lines skipped,
    /// duplicates kept once.
    package static func parseList(_ text: String) -> [SweepTarget] {
        var seen = Set<String>()
        var out: [SweepTarget] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#"), hash == line.startIndex || line[line.index(before: hash)] == " " {
                line = line[..<hash]
            }
            let blank: Set<Character> = [" ", "\t", "\r"]
            let entry = String(line.drop(while: blank.contains).reversed().drop(while: blank.contains).reversed())
            guard !entry.isEmpty else { continue }
            let target = SweepTarget(entry)
            if seen.insert(target.identity).inserted { out.append(target) }
        }
        return out
    }
}
