import HoundPipeline

/// Which share of the list this process sweeps: `--shard I/N`, or `auto/N` with `I` from
/// `JOB_COMPLETION_INDEX` (a Kubernetes Indexed Job's numbering).
struct ShardSpec: Equatable, Sendable {
    /// This process's index, 0 ≤ index < count.
    var index: Int
    /// The number of shards.
    var count: Int

    /// `--shard`'s value, read with the environment for `auto`.
    static func parse(_ text: String, environment: [String: String]) throws(UsageError) -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[1]), count >= 1, count <= 1_000_000 else {
            throw UsageError(message: "--shard needs I/N or auto/N with N ≥ 1, not '\(text)'", command: "sweep")
        }
        let indexText: String
        if parts[0] == "auto" {
            guard let value = environment["JOB_COMPLETION_INDEX"], !value.isEmpty else {
                throw UsageError(message: "--shard auto/\(count) needs JOB_COMPLETION_INDEX to be set", command: "sweep")
            }
            indexText = value
        } else {
            indexText = String(parts[0])
        }
        guard let index = Int(indexText), index >= 0, index < count else {
            throw UsageError(
                message: "--shard index must be from 0 to \(count - 1), not '\(indexText)'", command: "sweep")
        }
        return ShardSpec(index: index, count: count)
    }
}
