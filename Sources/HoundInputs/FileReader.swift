import HoundModel
import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads files of a tree with POSIX `open`/`read` into one reusable buffer.
///
/// One reader per worker (it is not `Sendable`: the buffer is shared between calls). Files above
/// ``maximumSize`` are skipped without being read; a NUL byte in the first
/// ``binaryProbeLength`` bytes marks a file binary, except UTF-16 text with a byte-order mark,
/// which is handed out transcoded to UTF-8 (``UTF16Text``); an error affects that file only.
public final class FileReader {
    /// The folder paths are relative to.
    public let root: String
    /// Files larger than this many bytes are skipped.
    public let maximumSize: Int
    /// How many leading bytes are checked for a NUL (git's heuristic uses 8000).
    public let binaryProbeLength = 8000

    private let rootBytes: [UInt8]
    private var buffer: UnsafeMutableRawBufferPointer

    /// A reader for files under `root`, skipping those above `maximumSize` bytes. With an empty
    /// `root`, paths are opened as given (absolute, or relative to the working directory):
    /// that is how explicit file arguments are read.
    public init(root: String, maximumSize: Int = 10 << 20) {
        self.root = root
        self.rootBytes = Array(root.utf8)
        self.maximumSize = max(0, maximumSize)
        self.buffer = .allocate(byteCount: 64 * 1024, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Calls `body` with the bytes of `path` (valid only during the call) unless the file is
    /// skipped.
    public func withContents<R>(of path: RawPath, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows
        -> FileContent<R>
    {
        let fd = PosixPath.withCString(root: rootBytes, relative: path.bytes) {
            open($0, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK)
        }
        guard fd >= 0 else { return .unreadable(.unreadable(path: path.display, errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .unreadable(.unreadable(path: path.display, errno: errno)) }
        guard PosixPath.kind(of: info.st_mode) == .regular else {
            return .unreadable(.notRegularFile(path: path.display, kind: FileMode.description(of: info.st_mode)))
        }
        let expected = Int(info.st_size)
        if expected > maximumSize { return .tooLarge(size: expected) }
        // Room for one byte more than announced, so a file that grew is read whole.
        reserve(expected + 1, keeping: 0)
        var count = 0
        // A large file's head is read first: a binary one (a tenth of a source tree's bytes) is
        // then skipped without copying the rest.
        var probed = expected <= Self.headLength
        while true {
            if count == buffer.count {
                guard count <= maximumSize else { return .tooLarge(size: count) }
                reserve(count * 2, keeping: count)
            }
            let wanted = probed ? buffer.count - count : min(buffer.count - count, Self.headLength - count)
            let got = PosixPath.read(fd, buffer.baseAddress! + count, wanted)
            if got > 0 {
                count += got
                // The size fstat announced is in: a regular file at EOF, spare the extra read.
                if count == expected { break }
                if !probed && count >= binaryProbeLength {
                    probed = true
                    if looksBinary(count: count) { return .binary }
                }
            } else if got == 0 {
                break
            } else if errno != EINTR {
                return .unreadable(.unreadable(path: path.display, errno: errno))
            }
        }
        if count > maximumSize { return .tooLarge(size: count) }
        let bytes = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
        if let text = UTF16Text.utf8(fromBOM: bytes, probe: binaryProbeLength) {
            // UTF-16 with a byte-order mark: scanned as UTF-8, unless it decodes to NULs.
            if text.prefix(binaryProbeLength).contains(0) { return .binary }
            return .content(try text.withUnsafeBufferPointer(body))
        }
        if memchr(bytes.baseAddress!, 0, min(count, binaryProbeLength)) != nil { return .binary }
        return .content(try body(bytes))
    }

    /// How many leading bytes of a larger file are read before the binary probe.
    static let headLength = 16 * 1024

    /// Whether the first `count` bytes read (at least ``binaryProbeLength``) mark the file binary:
    /// a NUL among the first ``binaryProbeLength`` bytes, and no UTF-16 byte-order mark.
    private func looksBinary(count: Int) -> Bool {
        let bytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let mark = (bytes[0], bytes[1])
        if mark == (0xFF, 0xFE) || mark == (0xFE, 0xFF) { return false }
        return memchr(bytes, 0, min(count, binaryProbeLength)) != nil
    }

    /// The bytes of `path`, copied out, unless the file is skipped.
    public func read(_ path: RawPath) -> FileContent<[UInt8]> {
        withContents(of: path) { Array($0) }
    }

    /// A whole-file fragment (provenance `.file`) for `path`, unless the file is skipped.
    public func fragment(for path: RawPath) -> FileContent<Fragment> {
        withContents(of: path) { Fragment(path: path.display, bytes: Array($0), provenance: .file) }
    }

    /// Grows the buffer to at least `count` bytes, keeping its first `kept` bytes.
    private func reserve(_ count: Int, keeping kept: Int) {
        guard count > buffer.count else { return }
        let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, buffer.count * 2), alignment: 16)
        if kept > 0 { grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: kept) }
        buffer.deallocate()
        buffer = grown
    }
}
