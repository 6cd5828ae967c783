import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-file reads with errors in inventory terms, through the one bounded reader
/// (`BoundedFile`: regular files only, a size cap per kind).
enum InventoryFileIO {
    /// The bytes of the file at `path`, read as a `kind` file.
    static func read(_ path: String, kind: BoundedFile.Kind) throws(InventoryError) -> [UInt8] {
        try readWithIdentity(path, kind: kind).bytes
    }

    /// The bytes of the file at `path` and its identity as `fstat` gave it before the first byte
    /// was read.
    static func readWithIdentity(_ path: String, kind: BoundedFile.Kind) throws(InventoryError)
        -> (bytes: [UInt8], identity: FileIdentity)
    {
        do {
            let contents = try BoundedFile.read(path, kind: kind)
            return (contents.bytes, FileIdentity(contents.status))
        } catch {
            throw InventoryError(.unreadable, path: path, message: "cannot read the file: \(error.problem)")
        }
    }

    /// Whether a file exists at `path`.
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
