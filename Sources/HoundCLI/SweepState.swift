#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundReport
import HoundSupport

/// A sweep's `--state` folder: one checkpoint per finished repository (`done/DIGEST.jsonl`, the
/// repository's own `jsonl` report, redacted as every report is), written atomically when the
/// repository is done. A sweep started again reads the checkpoints instead of sweeping those
/// repositories again; a sweep that wrote its report removes them. `tips/DIGEST.txt` holds each
/// repository's ref tips as of its last complete sweep, for `--since-last`.
struct SweepState {
    /// The state folder.
    var directory: String

    /// Creates the folder if need be.
    func prepare() throws(CLIError) {
        do {
            try Folder.create(directory + "/done", mode: 0o755)
        } catch {
            throw CLIError(message: "cannot create the state folder \(directory): \(error)")
        }
    }

    /// The checkpoint file of `target`.
    func checkpoint(for target: SweepTarget) -> String {
        directory + "/done/" + SHA256.hexDigest(Array(target.identity.utf8)).prefix(32) + ".jsonl"
    }

    /// The checkpoint of `target` read back, or nil when it has none (or one that cannot be read:
    /// the repository is then swept again).
    func finished(_ target: SweepTarget) -> ReportReader? {
        guard let data = FileManager.default.contents(atPath: checkpoint(for: target)) else { return nil }
        var reader = ReportReader()
        do {
            try reader.read(Array(data), name: checkpoint(for: target))
        } catch {
            return nil
        }
        // A checkpoint is complete only with its summary line, naming this repository.
        guard reader.summaries == 1, reader.repositories.map(\.repository) == [target.reference] else { return nil }
        return reader
    }

    /// Ends a sweep whose report is written: its checkpoints are removed, so the next sweep
    /// sweeps every repository again (ref tips stay, for `--since-last`), and so are the
    /// half-written ones a killed sweep left (`.DIGEST.jsonl.tmp-PID-…`).
    func complete() {
        let folder = directory + "/done"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where name.hasSuffix(".jsonl") || (name.hasPrefix(".") && name.contains(".jsonl.tmp-")) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// The file holding `target`'s ref tips as of its last complete sweep.
    func tipsFile(for target: SweepTarget) -> String {
        directory + "/tips/" + SHA256.hexDigest(Array(target.identity.utf8)).prefix(32) + ".txt"
    }

    /// `target`'s ref tips (object ids) as of its last complete sweep, nil when never recorded.
    func tips(for target: SweepTarget) -> [String]? {
        guard let data = FileManager.default.contents(atPath: tipsFile(for: target)) else { return nil }
        let ids = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard ids.allSatisfy({ $0.count >= 40 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
        return ids
    }

    /// Records `target`'s ref tips after a complete sweep of it.
    func recordTips(_ tips: [String], for target: SweepTarget) throws(CLIError) {
        do {
            try FileManager.default.createDirectory(atPath: directory + "/tips", withIntermediateDirectories: true)
            try AtomicFile.write(Array(tips.map { $0 + "\n" }.joined().utf8), to: tipsFile(for: target))
        } catch {
            throw CLIError(message: "cannot record the ref tips of \(target.reference.location): \(error)")
        }
    }

    /// Records `target` as done with this report (`jsonl` bytes).
    func record(_ target: SweepTarget, report: [UInt8]) throws(CLIError) {
        do {
            try AtomicFile.write(report, to: checkpoint(for: target))
        } catch {
            throw CLIError(message: "cannot write the checkpoint of \(target.reference.location): \(error)")
        }
    }
}
