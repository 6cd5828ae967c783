/// What one file section of a unified diff added: the new path, the added lines and their
/// line numbers in the new file.
public struct FilePatch: Sendable, Hashable {
    /// The file's path after the change (the new name of a rename or copy).
    public var path: RawPath
    /// The added lines, without their `+`, joined by `\n` (no final newline).
    public var addedBytes: [UInt8]
    /// `lineNumbers[i]` is the new-file line number of added line `i`.
    public var lineNumbers: [Int]
    /// Whether git reported the file as binary (nothing is added then).
    public var isBinary: Bool

    /// A patch from its parts.
    public init(path: RawPath, addedBytes: [UInt8] = [], lineNumbers: [Int] = [], isBinary: Bool = false) {
        self.path = path
        self.addedBytes = addedBytes
        self.lineNumbers = lineNumbers
        self.isBinary = isBinary
    }

    /// The added lines as text, for tests and messages.
    public var addedLines: [String] {
        guard !lineNumbers.isEmpty else { return [] }
        return addedBytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}
