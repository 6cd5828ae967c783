import HoundJSON
import HoundModel

extension SARIFReport {
    /// One `result` object.
    static func result(
        for finding: Finding, ruleIndex: Int, options: ReportOptions, paths: SARIFPaths = SARIFPaths(),
        suppressedBy suppression: SuppressedFinding? = nil
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(finding.ruleID)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(message(for: finding)))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(finding.location, paths: paths))])])),
        ]
        if !finding.otherLocations.isEmpty {
            let related = finding.otherLocations.enumerated().map { index, location in
                relatedLocation(location, id: index + 1, paths: paths)
            }
            members.append(("relatedLocations", .array(related)))
        }
        members.append(("partialFingerprints", .object([(fingerprintKey, .string(finding.publicIdentity))])))
        if let suppression {
            let kind = suppression.isInSource ? "inSource" : "external"
            members.append(
                (
                    "suppressions",
                    .array([.object([("kind", .string(kind)), ("justification", .string(suppression.reason))])])
                ))
        }
        members.append(("properties", properties(for: finding, options: options)))
        return .object(members)
    }

    /// The message: what, the redacted secret, the fingerprint, the inventory match, the commit.
    /// Never the secret.
    static func message(for finding: Finding) -> String {
        var text = "\(finding.description): \(finding.redactedSecret)"
        text += finding.hasLowEntropySecret ? " (low-entropy secret: no fingerprint shown)." : " (fingerprint \(finding.fingerprint))."
        if let repository = finding.repository { text += " Repository \(repository.name) (\(repository.location))." }
        if let key = finding.key {
            text += " Registered key \(key.name)"
            if let owner = key.owner { text += ", owner \(owner)" }
            text += ", status \(key.status), on leak: \(key.onLeak)."
        } else {
            text += " Unregistered credential."
        }
        if let commit = finding.location.commit {
            text += " Introduced in \(commit.id.prefix(12)) by \(commit.author) on \(commit.date)."
        }
        if !finding.otherLocations.isEmpty {
            text += " Also found in \(TerminalText.count(finding.otherLocations.count, "other location"))."
        }
        return text
    }

    /// `{artifactLocation: {uri, uriBaseId?}, region: {startLine, startColumn, endLine,
    /// endColumn}}`: paths relative to `%SRCROOT%` when under the repository root, columns in
    /// code points (the run's `columnKind`), every number at least 1 as the schema asks.
    static func physicalLocation(_ location: Location, paths: SARIFPaths = SARIFPaths()) -> JSONValue {
        var artifact: [(String, JSONValue)]
        if let relative = paths.rootRelative(location.path) {
            artifact = [("uri", .string(URIReference.encoding(path: relative))), ("uriBaseId", .string(srcRoot))]
        } else {
            artifact = [("uri", .string(URIReference.encoding(path: location.path)))]
        }
        let columns = location.characterColumns ?? (location.column, location.endColumn)
        return .object([
            ("artifactLocation", .object(artifact)),
            (
                "region",
                .object([
                    ("startLine", .int(max(1, location.line))),
                    ("startColumn", .int(max(1, columns.start))),
                    ("endLine", .int(max(1, location.endLine))),
                    ("endColumn", .int(max(1, columns.end))),
                ])
            ),
        ])
    }

    /// An other location of a history finding, with the commit in its message.
    static func relatedLocation(_ location: Location, id: Int, paths: SARIFPaths = SARIFPaths()) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .int(id)), ("physicalLocation", physicalLocation(location, paths: paths))]
        if let commit = location.commit {
            let text = "Also in commit \(commit.id.prefix(12)) by \(commit.author) on \(commit.date)."
            members.append(("message", .object([("text", .string(text))])))
        }
        return .object(members)
    }

    /// The result's property bag.
    static func properties(for finding: Finding, options: ReportOptions) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("tags", .strings(unique(finding.tags))),
            ("confidence", .string(finding.confidence.rawValue)),
            ("severity", .string(finding.severity.rawValue)),
            ("security-severity", .string(securitySeverity(finding.severity.rawValue))),
            ("fingerprint", finding.hasLowEntropySecret ? .null : .string(finding.fingerprint.description)),
            ("redacted", .string(finding.redactedSecret)),
        ]
        if options.showSecrets { members.append(("secret", .text(finding.secret))) }
        members += [
            ("registered", .bool(finding.isRegistered)),
            ("provenance", .string(finding.provenanceKind)),
        ]
        if let key = finding.key { members.append(("key", key.jsonObject)) }
        if let commit = finding.location.commit { members.append(("commit", commit.jsonObject)) }
        if !finding.notes.isEmpty { members.append(("notes", .strings(finding.notes))) }
        if let repository = finding.repository {
            members += [("repository", repository.jsonObject), ("also_in", .int(finding.alsoInRepositories))]
        }
        return .object(members)
    }
}

/// Turns shown paths into paths relative to the repository root, whatever folder the scan ran
/// from.
struct SARIFPaths {
    /// The repository root, absolute, without a trailing slash.
    var root: String?
    /// The folder relative paths are relative to.
    var workingDirectory: String?

    /// `path` relative to the root, or nil when it is not under it (or no root is known).
    func rootRelative(_ path: String) -> String? {
        guard let root else { return nil }
        var full = path
        if !path.hasPrefix("/") {
            guard let workingDirectory else { return nil }
            full = workingDirectory + "/" + path
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        let normal = "/" + parts.joined(separator: "/")
        let prefix = root == "/" ? "/" : root + "/"
        guard normal.hasPrefix(prefix), normal.count > prefix.count else { return nil }
        return String(normal.dropFirst(prefix.count))
    }
}
