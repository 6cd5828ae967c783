import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A temporary folder for one test, removed (permissions restored first) when released.
final class Scratch: @unchecked Sendable {
    /// Absolute path of the folder.
    let path: String

    /// A fresh, empty folder under the system temporary directory.
    init(_ label: String = "hardening") throws {
        let temporary = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array("\(temporary)keyhound-\(label)-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else {
            throw ScratchError("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        // chmod 000 folders would stop the removal: open everything up first.
        var pid: pid_t = 0
        let argv = ["/bin/sh", "-c", "chmod -R u+rwx \"$0\" 2>/dev/null; rm -rf \"$0\"", path]
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        if posix_spawn(&pid, "/bin/sh", nil, nil, &cArguments, environ) == 0 {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    /// `path/relative`.
    func url(_ relative: String) -> String { relative.isEmpty ? path : path + "/" + relative }

    /// Writes `bytes` to `relative`, creating folders.
    func write(_ relative: String, _ bytes: [UInt8]) throws {
        try write(raw: Array(relative.utf8), bytes)
    }

    /// Writes `text` to `relative`, creating folders.
    func write(_ relative: String, _ text: String) throws {
        try write(raw: Array(relative.utf8), Array(text.utf8))
    }

    /// Writes `bytes` to the raw path `relative` (any bytes but `/` and NUL in names).
    func write(raw relative: [UInt8], _ bytes: [UInt8]) throws {
        let full = Array((path + "/").utf8) + relative
        if let slash = full.lastIndex(of: 0x2F), slash > path.utf8.count {
            try FileManager.default.createDirectory(
                atPath: String(decoding: full[..<slash], as: UTF8.self), withIntermediateDirectories: true)
        }
        let fd = (full + [0]).withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { throw ScratchError("cannot create \(String(decoding: relative, as: UTF8.self))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard n > 0 else { throw ScratchError("short write") }
            offset += n
        }
    }

    /// Creates the folder `relative` (and its parents).
    func mkdir(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: url(relative), withIntermediateDirectories: true)
    }

    /// The bytes of `relative`, nil when unreadable.
    func read(_ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: url(relative)).map { Array($0) }
    }

    /// Every regular file under the folder, as absolute paths.
    func allFiles() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var out: [String] = []
        while let relative = walker.nextObject() as? String {
            var info = stat()
            let full = url(relative)
            if lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG { out.append(full) }
        }
        return out
    }
}

/// A fixture step that failed.
struct ScratchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Whether this process runs as root (chmod 000 does not stop root from reading).
var isRoot: Bool { geteuid() == 0 }

/// A seconds clock for measurements.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Whether `needle` occurs in `haystack` (memchr for the first byte, then memcmp).
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    guard haystack.count >= needle.count else { return false }
    return haystack.withUnsafeBufferPointer { h in
        guard let base = h.baseAddress else { return false }
        let last = h.count - needle.count
        var i = 0
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return false }
            i = hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
            if memcmp(base + i, needle, needle.count) == 0 { return true }
            i += 1
        }
        return false
    }
}

/// An environment variable of the test process, as an integer.
func environmentInteger(_ name: String) -> Int? {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) }
}

/// Whether the heavy variants were asked for (`KEYHOUND_HARDENING_HEAVY=1`).
var heavyVariants: Bool { ProcessInfo.processInfo.environment["KEYHOUND_HARDENING_HEAVY"] == "1" }
