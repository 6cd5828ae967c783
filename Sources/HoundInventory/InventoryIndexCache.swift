import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where fingerprint indexes (`InventoryIndex`) of inventory files are kept between runs, so a
/// scan reads a few megabytes of sorted digests instead of parsing and checking a large
/// inventory every time.
///
/// A scan asks for `lookup(inventoryAt:)`. When the cache holds an index whose recorded
/// identity (device, inode, size, modification and change times, see `FileIdentity`) is that of
/// the file now, the index answers. Otherwise the file is read and checked in full, exactly as
/// `Inventory.load` does (same errors), and a new index is written atomically for next time.
/// Anything wrong with the cache (directory missing or not writable, an index damaged,
/// truncated, of another version or of another file) means a full load: never a wrong answer,
/// never an error of its own.
///
/// The cache directory must belong to the current user and not be writable by others (it is
/// created with mode 0700); index files are written 0600 and read only when they belong to the
/// current user. An index holds fingerprints and key metadata, never a secret.
public struct InventoryIndexCache: Sendable {
    /// The folder holding the index files.
    public let directory: String
    /// Inventories smaller than this many bytes are always read in full: parsing them costs
    /// about as much as reading an index, and no file is written for them.
    public let minimumInventorySize: Int64

    /// The smallest inventory indexed by default: 32 KiB, about 150 keys.
    public static let defaultMinimumInventorySize: Int64 = 32 * 1024

    /// The variable naming the cache folder; set but empty turns the cache off.
    public static let directoryVariable = "KEYHOUND_CACHE_DIR"

    /// A cache in `directory`.
    public init(directory: String, minimumInventorySize: Int64 = InventoryIndexCache.defaultMinimumInventorySize) {
        self.directory = directory
        self.minimumInventorySize = minimumInventorySize
    }

    /// The cache folder `environment` asks for: `$KEYHOUND_CACHE_DIR` (empty: no cache), else
    /// `$XDG_CACHE_HOME/keyhound`, else `$HOME/.cache/keyhound`; nil when there is none. A
    /// relative `KEYHOUND_CACHE_DIR` is taken from `workingDirectory`.
    public static func directory(environment: [String: String], workingDirectory: String) -> String? {
        if let explicit = environment[directoryVariable] {
            guard !explicit.isEmpty else { return nil }
            return explicit.hasPrefix("/") ? explicit : workingDirectory + "/" + explicit
        }
        // The XDG specification ignores relative values.
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/keyhound" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/keyhound" }
        return nil
    }

    /// The index file for the inventory at the absolute path `inventoryPath`: named by the
    /// SHA-256 of the path and the index format version.
    public func indexPath(forInventoryAt inventoryPath: String) -> String {
        let name = SHA256.hexDigest(Array("\(inventoryPath)\u{0}index-v\(IndexLayout.version)".utf8))
        return directory + "/inventory-" + name.prefix(32) + ".idx"
    }

    /// What a scan needs from the inventory at `path`: its current index when the cache holds
    /// one, else the inventory read and checked in full (and indexed for next time, unless some
    /// of its records are invalid: those are skipped and kept in `problems`).
    ///
    /// - Throws: `InventoryError`, exactly as `Inventory.load(lenient: true)` would, when the
    ///   file is read in full and is missing, unreadable, or not TOML/JSON at all.
    public func lookup(inventoryAt path: String, fingerprintKey: [UInt8]? = nil) throws(InventoryError) -> any KeyLookup
    {
        let absolute = Self.absolute(path)
        if let identity = FileIdentity.of(path: absolute), identity.size >= minimumInventorySize,
            let index = try? cachedIndex(forInventoryAt: absolute, identity: identity, fingerprintKey: fingerprintKey)
        {
            return index
        }
        let readStart = FileTime.now()
        let (bytes, identity) = try InventoryFileIO.readWithIdentity(path, kind: .inventory)
        let inventory = try Inventory.parse(bytes, path: path, fingerprintKey: fingerprintKey, lenient: true)
        // An inventory with invalid records is not indexed: every scan reads it and reports them.
        if inventory.problems.isEmpty, identity.size >= minimumInventorySize, !identity.isRacy(readStart: readStart) {
            store(inventory, identity: identity, inventoryPath: absolute)
        }
        return inventory
    }

    /// The cached index of the inventory at `inventoryPath` if it is that file's current
    /// index.
    ///
    /// - Throws: `InventoryIndex.Problem` saying why it is not (`.stale` also for no index).
    func cachedIndex(
        forInventoryAt inventoryPath: String, identity: FileIdentity, fingerprintKey: [UInt8]?
    ) throws(InventoryIndex.Problem) -> InventoryIndex {
        guard let bytes = Self.readOwnFile(indexPath(forInventoryAt: inventoryPath)) else { throw .stale }
        let index = try InventoryIndex(decoding: bytes, expectedPath: inventoryPath, fingerprintKey: fingerprintKey)
        guard index.identity == identity else { throw .stale }
        return index
    }

    /// Writes the index of `inventory`; silently gives up when the folder cannot be made safe or
    /// written (the next run will simply read the inventory in full again).
    @discardableResult
    func store(_ inventory: Inventory, identity: FileIdentity, inventoryPath: String) -> Bool {
        guard Self.prepareDirectory(directory),
            let bytes = InventoryIndex.encode(inventory, path: inventoryPath, identity: identity)
        else { return false }
        do {
            try AtomicFile.write(bytes, to: indexPath(forInventoryAt: inventoryPath), permissions: 0o600)
            return true
        } catch {
            return false
        }
    }

    /// `path` made absolute against the current directory, for naming its index.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + path
    }

    /// Creates `directory` (and missing parents, mode 0700 as XDG asks for its cache home) and
    /// checks that it belongs to the current user and that nobody else can write to it, so
    /// nobody else can plant a file or a symbolic link where an index is written.
    static func prepareDirectory(_ directory: String) -> Bool {
        var info = stat()
        guard makeDirectory(directory), stat(directory, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFDIR && info.st_uid == geteuid() && info.st_mode & 0o022 == 0
    }

    /// Creates `directory` and its missing parents; whether it is a folder afterwards.
    private static func makeDirectory(_ directory: String) -> Bool {
        var info = stat()
        if stat(directory, &info) == 0 { return info.st_mode & S_IFMT == S_IFDIR }
        guard errno == ENOENT else { return false }
        if let slash = directory.lastIndex(of: "/"), slash != directory.startIndex {
            _ = makeDirectory(String(directory[..<slash]))
        }
        return mkdir(directory, 0o700) == 0 || errno == EEXIST
    }

    /// The bytes of the regular file at `path` if it belongs to the current user and nobody
    /// else can write to it; nil otherwise. Never follows a symbolic link and never blocks on a
    /// FIFO.
    static func readOwnFile(_ path: String) -> [UInt8]? {
        guard let contents = try? BoundedFile.read(path, kind: .inventoryIndex, followsLinks: false),
            contents.status.st_uid == geteuid(), contents.status.st_mode & 0o022 == 0
        else { return nil }
        return contents.bytes
    }
}
