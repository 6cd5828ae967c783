import HoundModel

/// The compact, binary form of an inventory that a scan reads instead of the inventory file
/// itself: each fingerprint with exactly what a finding shows about its key (name, owner,
/// consumers, status, last rotation, `on_leak`, environment). Never a secret.
///
/// Written by `InventoryIndexCache` after the inventory file was read and checked in full, and
/// tied to that file's identity (`FileIdentity`): device, inode, size, modification and change
/// times. Reading one is a single `read` and a pass over its bytes (checksum and bounds); no
/// string is made until a finding matches. Lookups are binary searches over sorted digests.
/// See `IndexLayout` for the bytes.
public struct InventoryIndex: KeyLookup {
    /// Why an index file was not used. The cache treats every case alike (a full load), but tests
    /// and debugging want to know which.
    enum Problem: Error, Equatable {
        /// Shorter than its header, or of another size than its header says.
        case truncated
        /// Not an index (wrong magic bytes).
        case notAnIndex
        /// Written by another version of keyhound.
        case otherVersion(UInt32)
        /// The checksum does not match the bytes.
        case damaged
        /// The structure is inconsistent (an offset out of bounds, digests out of order...).
        case inconsistent(String)
        /// The index is of another file, or of another state of this one.
        case stale
    }

    /// The inventory file the index was made from (absolute).
    public let path: String
    /// The number of records in that file, with or without a fingerprint.
    public let recordCount: Int
    /// The organisation key for `hmac-sha256:` fingerprints, when configured.
    public let fingerprintKey: [UInt8]?
    /// The identity of the inventory file when the index was made.
    let identity: FileIdentity
    /// The whole index file.
    private let storage: [UInt8]
    private let sha256Count: Int
    private let hmacCount: Int
    private let stringCount: Int
    private let metadataStart: Int
    private let consumersStart: Int
    private let offsetsStart: Int
    private let stringsStart: Int
    private let entriesStart: Int

    /// Reads and checks an index file's bytes.
    ///
    /// - Parameter expectedPath: When given, the index must have been made from this file.
    /// - Throws: `Problem` when the bytes are not a complete, consistent index of this version.
    init(decoding bytes: [UInt8], expectedPath: String? = nil, fingerprintKey: [UInt8]? = nil) throws(Problem) {
        storage = bytes
        self.fingerprintKey = fingerprintKey
        let header = try bytes.withUnsafeBytes { raw in Result { () throws(Problem) in try Self.header(raw) } }.get()
        path = header.path
        if let expectedPath, expectedPath != path { throw .stale }
        identity = header.identity
        recordCount = header.recordCount
        sha256Count = header.sha256Count
        hmacCount = header.hmacCount
        stringCount = header.stringCount
        entriesStart = header.size
        metadataStart = entriesStart + (sha256Count + hmacCount) * IndexLayout.entrySize
        consumersStart = metadataStart + (sha256Count + hmacCount) * IndexLayout.metadataSize
        offsetsStart = consumersStart + header.consumerCount * 4
        stringsStart = offsetsStart + (stringCount + 1) * 4
        let consumerCount = header.consumerCount
        try bytes.withUnsafeBytes { raw in
            Result { () throws(Problem) in try checkStructure(raw, consumerCount: consumerCount) }
        }.get()
    }

    /// Whether any record has a fingerprint computed with `algorithm`.
    public func holdsFingerprints(of algorithm: Fingerprint.Algorithm) -> Bool {
        switch algorithm {
        case .sha256: sha256Count > 0
        case .hmacSHA256: hmacCount > 0
        }
    }

