import HoundJSON
import HoundModel

/// The `jsonl` format written a few findings at a time (a sweep's repositories, as each is
/// done), byte for byte what ``ReportWriter/render(_:format:options:)`` gives for the whole
/// report: finding lines as they come, then the summary line, whose counts (findings,
/// severities, unregistered) are the stream's, kept as the findings went by.
public struct JSONLinesStream: Sendable {
    /// How findings are rendered.
    public var options: ReportOptions
    /// Findings written so far.
    public private(set) var findings = 0
    private var severities: [Severity: Int] = [:]
    private var unregistered = 0

    /// A stream of findings rendered with `options`.
    public init(options: ReportOptions = ReportOptions()) { self.options = options }

    /// The lines of `findings`, counted for the summary.
    public mutating func lines(_ findings: [Finding]) -> [UInt8] {
        var out: [UInt8] = []
        for finding in findings {
            self.findings += 1
            severities[finding.severity, default: 0] += 1
            if !finding.isRegistered { unregistered += 1 }
            out += finding.jsonObject(options: options).encoded(.compact)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// The closing summary line of `report` (its findings are not used: the stream's counts are).
    public func summaryLine(_ report: ScanReport) -> [UInt8] {
        guard case .object(var members) = report.summaryJSON else { return [] }
        for index in members.indices {
            switch members[index].0 {
            case "findings": members[index].1 = .int(findings)
            case "severities":
                members[index].1 = .object(
                    [Severity.critical, .high, .medium, .low].map { ($0.rawValue, .int(severities[$0] ?? 0)) })
            case "unregistered": members[index].1 = .int(unregistered)
            default: break
            }
        }
        return JSONValue.object([("summary", .object(members))]).encoded(.compact) + [UInt8(ascii: "\n")]
    }
}
