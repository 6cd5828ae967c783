#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundPipeline
import HoundReport
import HoundSupport

/// A sweep's `--state` folder: one checkpoint per finished repository (`done/DIGEST.jsonl`, the
/// repository's own `jsonl` report, redacted as every report is), written atomically when the
/// repository is done. A sweep started again reads the checkpoints instead of sweeping those
/// repositories again; a sweep that wrote its report removes them. The same folder holds each
/// repository's ref tips for `--since-last` (``SweepTips``, the repository list source's).
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

    /// Records `target` as done with this report (`jsonl` bytes).
    func record(_ target: SweepTarget, report: [UInt8]) throws(CLIError) {
        do {
            try AtomicFile.write(report, to: checkpoint(for: target))
        } catch {
            throw CLIError(message: "cannot write the checkpoint of \(target.reference.location): \(error)")
        }
    }
}
