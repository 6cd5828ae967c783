#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundModel
import HoundSupport

extension InventoryIndex {
    /// The index file of `inventory`, read from the file at `path` whose identity was `identity`
    /// when it was read; nil when the inventory does not fit the layout (more than 2^32 − 2
    /// strings, or a record with more than 65,535 consumers), which leaves it unindexed.
    ///
    /// Holds, per distinct fingerprint (the first record carrying it wins, as in `Inventory`),
    /// the digest and the fields a finding shows. Strings are stored once each.
    static func encode(_ inventory: Inventory, path: String, identity: FileIdentity) -> [UInt8]? {
        // Sorted by algorithm, digest, current before retired, and file order; the first of equal
        // fingerprints is kept. `version` is -1 for a key's own fingerprint, else the index of
        // the retired version.
        var all: [(algorithm: Int, digest: FingerprintDigest, version: Int, record: Int)] = []
        all.reserveCapacity(inventory.records.count)
        for (number, record) in inventory.records.enumerated() {
            if let fingerprint = record.fingerprint, let digest = FingerprintDigest(fingerprint) {
                all.append((fingerprint.algorithm == .sha256 ? 0 : 1, digest, -1, number))
            }
            for (index, version) in record.previous.enumerated() {
                guard let digest = FingerprintDigest(version.fingerprint) else { continue }
                all.append((version.fingerprint.algorithm == .sha256 ? 0 : 1, digest, index, number))
            }
        }
        all.sort {
            ($0.algorithm, $0.digest, $0.version < 0 ? 0 : 1, $0.record) < ($1.algorithm, $1.digest, $1.version < 0 ? 0 : 1, $1.record)
        }
        var entries: [(algorithm: Int, digest: FingerprintDigest, version: Int, record: Int)] = []
        entries.reserveCapacity(all.count)
        for entry in all
        where entries.last.map({ $0.algorithm != entry.algorithm || $0.digest != entry.digest }) ?? true {
            entries.append(entry)
        }
        let sha256Count = entries.prefix { $0.algorithm == 0 }.count

        var strings = StringTable()
        var formattedDates: [Date: UInt32] = [:]
        var metadata: [UInt8] = []
        metadata.reserveCapacity(entries.count * IndexLayout.metadataSize)
        var consumers: [UInt32] = []
        for entry in entries {
            // The fields of `KeyRecord.reference`, which the round-trip tests compare against.
            let record = inventory.records[entry.record]
            guard record.consumers.count <= Int(UInt16.max), let first = UInt32(exactly: consumers.count) else {
                return nil
            }
            for consumer in record.consumers { consumers.append(strings.number(consumer)) }
            var lastRotated = IndexLayout.none
            if let date = record.lastRotated {
                if let known = formattedDates[date] {
                    lastRotated = known
                } else {
                    lastRotated = strings.number(ISODate.format(date))
                    formattedDates[date] = lastRotated
                }
            }
            metadata.appendLittleEndian(strings.number(record.name))
            metadata.appendLittleEndian(record.owner.map { strings.number($0) } ?? IndexLayout.none)
            metadata.appendLittleEndian(lastRotated)
            metadata.appendLittleEndian(record.environment.map { strings.number($0) } ?? IndexLayout.none)
            metadata.appendLittleEndian(first)
            metadata.appendLittleEndian(UInt16(record.consumers.count))
            metadata.append(IndexLayout.code(record.status))
            metadata.append(IndexLayout.code(record.onLeak))
            var retired = IndexLayout.none
            if entry.version >= 0 {
                retired = record.previous[entry.version].revokedAt.map { strings.number(ISODate.formatDay($0)) } ?? IndexLayout.stillValid
            }
            metadata.appendLittleEndian(retired)
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
        out.appendLittleEndian(UInt32(sha256Count))
        out.appendLittleEndian(UInt32(entries.count - sha256Count))
        out.appendLittleEndian(UInt32(strings.count))
        out.appendLittleEndian(consumerCount)
        out.appendLittleEndian(UInt32(pathBytes.count))
        out += pathBytes
        for entry in entries { entry.digest.append(to: &out) }
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
        let number = appendUnique(text)
        numbers[text] = number
        return number
    }

    /// Stores `text`, known to be stored nowhere else (a key's name), and returns its number.
    mutating func appendUnique(_ text: String) -> UInt32 {
        let number = UInt32(truncatingIfNeeded: count)
        bytes += text.utf8
        offsets.append(UInt32(truncatingIfNeeded: bytes.count))
        return number
    }
}

extension [UInt8] {
    /// Appends `value` in little-endian byte order.
    fileprivate mutating func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
