import HoundJSON
import HoundSupport

/// Renders audit issues for people (aligned text) and machines (JSON), in a stable order.
public enum AuditReport {
    /// One line per issue: `name  kind  message`, then a summary line.
    public static func text(_ issues: [AuditIssue], keyCount: Int) -> String {
        guard !issues.isEmpty else { return "\(keyCount) keys audited: nothing to do\n" }
        let nameWidth = issues.map(\.keyName.count).max() ?? 0
        let kindWidth = issues.map(\.kind.rawValue.count).max() ?? 0
        var out = ""
        for issue in issues {
            let marker = issue.needsAction ? "!" : "i"
            out += "\(marker) \(padded(issue.keyName, nameWidth))  \(padded(issue.kind.rawValue, kindWidth))  \(issue.message)\n"
        }
        let action = issues.filter(\.needsAction)
        let keys = Set(action.map(\.keyName)).count
        out += "\(keyCount) keys audited: \(action.count) issue\(action.count == 1 ? "" : "s") needing action on \(keys) key\(keys == 1 ? "" : "s")"
        let info = issues.count - action.count
        if info > 0 { out += ", \(info) informational" }
        return out + "\n"
    }

    /// `{"keys": N, "needs_action": Bool, "issues": [{key, kind, needs_action, message, date, owner, consumers}]}`.
    public static func json(_ issues: [AuditIssue], keyCount: Int) -> String {
        let items: [JSONValue] = issues.map { issue in
            .object([
                ("key", .string(issue.keyName)),
                ("kind", .string(issue.kind.rawValue)),
                ("needs_action", .bool(issue.needsAction)),
                ("message", .string(issue.message)),
                ("date", .optional(issue.date.map(ISODate.format))),
                ("owner", .optional(issue.owner)),
                ("consumers", .array(issue.consumers.map(JSONValue.string))),
            ])
        }
        let report: JSONValue = .object([
            ("keys", .int(keyCount)),
            ("needs_action", .bool(issues.contains(where: \.needsAction))),
            ("issues", .array(items)),
        ])
        return report.encodedText(.pretty) + "\n"
    }

    /// Whether anything needs action: the CLI then exits 1.
    public static func needsAction(_ issues: [AuditIssue]) -> Bool { issues.contains(where: \.needsAction) }

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
