/// A unit of scanning: bytes plus where they came from.
///
/// For whole files `lineNumbers` is nil and line N of the bytes is line N of the file. For diff
/// fragments the bytes are the added lines only, joined by `\n`, and `lineNumbers[i]` is the line
/// number, in the new file, of the fragment's line `i + 1`.
public struct Fragment: Sendable {
    /// Display path, relative to the scan root where there is one (`-` for stdin).
    public var path: String
    /// The content.
    public var bytes: [UInt8]
    /// Where the bytes came from.
    public var provenance: Provenance
    /// New-file line numbers of the fragment's lines, for diff fragments.
    public var lineNumbers: [Int]?

    /// A fragment from its parts.
    public init(path: String, bytes: [UInt8], provenance: Provenance, lineNumbers: [Int]? = nil) {
        self.path = path
        self.bytes = bytes
        self.provenance = provenance
        self.lineNumbers = lineNumbers
    }

    /// The file line number for the fragment's 1-based `line`.
    public func fileLine(_ line: Int) -> Int {
        guard let lineNumbers, line >= 1, line <= lineNumbers.count else { return line }
        return lineNumbers[line - 1]
    }
}
