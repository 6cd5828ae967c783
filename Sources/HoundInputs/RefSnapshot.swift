#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundSupport

/// A repository's refs read straight from its files (`HEAD`, `packed-refs`, the loose files
/// under `refs/`), without starting git: a digest that changes whenever any ref moves, appears
/// or goes away.
///
/// A sweep with `--since-last` compares it with the digest recorded after the last complete
/// sweep: equal means nothing is new, and the repository is skipped without a single git child
/// (starting `git for-each-ref` cost ~25 ms a repository, most of such a sweep). The digest is
/// of the files, not of what git makes of them, so it is conservative: a repacked `packed-refs`
/// changes it although no ref moved, and the caller then asks git.
///
/// The repository is hostile: nothing is followed through a symbolic link, every file goes
/// through the one bounded reader, and any layout that is not the plain files one (reftable
/// through `extensions.refStorage`, a linked worktree's private folder or a repository with
/// linked worktrees, an `include` in its configuration, a `.git` file, anything that is not a
/// regular file or folder under `refs/`) gives nil: the caller falls back to git.
public struct RefSnapshot: Equatable, Sendable {
    /// SHA-256 (hex) of `HEAD`, `packed-refs` and every loose ref's name and content.
    public var digest: String
    /// How many loose ref files were read.
    public var looseRefs: Int

    /// The most loose ref files read; past it, git is asked instead.
    public static let maximumLooseRefs = 100_000

    /// The refs of the repository at `path` (a work tree's top level, a bare repository or a
    /// mirror), or nil when its layout is not the plain files one (see the type's summary).
    public static func read(repository path: String) -> RefSnapshot? {
        let dotGit = path + "/.git"
        let gitDirectory: String
        switch PosixPath.kind(root: Array(dotGit.utf8), relative: []).0 {
        case .directory: gitDirectory = dotGit
        case .missing: gitDirectory = path
        case .regular, .symlink, .other: return nil  // a `.git` file (worktree, submodule) or a link
        }
        func kind(_ name: String) -> PosixPath.Kind {
            PosixPath.kind(root: Array(gitDirectory.utf8), relative: Array(name.utf8)).0
        }
        guard kind("HEAD") == .regular, kind("refs") == .directory, kind("objects") == .directory,
            kind("commondir") == .missing, kind("reftable") == .missing, kind("worktrees") == .missing
        else { return nil }
        guard let config = file(gitDirectory + "/config") ?? nil else { return nil }
        let lowered = String(decoding: config, as: UTF8.self).lowercased()
        guard !lowered.contains("refstorage"), !lowered.contains("include") else { return nil }
        guard let head = file(gitDirectory + "/HEAD") ?? nil, let packed = file(gitDirectory + "/packed-refs")
        else { return nil }
        var loose: [(name: String, content: [UInt8])] = []
        guard collect(folder: gitDirectory, relative: "refs", depth: 0, into: &loose) else { return nil }
        loose.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        var hash = SHA256()
        for (label, bytes) in [("HEAD", head), ("packed-refs", packed ?? [])] {
            hash.update(Array(label.utf8) + [0])
            hash.update(bytes)
            hash.update([0])
        }
        for ref in loose {
            hash.update(Array(ref.name.utf8) + [0])
            hash.update(ref.content)
            hash.update([0])
        }
        let digest = hash.finalize().map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
        }.joined()
        return RefSnapshot(digest: digest, looseRefs: loose.count)
    }

    /// The bytes of the regular file at `path`, never through a symbolic link: `.some(nil)` when
    /// nothing is there, nil when something else is (a link, a folder, an unreadable file).
    private static func file(_ path: String) -> [UInt8]?? {
        do {
            return .some(try BoundedFile.read(path, kind: .gitRefs, followsLinks: false).bytes)
        } catch {
            return error.isMissing ? .some(nil) : nil
        }
    }

    /// Adds the loose refs below `relative` (inside `folder`) to `refs`; false when something
    /// there is not a plain file or folder, or there are too many.
    private static func collect(
        folder: String, relative: String, depth: Int, into refs: inout [(name: String, content: [UInt8])]
    ) -> Bool {
        guard depth < 64, let directory = opendir(folder + "/" + relative) else { return false }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        for name in names {
            let child = relative + "/" + name
            switch PosixPath.kind(root: Array(folder.utf8), relative: Array(child.utf8)).0 {
            case .directory:
                guard collect(folder: folder, relative: child, depth: depth + 1, into: &refs) else { return false }
            case .regular:
                // git's own lock files are not refs (a ref name never ends in `.lock`).
                if name.hasSuffix(".lock") { continue }
                guard refs.count < maximumLooseRefs, let content = file(folder + "/" + child) ?? nil else {
                    return false
                }
                refs.append((child, content))
            case .missing:
                continue  // removed while we looked: the digest differs from any recorded one anyway
            case .symlink, .other:
                return false
            }
        }
        return true
    }
}
