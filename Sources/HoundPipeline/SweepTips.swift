#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInputs
import HoundSupport

/// What `--since-last` remembers of each repository in a sweep's state folder: `tips/DIGEST.txt`,
/// the commits its refs pointed to after its last complete sweep, and `tips/DIGEST.refs`, the
/// digest of its ref files read just before git listed those tips (``RefSnapshot``).
package struct SweepTips: Sendable {
    /// The state folder.
    package var directory: String

    /// The tips kept in `directory`.
    package init(directory: String) { self.directory = directory }

    /// The file holding `target`'s ref tips as of its last complete sweep.
    package func tipsFile(for target: SweepTarget) -> String {
        directory + "/tips/" + SHA256.hexDigest(Array(target.identity.utf8)).prefix(32) + ".txt"
    }

    /// The file holding the digest of `target`'s ref files as of its recorded tips.
    package func refsFile(for target: SweepTarget) -> String {
        directory + "/tips/" + SHA256.hexDigest(Array(target.identity.utf8)).prefix(32) + ".refs"
    }

    /// `target`'s ref tips (object ids) as of its last complete sweep, nil when never recorded.
    package func tips(for target: SweepTarget) -> [String]? {
        guard let data = FileManager.default.contents(atPath: tipsFile(for: target)) else { return nil }
        let ids = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard ids.allSatisfy({ $0.count >= 40 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
        return ids
    }

    /// Records `target`'s ref tips after a complete sweep of it, with the digest of its ref files
    /// read before git listed those tips (nil when they could not be read without git).
    package func record(_ tips: [String], refs: RefSnapshot?, for target: SweepTarget) throws(SweepFailure) {
        do {
            try FileManager.default.createDirectory(atPath: directory + "/tips", withIntermediateDirectories: true)
            try recordRefs(nil, for: target)  // never an old digest beside new tips
            try AtomicFile.write(Array(tips.map { $0 + "\n" }.joined().utf8), to: tipsFile(for: target))
            try recordRefs(refs, for: target)
        } catch {
            throw SweepFailure("cannot record the ref tips of \(target.reference.location): \(error)")
        }
    }

    /// Whether `target`'s ref files are byte for byte what they were when its tips were recorded:
    /// then nothing is new, and not even git needs to be asked.
    package func refsUnchanged(_ refs: RefSnapshot?, for target: SweepTarget) -> Bool {
        guard let refs, let data = FileManager.default.contents(atPath: refsFile(for: target)),
            tips(for: target) != nil
        else { return false }
        return String(decoding: data, as: UTF8.self) == refs.digest + "\n"
    }

    /// Records (or, when nil, forgets) the digest of `target`'s ref files, taken before the tips
    /// recorded for it were listed: a ref that moves in between makes them differ next time, so
    /// git is asked then, never a change missed.
    package func recordRefs(_ refs: RefSnapshot?, for target: SweepTarget) throws {
        guard let refs else {
            if FileManager.default.fileExists(atPath: refsFile(for: target)) {
                try FileManager.default.removeItem(atPath: refsFile(for: target))
            }
            return
        }
        try AtomicFile.write(Array((refs.digest + "\n").utf8), to: refsFile(for: target))
    }
}
