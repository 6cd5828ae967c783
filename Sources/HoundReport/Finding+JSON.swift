import HoundJSON
import HoundModel

extension Finding {
    /// The finding as the JSON object of the `json` and `jsonl` formats. Keys, in order: `rule`,
    /// `description`, `path`, `line`, `column`, `end_line`, `end_column`, `fingerprint`,
    /// `identity`, `confidence`, `severity`, `redacted`, `secret` (only with `showSecrets`),
    /// `context`, `tags`, `provenance`, `commit`, `locations`, `key`, `registered`, `notes`, in
    /// sweeps `repository` and `also_in`, and `suppressed_by` for suppressed findings.
    func jsonObject(options: ReportOptions, suppressedBy reason: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(ruleID)),
            ("description", .string(description)),
            ("path", .string(location.path)),
            ("line", .int(location.line)),
            ("column", .int(location.column)),
            ("end_line", .int(location.endLine)),
            ("end_column", .int(location.endColumn)),
            ("fingerprint", .string(fingerprint.description)),
            ("identity", .string(identity)),
            ("confidence", .string(confidence.rawValue)),
            ("severity", .string(severity.rawValue)),
            ("redacted", .string(redactedSecret)),
        ]
        if options.showSecrets { members.append(("secret", .text(secret))) }
        members += [
            ("context", .string(context)),
            ("tags", .strings(tags)),
            ("provenance", .string(provenanceKind)),
            ("commit", location.commit.map(\.jsonObject) ?? .null),
            ("locations", .array(otherLocations.map(\.jsonObject))),
            ("key", key.map(\.jsonObject) ?? .null),
            ("registered", .bool(isRegistered)),
            ("notes", .strings(notes)),
        ]
        if let repository {
            members += [("repository", repository.jsonObject), ("also_in", .int(alsoInRepositories))]
        }
        if let reason { members.append(("suppressed_by", .string(reason))) }
        return .object(members)
    }
}

extension Location {
    /// `{path, line, column, end_line, end_column, commit}`.
    var jsonObject: JSONValue {
        .object([
            ("path", .string(path)),
            ("line", .int(line)),
            ("column", .int(column)),
            ("end_line", .int(endLine)),
            ("end_column", .int(endColumn)),
            ("commit", commit.map(\.jsonObject) ?? .null),
        ])
    }
}

extension CommitInfo {
    /// `{id, author, email, date, summary}`.
    var jsonObject: JSONValue {
        .object([
            ("id", .string(id)),
            ("author", .string(author)),
            ("email", .string(email)),
            ("date", .string(date)),
            ("summary", .string(summary)),
        ])
    }
}

extension KeyReference {
    /// `{name, owner, consumers, status, last_rotated, on_leak, environment}`.
    var jsonObject: JSONValue {
        .object([
            ("name", .string(name)),
            ("owner", .optional(owner)),
            ("consumers", .strings(consumers)),
            ("status", .string(status)),
            ("last_rotated", .optional(lastRotated)),
            ("on_leak", .string(onLeak)),
            ("environment", .optional(environment)),
        ])
    }
}

extension RepositoryReference {
    /// `{name, location}`.
    var jsonObject: JSONValue { .object([("name", .string(name)), ("location", .string(location))]) }
}
