import HoundJSON
extension ScanReport {
    /// The summary object shared by the `json` and `jsonl` formats: `files_scanned`,
    /// `blobs_scanned`, `bytes_scanned`, `seconds`, `findings`, `severities` (a count for each of
    /// `critical`, `high`, `medium`, `low`), `unregistered`, `suppressed` (a count),
    /// `skipped_binary`, `skipped_large`, `errors`, and for sweeps `repositories`.
    var summaryJSON: JSONValue {
        var members: [(String, JSONValue)] = [
            ("files_scanned", .int(summary.filesScanned)),
            ("blobs_scanned", .int(summary.blobsScanned)),
            ("bytes_scanned", .int(summary.bytesScanned)),
            ("seconds", .double(summary.seconds)),
            ("findings", .int(findings.count)),
            (
                "severities",
                .object(
                    [.critical, .high, .medium, .low].map { severity in
                        (severity.rawValue, .int(findings.count(where: { $0.severity == severity })))
                    })
            ),
            ("unregistered", .int(findings.count(where: { !$0.isRegistered }))),
            ("suppressed", .int(summary.suppressed.count)),
            ("skipped_binary", .int(summary.skippedBinary)),
            ("skipped_large", .int(summary.skippedLarge)),
            ("errors", .strings(summary.errors)),
        ]
        if !repositories.isEmpty { members.append(("repositories", .array(repositories.map(\.jsonObject)))) }
        return .object(members)
    }

}
