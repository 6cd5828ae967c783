#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A POSIX `opendir`/`readdir` walk of a folder that is not a git work tree, honouring the
/// `.gitignore` files it meets (nested ones too) and skipping `.git`.
///
/// Symlinks are never followed (so a link loop cannot trap the walk) and are only counted;
/// folders below the root are opened with `O_NOFOLLOW` (the root may be a link the user named).
/// A folder that cannot be opened is a notice.
struct DirectoryWalker {
    /// The folder to walk.
    let root: [UInt8]
    /// Whether `.gitignore` files are read.
    let honoursGitignore: Bool

    /// What the walk found.
    struct Result {
        /// Files, relative to the root, sorted by bytes.
        var files: [RawPath] = []
        /// Symlinks seen and left alone.
        var skippedSymlinks = 0
        /// Folders that could not be opened.
        var notices: [InputNotice] = []
    }

    private struct Entry {
        var name: [UInt8]
        var kind: PosixPath.Kind
    }

    /// Walks the tree; files come back relative to the root, sorted by bytes.
    func walk() -> Result {
        var files: [RawPath] = []
        var result = walk { files.append($0) }
        files.sort()
        result.files = files
        return result
    }

    /// Walks the tree, handing each file (relative to the root) to `onFile` as its folder is
    /// read, in no particular order; the result holds everything but the files.
    func walk(_ onFile: (RawPath) -> Void) -> Result {
        var result = Result()
        var pending: [(path: [UInt8], ignores: GitignoreStack)] = [([], GitignoreStack())]
        while let (folder, inherited) = pending.popLast() {
            guard let entries = list(folder, &result) else { continue }
            var ignores = inherited
            if honoursGitignore, entries.contains(where: { $0.kind == .regular && $0.name == Self.gitignoreName }),
                let contents = readSmallFile(folder.isEmpty ? Self.gitignoreName : folder + [0x2F] + Self.gitignoreName)
            {
                ignores = ignores.pushing(GitignoreFile(base: folder, contents: contents))
            }
            for entry in entries {
                if entry.name == Self.gitName { continue }
                let path = folder.isEmpty ? entry.name : folder + [0x2F] + entry.name
                switch entry.kind {
                case .directory:
                    if !ignores.isIgnored(path, isDirectory: true) { pending.append((path, ignores)) }
                case .regular:
                    if !ignores.isIgnored(path, isDirectory: false) { onFile(RawPath(path)) }
                case .symlink:
                    if !ignores.isIgnored(path, isDirectory: false) { result.skippedSymlinks += 1 }
                case .other, .missing:
                    break
                }
            }
        }
        return result
    }

    /// The entries of `folder` (relative to the root), nil when it cannot be opened.
    private func list(_ folder: [UInt8], _ result: inout Result) -> [Entry]? {
        // The root itself may be a symlink to a folder (the user named it); nothing below it is followed.
        let noFollow = folder.isEmpty ? 0 : O_NOFOLLOW
        let fd = PosixPath.withCString(root: root, relative: folder) {
            open($0, O_RDONLY | O_DIRECTORY | noFollow | O_CLOEXEC)
        }
        guard fd >= 0, let stream = fdopendir(fd) else {
            let code = errno
            if fd >= 0 { close(fd) }
            let shown = RawPath(folder.isEmpty ? Array(".".utf8) : folder).display
            result.notices.append(
                InputNotice(
                    .unreadable, subject: shown,
                    message: "cannot open folder: \(InputError.unreadable(path: shown, errno: code))"))
            return nil
        }
        defer { closedir(stream) }
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> [UInt8] in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return Array(bytes[..<length])
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            var kind: PosixPath.Kind
            switch Int32(entry.pointee.d_type) {
            case Self.typeDirectory: kind = .directory
            case Self.typeRegular: kind = .regular
            case Self.typeSymlink: kind = .symlink
            case Self.typeUnknown:
                kind = PosixPath.kind(root: root, relative: folder.isEmpty ? name : folder + [0x2F] + name).0
            default: kind = .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
        return entries
    }

    /// A `.gitignore`'s bytes (at most 1 MiB), nil when unreadable.
    private func readSmallFile(_ relative: [UInt8]) -> [UInt8]? {
        let reader = FileReader(root: String(decoding: root, as: UTF8.self), maximumSize: 1 << 20)
        switch reader.withContents(of: RawPath(relative), { Array($0) }) {
        case .content(let bytes): return bytes
        default: return nil
        }
    }

    private static let gitignoreName = Array(".gitignore".utf8)
    private static let gitName = Array(".git".utf8)
    // <dirent.h> d_type values.
    private static let typeUnknown: Int32 = 0
    private static let typeDirectory: Int32 = 4
    private static let typeRegular: Int32 = 8
    private static let typeSymlink: Int32 = 10
}
