#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundSupport

extension Inventory {
    /// The keys that need attention at `now`, sorted by key name, then kind.
    ///
    /// Active keys are checked for rotation (overdue, never rotated, due soon, no frequency),
    /// expiry (expired, expiring within `expiringWithin` seconds), ownership (no owner, no
    /// consumers) and a missing fingerprint. Every key is checked for a fingerprint shared with
    /// another record. Retired and revoked keys are otherwise left alone.
    public func audit(now: Date, expiringWithin: TimeInterval = 30 * 86_400) -> [AuditIssue] {
        var issues: [AuditIssue] = []
        var holders: [String: [String]] = [:]
        for record in records {
            if let fingerprint = record.fingerprint { holders[fingerprint.description, default: []].append(record.name) }
        }
        let horizon = now.addingTimeInterval(expiringWithin)
        for record in records {
            if let fingerprint = record.fingerprint, let names = holders[fingerprint.description], names.count > 1 {
                let others = names.filter { $0 != record.name }.map { "\"\($0)\"" }.joined(separator: ", ")
                issues.append(
                    AuditIssue(
                        kind: .duplicateFingerprint, keyName: record.name,
                        message: "same fingerprint as \(others): one secret registered under several names"))
            }
            guard record.status == .active else { continue }
            issues += rotationIssues(record, now: now, horizon: horizon)
            if let expires = record.expires {
                if expires <= now {
                    issues.append(AuditIssue(kind: .expired, keyName: record.name, message: "expired on \(day(expires)) (\(ago(expires, now)))", date: expires))
                } else if expires <= horizon {
                    issues.append(AuditIssue(kind: .expiringSoon, keyName: record.name, message: "expires on \(day(expires)) (\(ahead(expires, now)))", date: expires))
                }
            }
            if record.owner?.isEmpty ?? true {
                issues.append(AuditIssue(kind: .noOwner, keyName: record.name, message: "no owner: nobody to call when it leaks"))
            }
            if record.consumers.isEmpty {
                issues.append(AuditIssue(kind: .noConsumers, keyName: record.name, message: "no consumers: nobody knows what a rotation would break"))
            }
            if record.fingerprint == nil {
                issues.append(
                    AuditIssue(
                        kind: .noFingerprint, keyName: record.name,
                        message: "no fingerprint: findings can never match this key (set one with `keyhound inventory fingerprint`)"))
            }
        }
        return withOwners(issues).sorted { ($0.keyName, $0.kind) < ($1.keyName, $1.kind) }
    }

    /// `issues` with each key's owner and consumers filled in.
    public func withOwners(_ issues: [AuditIssue]) -> [AuditIssue] {
        issues.map { issue in
            var issue = issue
            if let record = record(named: issue.keyName) {
                issue.owner = record.owner
                issue.consumers = record.consumers
            }
            return issue
        }
    }

    private func rotationIssues(_ record: KeyRecord, now: Date, horizon: Date) -> [AuditIssue] {
        guard let frequency = record.rotationFrequency else {
            return [AuditIssue(kind: .noRotationFrequency, keyName: record.name, message: "no rotation_frequency set")]
        }
        guard let lastRotated = record.lastRotated else {
            return [AuditIssue(kind: .neverRotated, keyName: record.name, message: "rotation \(phrase(frequency)) but no last_rotated date")]
        }
        let due = frequency.added(to: lastRotated)
        if due <= now {
            return [
                AuditIssue(
                    kind: .overdue, keyName: record.name,
                    message: "rotation overdue: last rotated \(day(lastRotated)), \(phrase(frequency)), due \(day(due)) (\(ago(due, now)))",
                    date: due)
            ]
        }
        if due <= horizon {
            return [AuditIssue(kind: .dueSoon, keyName: record.name, message: "rotation due \(day(due)) (\(ahead(due, now)))", date: due)]
        }
        return []
    }

    /// `every 30d`, or the word itself (`quarterly`).
    private func phrase(_ frequency: DurationSpec) -> String {
        DurationSpec.words.contains { $0.word == frequency.text.lowercased() } ? frequency.text : "every \(frequency)"
    }

    private func day(_ date: Date) -> String { ISODate.formatDay(date) }

    private func ago(_ date: Date, _ now: Date) -> String {
        let days = Int(now.timeIntervalSince(date) / 86_400)
        return days == 0 ? "today" : days == 1 ? "1 day ago" : "\(days) days ago"
    }

    private func ahead(_ date: Date, _ now: Date) -> String {
        let days = Int(date.timeIntervalSince(now) / 86_400)
        return days == 0 ? "today" : days == 1 ? "in 1 day" : "in \(days) days"
    }
}
