import HoundJSON
import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The append-only audit log of rotations: one JSON line per step, hash-chained, its head kept
/// apart.
///
/// Each record carries `seq` (its 1-based line number) and `prev`: the SHA-256 (hex) of the
/// previous line's bytes, or, with an audit key (`KEYHOUND_AUDIT_KEY`), its HMAC-SHA-256 under
/// that key (the record then says `"chain":"hmac-sha256"`); the first record's `prev` is 64 zeros.
/// Editing a record breaks the `prev` of the next one; removing, inserting or reordering records
/// breaks `seq`; re-chaining the whole log needs the key when there is one. What a chain alone
/// cannot show is the removal of the *last* records, or of all of them: every append also writes
/// the log's head (``AuditHead``: record count and last hash, signed with the key) to a separate
/// file, which ``verify(path:headPath:key:)`` checks, and which `keyhound audit head` exports.
///
/// Appends take a `FileLock` on the log, write the whole line with one `write(2)` on an
/// `O_APPEND` descriptor, `fsync`, then replace the head file atomically. A line left incomplete
/// by a crash mid-append (no final newline) is cut off by the next append, under the lock,
/// before it writes: that record was never complete. When the log no longer matches its head
/// (records removed at the end), appends go on but the head is left as it was: the evidence
/// stays for `audit verify`.
public struct AuditLog: Sendable {
    /// The log file (`.keyhound/rotation-audit.jsonl` beside the inventory by default).
    public let path: String
    /// The head file (`audit.head` in the state folder); nil: none is kept.
    public let headPath: String?
    /// The audit key: records are chained with HMAC-SHA-256 under it; nil: SHA-256.
    let key: [UInt8]?
    /// How long an append waits for another process's append.
    public var lockTimeout: Duration

    /// The `prev` of the first record: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The log at `path` (created by the first append), its head at `headPath`, chained with
    /// HMAC-SHA-256 under `key` when given.
    public init(path: String, headPath: String? = nil, key: [UInt8]? = nil, lockTimeout: Duration = .seconds(10)) {
        self.path = path
        self.headPath = headPath
        self.key = key
        self.lockTimeout = lockTimeout
    }

    /// The `prev` of the record after `line`: its SHA-256, or its HMAC-SHA-256 under `key`.
    static func link(after line: [UInt8], key: [UInt8]?) -> String {
        guard let key else { return SHA256.hexDigest(line) }
        return Hex.encode(HMACSHA256.authenticationCode(key: key, message: line))
    }

    /// Appends `record`, chained to the last line, flushes it to disk and updates the head.
    ///
    /// - Throws: `AuditLogError` when the log cannot be locked, read or written, or its last
    ///   line is not a record (the chain cannot be continued; run `keyhound audit verify`).
    public func append(_ record: AuditRecord) throws(AuditLogError) {
        let folder = Folder.parent(of: path)
        if access(folder, F_OK) != 0 {
            do { try Folder.create(folder) } catch { throw AuditLogError(path: path, message: error.description) }
        }
        let lock: FileLock
        do {
            lock = try FileLock(for: path, timeout: lockTimeout)
        } catch {
            throw AuditLogError(path: path, message: error.description)
        }
        let failure: AuditLogError?
        do {
            try appendLocked(record)
            failure = nil
        } catch {
            failure = error
        }
        lock.release()
        if let failure { throw failure }
    }

    /// The append itself, with the lock held.
    private func appendLocked(_ record: AuditRecord) throws(AuditLogError) {
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system("open", path) }
        defer { close(fd) }
        let last = try lastLine(fd)
        var seq = 1
        var prev = Self.genesis
        if let last {
            guard let lastSeq = Self.sequenceNumber(of: last) else {
                throw AuditLogError(
                    path: path, message: "the last line is not an audit record, so the chain cannot continue; run `keyhound audit verify`")
            }
            seq = lastSeq + 1
            prev = Self.link(after: last, key: key)
        }
        // The head as it stands must describe this log before it is moved on.
        let previousHead = headPath.flatMap { try? AuditHead.read($0) }
        let headMatches = previousHead.map { head in
            seq - 1 > head.records || (seq - 1 == head.records && (last.map(SHA256.hexDigest) ?? Self.genesis) == head.head)
        } ?? true
        let text = record.line(seq: seq, prev: prev, keyed: key != nil)
        let line = Array((text + "\n").utf8)
        let complete = line.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        guard complete else { throw .system("append to", path) }
        guard fsync(fd) == 0 else { throw .system("flush", path) }
        if let headPath, headMatches {
            let head = AuditHead(log: path, records: seq, head: SHA256.hexDigest(Array(text.utf8)), keyed: key != nil)
            do {
                try Folder.create(Folder.parent(of: headPath))
                try AtomicFile.write(head.signed(with: key).json(), to: headPath, permissions: 0o600)
            } catch {
                throw AuditLogError(path: headPath, message: "could not update the audit head: \(error)")
            }
        }
    }

    /// The last complete line of the open log (without its newline), nil for an empty log;
    /// an incomplete final line is truncated away first.
    private func lastLine(_ fd: Int32) throws(AuditLogError) -> [UInt8]? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system("inspect", path) }
        var size = Int(info.st_size)
        guard size > 0 else { return nil }
        var tail: [UInt8] = []
        var chunk = 4096
        while true {
            let start = max(0, size - chunk)
            tail = try readRange(fd, from: start, count: size - start)
            if tail.last != UInt8(ascii: "\n") {
                // A crash cut the last append short: drop the partial line.
                let cut = tail.lastIndex(of: UInt8(ascii: "\n")).map { start + $0 + 1 } ?? (start == 0 ? 0 : -1)
                if cut >= 0 {
                    guard ftruncate(fd, off_t(cut)) == 0 else { throw .system("truncate the incomplete last line of", path) }
                    size = cut
                    if size == 0 { return nil }
                    continue
                }
            } else {
                let body = tail.dropLast()
                if let newline = body.lastIndex(of: UInt8(ascii: "\n")) { return Array(body[(newline + 1)...]) }
                if start == 0 { return Array(body) }
            }
            chunk *= 4
        }
    }

    private func readRange(_ fd: Int32, from start: Int, count: Int) throws(AuditLogError) -> [UInt8] {
        guard let bytes = PosixIO.read(fd, count: count, at: start) else { throw .system("read", path) }
        return bytes
    }

    /// The `seq` member of a record line, nil when the line is not a record.
    static func sequenceNumber(of line: [UInt8]) -> Int? {
        (try? JSONReader.parse(line))?["seq"]?.intValue
    }
}

/// Why the audit log could not be appended to or read.
public struct AuditLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The log file.
    public var path: String
    /// What went wrong.
    public var message: String

    /// An error from its parts.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The error for the current `errno`.
    static func system(_ operation: String, _ path: String) -> AuditLogError {
        AuditLogError(path: path, message: "could not \(operation) the audit log: \(SubprocessError.message(errno))")
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
