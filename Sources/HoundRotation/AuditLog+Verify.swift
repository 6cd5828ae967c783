import Foundation
import HoundSupport

extension AuditLog {
    /// Checks the chain of the log at `path`: every line a record, `seq` counting 1, 2, 3…, and
    /// each `prev` the SHA-256 of the line before (64 zeros for the first).
    ///
    /// - Throws: `AuditLogError` only when the file cannot be read; a broken chain is a result.
    public static func verify(path: String) throws(AuditLogError) -> AuditVerification {
        let read: BoundedFile.Contents?
        do {
            read = try BoundedFile.readIfPresent(path, kind: .auditLog)
        } catch {
            throw AuditLogError(path: path, message: "cannot read: \(error.problem)")
        }
        guard let read else { throw AuditLogError(path: path, message: "no audit log here") }
        return verify(read.bytes)
    }

    /// Checks the chain of a log held in memory (see ``verify(path:)``).
    public static func verify(_ bytes: [UInt8]) -> AuditVerification {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let complete = lines.last?.isEmpty ?? true
        if complete { lines.removeLast() }
        var previousHash = genesis
        for (index, line) in lines.enumerated() {
            let number = index + 1
            func broken(_ line: Int, _ reason: String) -> AuditVerification {
                AuditVerification(records: index, head: previousHash, problem: AuditProblem(line: line, reason: reason))
            }
            if index == lines.count - 1, !complete {
                return broken(number, "the last line is incomplete (no newline at the end)")
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                return broken(number, "not a JSON audit record")
            }
            guard let seq = object["seq"] as? Int, let prev = object["prev"] as? String else {
                return broken(number, "the record has no \"seq\" or \"prev\"")
            }
            guard seq == number else {
                return broken(
                    number,
                    "record number \(seq) found at line \(number): records before it were removed, inserted or reordered")
            }
            guard prev == previousHash else {
                if number == 1 { return broken(1, "the first record does not chain to 64 zeros") }
                return broken(
                    number - 1,
                    "line \(number)'s \"prev\" is not the SHA-256 of line \(number - 1): line \(number - 1) (or that \"prev\") was edited")
            }
            previousHash = SHA256.hexDigest(line)
        }
        return AuditVerification(records: lines.count, head: previousHash, problem: nil)
    }
}
