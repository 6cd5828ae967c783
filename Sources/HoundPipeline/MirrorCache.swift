#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInputs
import HoundSupport

/// Where a sweep keeps its clones of URL repositories: one `git clone --mirror` per URL, fetched
/// (with pruning) on later sweeps. A clone is made under a temporary name and renamed when it
/// is complete, so a sweep killed half-way never leaves a half clone that looks whole.
package struct MirrorCache {
    /// The cache folder.
    package var directory: String
    /// git, with the command's environment.
    package var git: GitTool

    /// A cache in `directory`, cloning and fetching with `git`.
    package init(directory: String, git: GitTool) {
        self.directory = directory
        self.git = git
    }

    /// git for cloning and fetching the URLs of a sweep's repository list: the user named them,
    /// so these transports are allowed (for this git only; hooks and every other setting that
    /// runs a command stay off, as for every git child).
    package static func git(environment: [String: String]) -> GitTool {
        var git = ScanPipeline.git(environment: environment)
        git.allowedTransports = "file:git:http:https:ssh"
        return git
    }

    /// The folder `target`'s mirror lives in: a digest of its identity plus its name, for people.
    package func folder(for target: SweepTarget) -> String {
        let digest = SHA256.hexDigest(Array(target.identity.utf8)).prefix(16)
        let safe = String(target.reference.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return directory + "/" + digest + "-" + safe + ".git"
    }

    /// A local mirror of `target`, cloned or brought up to date; the reason it failed otherwise.
    package func localCopy(of target: SweepTarget) -> Result<String, SweepFailure> {
        let mirror = folder(for: target)
        let files = FileManager.default
        do {
            try Folder.create(directory, mode: 0o755)
        } catch {
            return .failure(SweepFailure("cannot create the cache folder \(directory): \(error)"))
        }
        if FilePaths.isDirectory(mirror) {
            return run(["fetch", "--prune", "--quiet", "origin"], in: mirror, what: "git fetch", target).map { mirror }
        }
        let partial = mirror + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? files.removeItem(atPath: partial)
        let cloned = run(["clone", "--mirror", "--quiet", "--", target.identity, partial], in: nil, what: "git clone", target)
        if case .failure(let failure) = cloned {
            try? files.removeItem(atPath: partial)
            return .failure(failure)
        }
        do {
            try files.moveItem(atPath: partial, toPath: mirror)
        } catch {
            try? files.removeItem(atPath: partial)
            return .failure(SweepFailure("cannot move the clone into \(mirror)"))
        }
        return .success(mirror)
    }

    private func run(_ arguments: [String], in folder: String?, what: String, _ target: SweepTarget)
        -> Result<Void, SweepFailure>
    {
        do {
            let result = try git.run(arguments, in: folder)
            if result.succeeded { return .success(()) }
            return .failure(SweepFailure("\(what) failed: " + target.scrubbed(result.stderrText)))
        } catch {
            return .failure(SweepFailure("\(what) failed: " + target.scrubbed("\(error)")))
        }
    }
}

/// Why one repository of a sweep could not be swept (in full).
package struct SweepFailure: Error, CustomStringConvertible {
    /// The reason, for the report.
    package var description: String
    /// A failure for `description`.
    package init(_ description: String) { self.description = description }
}
