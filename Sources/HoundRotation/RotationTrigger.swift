import HoundJSON
import HoundSupport

/// What started a rotation, carried by its state and by every audit record it writes.
public struct RotationTrigger: Sendable, Equatable {
    /// The kinds of triggers; the raw value is the `{trigger}` placeholder and the audit log's.
    public enum Kind: String, Sendable, CaseIterable {
        /// `keyhound rotate NAME` by a person.
        case manual
        /// `keyhound rotate --due`: the key was past its rotation frequency.
        case schedule
        /// `scan … --on-leak`: the key was found in committed content.
        case leak
        /// `keyhound rotate NAME --emergency` by a person.
        case emergency
        /// `keyhound rotate NAME --emergency` took over a rotation already under way.
        case takeover
    }

    /// What kind.
    public var kind: Kind
    /// For a leak: the rule that found it.
    public var rule: String?
    /// For a leak: the repository scanned.
    public var repository: String?
    /// For a leak: the commit it was found in.
    public var commit: String?
    /// For a leak: the file it was found in.
    public var path: String?

    /// A trigger from its parts.
    public init(_ kind: Kind, rule: String? = nil, repository: String? = nil, commit: String? = nil, path: String? = nil) {
        self.kind = kind
        self.rule = rule
        self.repository = repository
        self.commit = commit
        self.path = path
    }

    /// The members present, in a fixed order, for JSON: `kind` first.
    public var members: [(String, String)] {
        var members = [("kind", kind.rawValue)]
        for (name, value) in [("rule", rule), ("repository", repository), ("commit", commit), ("path", path)] {
            if let value { members.append((name, value)) }
        }
        return members
    }

    /// `{"kind":"leak","rule":"…",…}` (when written compact).
    public var jsonValue: JSONValue { .object(members.map { ($0.0, .string($0.1)) }) }

    /// `leak (github-pat in src/a.js at 3fa9c2d, repository acme/api)`, `schedule`.
    public var description: String {
        guard kind == .leak else { return kind.rawValue }
        var parts: [String] = []
        if let rule { parts.append(rule) }
        if let path { parts.append("in \(path)") }
        if let commit { parts.append("at \(commit.prefix(12))") }
        if let repository { parts.append("repository \(repository)") }
        return parts.isEmpty ? "leak" : "leak (\(parts.joined(separator: " ")))"
    }
}