    /// The key whose record carries exactly `fingerprint`: a binary search, then the metadata of
    /// that one entry decoded.
    public func knownKey(for fingerprint: Fingerprint) -> KnownKey? {
        guard let digest = FingerprintDigest(fingerprint) else { return nil }
        let range =
            switch fingerprint.algorithm {
            case .sha256: 0..<sha256Count
            case .hmacSHA256: sha256Count..<(sha256Count + hmacCount)
            }
        return storage.withUnsafeBytes { raw -> KnownKey? in
            var low = range.lowerBound
            var high = range.upperBound
            while low < high {
                let middle = low + (high - low) / 2
                let candidate = FingerprintDigest(in: raw, at: entriesStart + middle * IndexLayout.entrySize)
                if candidate == digest { return knownKey(at: middle, in: raw) }
                if candidate < digest { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    /// The key described by metadata entry `entry` (bounds were checked on load).
    private func knownKey(at entry: Int, in raw: UnsafeRawBufferPointer) -> KnownKey? {
        let base = metadataStart + entry * IndexLayout.metadataSize
        let field = { (offset: Int) in Self.u32(raw, base + offset) }
        guard let status = IndexLayout.status(raw[base + IndexLayout.Metadata.status]),
            let onLeak = IndexLayout.policy(raw[base + IndexLayout.Metadata.onLeak])
        else { return nil }
        let first = Int(field(IndexLayout.Metadata.firstConsumer))
        let count = Int(Self.u16(raw, base + IndexLayout.Metadata.consumerCount))
        let consumers = (first..<(first + count)).map { string(Self.u32(raw, consumersStart + $0 * 4), in: raw) ?? "" }
        let reference = KeyReference(
            name: string(field(IndexLayout.Metadata.name), in: raw) ?? "",
            owner: string(field(IndexLayout.Metadata.owner), in: raw),
            consumers: consumers, status: status.rawValue,
            lastRotated: string(field(IndexLayout.Metadata.lastRotated), in: raw),
            onLeak: onLeak.rawValue, environment: string(field(IndexLayout.Metadata.environment), in: raw))
        let retired: RetiredVersion? =
            switch field(IndexLayout.Metadata.retired) {
            case IndexLayout.none: nil
            case IndexLayout.stillValid: .stillValid
            case let day: .revoked(on: string(day, in: raw) ?? "")
            }
        return KnownKey(reference: reference, status: status, retired: retired)
    }

    /// String number `number`, nil for `IndexLayout.none`.
    private func string(_ number: UInt32, in raw: UnsafeRawBufferPointer) -> String? {
        guard number != IndexLayout.none else { return nil }
        let start = Int(Self.u32(raw, offsetsStart + Int(number) * 4))
        let end = Int(Self.u32(raw, offsetsStart + Int(number) * 4 + 4))
        return String(
            decoding: UnsafeRawBufferPointer(rebasing: raw[(stringsStart + start)..<(stringsStart + end)]),
            as: UTF8.self)
    }
}

extension InventoryIndex {
    /// What the header says.
    private struct Header {
        var size: Int
        var path: String
        var identity: FileIdentity
        var recordCount: Int
        var sha256Count: Int
        var hmacCount: Int
        var stringCount: Int
        var consumerCount: Int
    }

    /// Checks the magic, version, sizes and checksum, and reads the header.
    private static func header(_ raw: UnsafeRawBufferPointer) throws(Problem) -> Header {
        guard raw.count >= IndexLayout.fixedHeaderSize else { throw .truncated }
        guard raw.prefix(IndexLayout.magic.count).elementsEqual(IndexLayout.magic) else { throw .notAnIndex }
        let version = u32(raw, IndexLayout.Header.version)
        guard version == IndexLayout.version else { throw .otherVersion(version) }
        let pathSize = Int(u32(raw, IndexLayout.Header.pathSize))
        let size = Int(u32(raw, IndexLayout.Header.headerSize))
        guard size == IndexLayout.fixedHeaderSize + pathSize, size <= raw.count else { throw .truncated }
        let payloadSize = u64(raw, IndexLayout.Header.payloadSize)
        guard payloadSize == UInt64(raw.count - size) else { throw .truncated }
        let stored = u64(raw, IndexLayout.checksumOffset)
        guard stored == IndexChecksum.of(UnsafeRawBufferPointer(rebasing: raw[IndexLayout.checksummedFrom...])) else {
            throw .damaged
        }
        let identity = IndexLayout.Header.identity
        let header = Header(
            size: size,
            path: String(
                decoding: UnsafeRawBufferPointer(rebasing: raw[IndexLayout.fixedHeaderSize..<size]), as: UTF8.self),
            identity: FileIdentity(
                device: u64(raw, identity), inode: u64(raw, identity + 8),
                size: Int64(bitPattern: u64(raw, identity + 16)),
                modified: FileTime(
                    seconds: Int64(bitPattern: u64(raw, identity + 24)),
                    nanoseconds: Int64(bitPattern: u64(raw, identity + 32))),
                changed: FileTime(
                    seconds: Int64(bitPattern: u64(raw, identity + 40)),
                    nanoseconds: Int64(bitPattern: u64(raw, identity + 48)))),
            recordCount: Int(u32(raw, IndexLayout.Header.recordCount)),
            sha256Count: Int(u32(raw, IndexLayout.Header.sha256Count)),
            hmacCount: Int(u32(raw, IndexLayout.Header.hmacCount)),
            stringCount: Int(u32(raw, IndexLayout.Header.stringCount)),
            consumerCount: Int(u32(raw, IndexLayout.Header.consumerCount)))
        // Counts are at most 2^32 each, so these sums cannot overflow an Int.
        let entries = header.sha256Count + header.hmacCount
        let expected =
            entries * (IndexLayout.entrySize + IndexLayout.metadataSize) + header.consumerCount * 4
            + (header.stringCount + 1) * 4
        guard expected <= raw.count - size else { throw .inconsistent("sections larger than the payload") }
        return header
    }

    /// Checks every offset and number the lookups will follow, so that no byte pattern, however
    /// damaged, can make a lookup read out of bounds or a binary search go wrong.
    private func checkStructure(_ raw: UnsafeRawBufferPointer, consumerCount: Int) throws(Problem) {
        // String offsets: from 0, never decreasing, ending exactly at the end of the file.
        var previous: UInt32 = 0
        for number in 0...stringCount {
            let offset = Self.u32(raw, offsetsStart + number * 4)
            guard (number == 0 && offset == 0) || (number > 0 && offset >= previous) else {
                throw .inconsistent("string offsets out of order")
            }
            previous = offset
        }
        guard stringsStart + Int(previous) == raw.count else { throw .inconsistent("string bytes of the wrong size") }
        // Digests strictly increasing within each algorithm (so each appears once).
        for section in [0..<sha256Count, sha256Count..<(sha256Count + hmacCount)] where section.count > 1 {
            var last = FingerprintDigest(in: raw, at: entriesStart + section.lowerBound * IndexLayout.entrySize)
            for entry in section.dropFirst() {
                let digest = FingerprintDigest(in: raw, at: entriesStart + entry * IndexLayout.entrySize)
                guard last < digest else { throw .inconsistent("digests out of order") }
                last = digest
            }
        }
        let strings = UInt32(stringCount)
        for entry in 0..<(sha256Count + hmacCount) {
            let base = metadataStart + entry * IndexLayout.metadataSize
            guard Self.u32(raw, base + IndexLayout.Metadata.name) < strings else {
                throw .inconsistent("a name out of bounds")
            }
            let owner = Self.u32(raw, base + IndexLayout.Metadata.owner)
            let lastRotated = Self.u32(raw, base + IndexLayout.Metadata.lastRotated)
            let environment = Self.u32(raw, base + IndexLayout.Metadata.environment)
            // `none` is UInt32.max, so adding one wraps it to 0, below any count.
            guard owner &+ 1 <= strings, lastRotated &+ 1 <= strings, environment &+ 1 <= strings else {
                throw .inconsistent("a string out of bounds")
            }
            let retired = Self.u32(raw, base + IndexLayout.Metadata.retired)
            guard retired >= IndexLayout.stillValid || retired < strings else {
                throw .inconsistent("a retired version's date out of bounds")
            }
            let first = Int(Self.u32(raw, base + IndexLayout.Metadata.firstConsumer))
            let count = Int(Self.u16(raw, base + IndexLayout.Metadata.consumerCount))
            guard first + count <= consumerCount else { throw .inconsistent("consumers out of bounds") }
            guard IndexLayout.status(raw[base + IndexLayout.Metadata.status]) != nil,
                IndexLayout.policy(raw[base + IndexLayout.Metadata.onLeak]) != nil
            else { throw .inconsistent("an unknown status or on_leak code") }
        }
        for reference in 0..<consumerCount where Self.u32(raw, consumersStart + reference * 4) >= strings {
            throw .inconsistent("a consumer out of bounds")
        }
    }

    static func u16(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
        UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    static func u32(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    static func u64(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
