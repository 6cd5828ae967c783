/// The byte layout of a fingerprint index file (see `InventoryIndex`). All integers are
/// little-endian; digests are stored as their 32 bytes.
///
/// ```
/// header  0  magic "KHINVIDX"              8
///         8  XXH64 of every byte from 16   u64
///        16  format version                u32
///        20  header size (112 + path)      u32
///        24  inventory identity: device, inode, size, mtime s, mtime ns, ctime s, ctime ns
///        80  payload size                  u64
///        88  records in the inventory      u32
///        92  sha256 entries, hmac entries, strings, consumer references, path size (u32 each)
///       112  the inventory's absolute path (UTF-8)
/// payload    entries: digest (32 bytes) per fingerprint; sha256 ones sorted, then hmac ones sorted
///            metadata: 28 bytes per entry, same order: name, owner, last_rotated, environment
///              (string numbers, 0xFFFFFFFF for none), first consumer reference (u32),
///              consumer count (u16), status (u8), on_leak (u8), retired (u32: 0xFFFFFFFF the
///              key itself, 0xFFFFFFFE a retired version not revoked yet, else the string
///              number of the day a retired version was revoked)
///            consumer references: string numbers (u32)
///            string offsets: strings + 1 (u32), from 0 to the size of the string bytes
///            string bytes (UTF-8)
/// ```
enum IndexLayout {
    /// The first eight bytes of every index.
    static let magic: [UInt8] = Array("KHINVIDX".utf8)
    /// Bumped whenever the layout or the meaning of a field changes; an index of another version
    /// is ignored (and rewritten).
    static let version: UInt32 = 2
    /// The header before the path.
    static let fixedHeaderSize = 112
    /// Where the checksum is stored, and where the bytes it covers start.
    static let checksumOffset = 8
    static let checksummedFrom = 16
    /// Bytes per digest entry and per metadata entry.
    static let entrySize = 32
    static let metadataSize = 28
    /// The string number meaning "no value".
    static let none = UInt32.max
    /// The `retired` value of a retired version that is not revoked yet.
    static let stillValid = UInt32.max - 1

    /// Field offsets in the header.
    enum Header {
        static let version = 16
        static let headerSize = 20
        static let identity = 24
        static let payloadSize = 80
        static let recordCount = 88
        static let sha256Count = 92
        static let hmacCount = 96
        static let stringCount = 100
        static let consumerCount = 104
        static let pathSize = 108
    }

    /// Field offsets in a metadata entry.
    enum Metadata {
        static let name = 0
        static let owner = 4
        static let lastRotated = 8
        static let environment = 12
        static let firstConsumer = 16
        static let consumerCount = 20
        static let status = 22
        static let onLeak = 23
        static let retired = 24
    }

    /// The stored code of a status.
    static func code(_ status: KeyStatus) -> UInt8 {
        switch status {
        case .active: 0
        case .retired: 1
        case .revoked: 2
        }
    }

    /// The status of a stored code.
    static func status(_ code: UInt8) -> KeyStatus? {
        switch code {
        case 0: .active
        case 1: .retired
        case 2: .revoked
        default: nil
        }
    }

    /// The stored code of a leak policy.
    static func code(_ policy: LeakPolicy) -> UInt8 {
        switch policy {
        case .report: 0
        case .rotate: 1
        case .emergency: 2
        }
    }

    /// The leak policy of a stored code.
    static func policy(_ code: UInt8) -> LeakPolicy? {
        switch code {
        case 0: .report
        case 1: .rotate
        case 2: .emergency
        default: nil
        }
    }
}
