import HoundModel

extension InventoryIndex {
    /// The index file of `inventory`, read from the file at `path` whose identity was `identity`
    /// when it was read; nil when the inventory does not fit the layout (more than 2^32 − 2
    /// strings, or a record with more than 65,535 consumers), which leaves it unindexed.
    ///
    /// Holds, per distinct fingerprint (the first record carrying it wins, as in `Inventory`),
    /// the digest and the fields a finding shows. Strings are stored once each.
    static func encode(_ inventory: Inventory, path: String, identity: FileIdentity) -> [UInt8]? {
        var sha256: [(digest: FingerprintDigest, record: Int)] = []
        var hmac: [(digest: FingerprintDigest, record: Int)] = []
        var seen: Set<FingerprintDigest> = []
        var seenKeyed: Set<FingerprintDigest> = []
        for (number, record) in inventory.records.enumerated() {
            guard let fingerprint = record.fingerprint, let digest = FingerprintDigest(fingerprint) else { continue }
            switch fingerprint.algorithm {
            case .sha256: if seen.insert(digest).inserted { sha256.append((digest, number)) }
            case .hmacSHA256: if seenKeyed.insert(digest).inserted { hmac.append((digest, number)) }
            }
        }
        sha256.sort { $0.digest < $1.digest }
        hmac.sort { $0.digest < $1.digest }
        let entries = sha256 + hmac

        var strings = StringTable()
        var metadata: [UInt8] = []
        metadata.reserveCapacity(entries.count * IndexLayout.metadataSize)
        var consumers: [UInt32] = []
        for entry in entries {
            let record = inventory.records[entry.record]
            let reference = record.reference
            guard reference.consumers.count <= Int(UInt16.max), let first = UInt32(exactly: consumers.count) else {
                return nil
            }
            for consumer in reference.consumers { consumers.append(strings.number(consumer)) }
            metadata.appendLittleEndian(strings.number(reference.name))
            metadata.appendLittleEndian(reference.owner.map { strings.number($0) } ?? IndexLayout.none)
            metadata.appendLittleEndian(reference.lastRotated.map { strings.number($0) } ?? IndexLayout.none)
            metadata.appendLittleEndian(reference.environment.map { strings.number($0) } ?? IndexLayout.none)
            metadata.appendLittleEndian(first)
            metadata.appendLittleEndian(UInt16(reference.consumers.count))
            metadata.append(IndexLayout.code(record.status))
            metadata.append(IndexLayout.code(record.onLeak))
        }
        guard strings.count < Int(IndexLayout.none), strings.bytes.count <= Int(UInt32.max),
            let consumerCount = UInt32(exactly: consumers.count),
            let recordCount = UInt32(exactly: inventory.records.count)
        else { return nil }

        let pathBytes = Array(path.utf8)
        var out: [UInt8] = []
        let payloadSize =
            entries.count * IndexLayout.entrySize + metadata.count + consumers.count * 4 + (strings.count + 1) * 4
            + strings.bytes.count
        out.reserveCapacity(IndexLayout.fixedHeaderSize + pathBytes.count + payloadSize)
        out += IndexLayout.magic
        out.appendLittleEndian(UInt64(0))  // the checksum, filled in last
        out.appendLittleEndian(IndexLayout.version)
        out.appendLittleEndian(UInt32(IndexLayout.fixedHeaderSize + pathBytes.count))
        out.appendLittleEndian(identity.device)
        out.appendLittleEndian(identity.inode)
        out.appendLittleEndian(identity.size)
        out.appendLittleEndian(identity.modified.seconds)
        out.appendLittleEndian(identity.modified.nanoseconds)
        out.appendLittleEndian(identity.changed.seconds)
        out.appendLittleEndian(identity.changed.nanoseconds)
        out.appendLittleEndian(UInt64(payloadSize))
        out.appendLittleEndian(recordCount)
        out.appendLittleEndian(UInt32(sha256.count))
        out.appendLittleEndian(UInt32(hmac.count))
        out.appendLittleEndian(UInt32(strings.count))
        out.appendLittleEndian(consumerCount)
        out.appendLittleEndian(UInt32(pathBytes.count))
        out += pathBytes
        for entry in entries { out += entry.digest.bytes }
        out += metadata
        for consumer in consumers { out.appendLittleEndian(consumer) }
        for offset in strings.offsets { out.appendLittleEndian(offset) }
        out += strings.bytes
        let checksum = out.withUnsafeBytes {
            IndexChecksum.of(UnsafeRawBufferPointer(rebasing: $0[IndexLayout.checksummedFrom...]))
        }
        withUnsafeBytes(of: checksum.littleEndian) { bytes in
            out.replaceSubrange(IndexLayout.checksumOffset..<(IndexLayout.checksumOffset + 8), with: bytes)
        }
        return out
    }
}

/// The strings of an index, each stored once and known by its number.
private struct StringTable {
    /// Number of each string stored so far.
    private var numbers: [String: UInt32] = [:]
    /// The UTF-8 bytes of every string, one after the other.
    private(set) var bytes: [UInt8] = []
    /// Where each string starts in `bytes`, plus the end of the last one.
    private(set) var offsets: [UInt32] = [0]

    /// The number of strings.
    var count: Int { offsets.count - 1 }

    /// The number of `text`, stored now if it is new.
    mutating func number(_ text: String) -> UInt32 {
        if let known = numbers[text] { return known }
        let number = UInt32(truncatingIfNeeded: count)
        bytes += text.utf8
        offsets.append(UInt32(truncatingIfNeeded: bytes.count))
        numbers[text] = number
        return number
    }
}

extension [UInt8] {
    /// Appends `value` in little-endian byte order.
    fileprivate mutating func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
