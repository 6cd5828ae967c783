#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundSupport

/// Writes keyhound's git hooks into a hooks folder, chaining (never overwriting) a hook that was
/// already there, and removes only what it wrote.
///
/// An installed hook is a small POSIX `sh` script marked with ``marker``. A hook found in place
/// is renamed `NAME.keyhound-chained` and run first; uninstalling renames it back.
struct HookInstaller {
    /// Marks a hook keyhound wrote.
    static let marker = "# keyhound-managed hook"
    /// Suffix of a pre-existing hook that keyhound chains.
    static let chainedSuffix = ".keyhound-chained"
    /// Suffix of a keyhound hook the user edited, kept (not executable) when uninstalling.
    static let editedSuffix = ".keyhound-edited"

    /// A hook's text without the line naming the keyhound binary (which differs between installs).
    static func normalised(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("KEYHOUND=\"${KEYHOUND:-") }.joined(separator: "\n")
    }

    /// The hooks folder (`git rev-parse --git-path hooks`, which honours core.hooksPath).
    var directory: String
    /// The keyhound command the hook runs when `KEYHOUND` is not set.
    var keyhoundCommand: String

    /// What an install or uninstall did, one line each.
    enum Action: Equatable, CustomStringConvertible {
        case installed(String)
        case updated(String)
        case chained(String, existing: String)
        case removed(String)
        case restored(String)
        case leftAlone(String, reason: String)
        case backedUp(String, backup: String)

        var description: String {
            switch self {
            case .installed(let p): "installed \(p)"
            case .updated(let p): "updated \(p)"
            case .chained(let p, let existing): "installed \(p) (your existing hook was kept as \(existing) and runs first)"
            case .removed(let p): "removed \(p)"
            case .restored(let p): "restored your previous hook at \(p)"
            case .leftAlone(let p, let reason): "left \(p) alone: \(reason)"
            case .backedUp(let p, let backup): "removed \(p), which you had edited: your version is kept as \(backup)"
            }
        }
    }

    /// The script installed as hook `name` (`pre-commit` or `pre-push`), from the embedded
    /// `hooks/NAME` body.
    func script(for name: String) throws(CLIError) -> String {
        guard let body = HookScripts.files[name] else { throw CLIError(message: "no embedded hook named \(name)") }
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first?.hasPrefix("#!") == true { lines.removeFirst() }
        let bodyText = lines.joined(separator: "\n").replacingOccurrences(
            of: "KEYHOUND=\"${KEYHOUND:-keyhound}\"", with: "KEYHOUND=\"${KEYHOUND:-\(keyhoundCommand)}\"")
        let readsStdin = name == "pre-push"
        var out = "#!/bin/sh\n\(Self.marker): written by 'keyhound hooks install'; remove with 'keyhound hooks uninstall'.\n"
        out += "chained=\"$(dirname \"$0\")/\(name)\(Self.chainedSuffix)\"\n"
        if readsStdin {
            out += "input=$(cat)\n"
            out += "if [ -x \"$chained\" ]; then printf '%s\\n' \"$input\" | \"$chained\" \"$@\" || exit $?; fi\n"
            out += "printf '%s\\n' \"$input\" | (\n\(bodyText)\n)\n"
        } else {
            out += "if [ -x \"$chained\" ]; then \"$chained\" \"$@\" || exit $?; fi\n"
            out += "(\n\(bodyText)\n)\n"
        }
        return out
    }

    func install(_ name: String) throws(CLIError) -> Action {
        try makeDirectory(directory)
        let path = directory + "/" + name
        let text = try script(for: name)
        if let existing = read(path) {
            if existing.contains(Self.marker) {
                try write(text, to: path)
                return .updated(path)
            }
            let chained = path + Self.chainedSuffix
            guard read(chained) == nil else {
                throw CLIError(message: "\(chained) already exists; move it away or merge it into \(path) by hand, then retry")
            }
            guard rename(path, chained) == 0 else {
                throw CLIError(message: "cannot rename \(path): \(String(cString: strerror(errno)))")
            }
            chmod(chained, 0o755)
            try write(text, to: path)
            return .chained(path, existing: chained)
        }
        try write(text, to: path)
        return .installed(path)
    }

    func uninstall(_ name: String) throws(CLIError) -> [Action] {
        let path = directory + "/" + name
        guard let existing = read(path) else { return [] }
        guard existing.contains(Self.marker) else { return [.leftAlone(path, reason: "not written by keyhound")] }
        var actions: [Action]
        if Self.normalised(existing) != Self.normalised((try? script(for: name)) ?? "") {
            // Edited since keyhound wrote it: keep the user's work.
            var backup = path + Self.editedSuffix
            var n = 1
            while read(backup) != nil {
                n += 1
                backup = path + Self.editedSuffix + ".\(n)"
            }
            guard rename(path, backup) == 0 else {
                throw CLIError(message: "cannot move \(path) to \(backup): \(String(cString: strerror(errno)))")
            }
            chmod(backup, 0o644)
            actions = [.backedUp(path, backup: backup)]
        } else {
            guard unlink(path) == 0 else { throw CLIError(message: "cannot remove \(path): \(String(cString: strerror(errno)))") }
            actions = [.removed(path)]
        }
        let chained = path + Self.chainedSuffix
        if read(chained) != nil {
            guard rename(chained, path) == 0 else {
                throw CLIError(message: "cannot restore \(chained): \(String(cString: strerror(errno)))")
            }
            actions.append(.restored(path))
        }
        return actions
    }

    private func read(_ path: String) -> String? {
        guard access(path, F_OK) == 0 else { return nil }
        return (try? FileText.readBytes(path, relativeTo: "/", kind: .hookScript)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    private func write(_ text: String, to path: String) throws(CLIError) {
        do {
            try AtomicFile.write(Array(text.utf8), to: path, permissions: 0o755)
        } catch {
            throw CLIError(message: "cannot write \(path): \(error)")
        }
    }

    private func makeDirectory(_ path: String) throws(CLIError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw CLIError(message: "cannot create \(current): \(String(cString: strerror(errno)))")
            }
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
