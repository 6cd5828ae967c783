import HoundJSON
import HoundSupport

extension AuditLog {
    /// Checks the log at `path` against its chain and, when `headPath` names a head file, its
    /// head: every line a record, `seq` counting 1, 2, 3…, each `prev` the SHA-256 (or, for
    /// records chained with HMAC, the HMAC-SHA-256 under `key`) of the line before, and as many
    /// records as the head says, the last of them the one it names.
    ///
    /// - Throws: `AuditLogError` only when the log cannot be read (and no head says it should
    ///   exist); a broken chain, a cut log or a missing key is a result.
    public static func verify(path: String, headPath: String? = nil, key: [UInt8]? = nil) throws(AuditLogError) -> AuditVerification {
        let head = try headPath.flatMap { path throws(AuditLogError) in try AuditHead.read(path) }
        let bytes: [UInt8]
        do {
            guard let read = try BoundedFile.readIfPresent(path, kind: .auditLog)?.bytes else {
                if let head, head.records > 0 {
                    return AuditVerification(
                        records: 0, head: genesis, keyed: false, headChecked: true,
                        problem: AuditProblem(
                            line: 1, reason: "the audit log is gone, but its head says it held \(head.records) records"))
                }
                throw AuditLogError(path: path, message: "no audit log here")
            }
            bytes = read
        } catch let error as AuditLogError {
            throw error
        } catch {
            throw AuditLogError(path: path, message: "cannot read: \(error)")
        }
        var verification = verify(bytes, key: key)
        guard verification.problem == nil, !verification.needsKey, let head else { return verification }
        verification.headChecked = true
        verification.problem = check(bytes, against: head, logPath: path, key: key, verification: &verification)
        return verification
    }

    /// Whether the log (whose chain is intact) still holds what its head recorded.
    private static func check(
        _ bytes: [UInt8], against head: AuditHead, logPath: String, key: [UInt8]?, verification: inout AuditVerification
    ) -> AuditProblem? {
        if head.log != logPath {
            return AuditProblem(line: 1, reason: "the head file belongs to another log (\(head.log))")
        }
        if head.mac != nil || head.keyed {
            guard let key else {
                verification.needsKey = true
                return nil
            }
            guard head.isSigned(by: key) else {
                return AuditProblem(line: 1, reason: "the head file's HMAC does not match: it was rewritten without the audit key")
            }
        }
        if verification.records < head.records {
            let what = verification.records == 0 ? "the log was emptied" : "records were removed at the end"
            return AuditProblem(
                line: verification.records + 1,
                reason: "the log has \(verification.records) records but its head recorded \(head.records): \(what)")
        }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let recorded = head.records == 0 ? genesis : SHA256.hexDigest(lines[head.records - 1])
        if recorded != head.head {
            return AuditProblem(
                line: max(1, head.records),
                reason: "record \(head.records) is not the one the head recorded: the log was rewritten")
        }
        return nil
    }

    /// Checks the chain of a log held in memory (see ``verify(path:headPath:key:)``).
    public static func verify(_ bytes: [UInt8], key: [UInt8]? = nil) -> AuditVerification {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let complete = lines.last?.isEmpty ?? true
        if complete { lines.removeLast() }
        var previous: ArraySlice<UInt8>?
        var keyedSince: Int?
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let previousHash = previous.map { SHA256.hexDigest($0) } ?? genesis
            func broken(_ line: Int, _ reason: String) -> AuditVerification {
                AuditVerification(
                    records: index, head: previousHash, keyed: keyedSince != nil, problem: AuditProblem(line: line, reason: reason))
            }
            if index == lines.count - 1, !complete {
                return broken(number, "the last line is incomplete (no newline at the end)")
            }
            guard let object = try? JSONReader.parse(line), object.objectValue != nil else {
                return broken(number, "not a JSON audit record")
            }
            guard let seq = object["seq"]?.intValue, let prev = object["prev"]?.stringValue else {
                return broken(number, "the record has no \"seq\" or \"prev\"")
            }
            guard seq == number else {
                return broken(
                    number,
                    "record number \(seq) found at line \(number): records before it were removed, inserted or reordered")
            }
            let keyed = object["chain"]?.stringValue == "hmac-sha256"
            if keyed {
                guard let key else {
                    var result = broken(number, "")
                    result.problem = nil
                    result.records = lines.count
                    result.needsKey = true
                    return result
                }
                keyedSince = keyedSince ?? number
                let expected = previous.map { link(after: Array($0), key: key) } ?? genesis
                guard prev == expected else {
                    if number == 1 { return broken(1, "the first record does not chain to 64 zeros") }
                    return broken(
                        number - 1,
                        "line \(number)'s \"prev\" is not the HMAC-SHA-256 of line \(number - 1) under the audit key: "
                            + "line \(number - 1) was edited, or the log re-chained without the key")
                }
            } else {
                if let keyedSince {
                    return broken(
                        number,
                        "record \(number) is chained with plain SHA-256 after HMAC-keyed records (from line \(keyedSince)): "
                            + "the log was re-chained without the audit key")
                }
                guard prev == previousHash else {
                    if number == 1 { return broken(1, "the first record does not chain to 64 zeros") }
                    return broken(
                        number - 1,
                        "line \(number)'s \"prev\" is not the SHA-256 of line \(number - 1): line \(number - 1) (or that \"prev\") was edited")
                }
            }
            previous = line
        }
        return AuditVerification(
            records: lines.count, head: previous.map { SHA256.hexDigest($0) } ?? genesis, keyed: keyedSince != nil, problem: nil)
    }
}
