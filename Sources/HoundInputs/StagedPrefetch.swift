#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch
import HoundSupport
import Synchronization

/// The two git questions `scan --staged` asks (where the repository is, what is staged), asked
/// at once and in the background as soon as keyhound knows it will scan the staged diff (the
/// process entry, for `keyhound scan --staged`): git's time (most of a hook's latency) then
/// overlaps ours (start-up, rules, configuration) and each other.
///
/// The diff runs in the command's folder with `--no-relative`, so its paths are the same as
/// when run at the top level. When it fails (an unborn `HEAD` on an old git, a bare repository),
/// ``StagedDiff`` asks again the slow way and says what went wrong exactly as before.
public final class StagedPrefetch: Sendable {
    private let repository: Pending<Result<GitRepository, InputError>>
    private let patches: Pending<Result<[FilePatch], InputError>>

    /// Starts both git children in `directory`.
    public init(git: GitTool, directory: String) {
        repository = Pending { Result { () throws(InputError) in try GitRepository.discover(at: directory, git: git) } }
        patches = Pending {
            Result { () throws(InputError) in
                try StagedDiff.collect(git: git, directory: directory, arguments: StagedDiff.arguments + ["--"])
            }
        }
    }

    /// The repository (waits for `git rev-parse`).
    public func discovered() throws(InputError) -> GitRepository { try repository.value.get() }

    /// The staged patches when the early diff succeeded (waits for it); nil when it failed.
    func stagedPatches() -> [FilePatch]? { try? patches.value.get() }
}

/// A value computed on a background thread; `value` waits for it.
final class Pending<Value: Sendable>: Sendable {
    private let slot = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ compute: @escaping @Sendable () -> Value) {
        let work: @Sendable () -> Void = { [self] in
            let value = compute()
            slot.withLock { $0 = value }
            done.signal()
        }
        // A thread of its own: the first `DispatchQueue.global().async` of a process spins up
        // the pool (1.4 ms before git was spawned, measured with `perf trace`); a pthread
        // starts in about 0.1 ms.
        if !DetachedThread.start(work) { DispatchQueue.global(qos: .userInitiated).async(execute: work) }
    }

    /// The value, once computed.
    var value: Value {
        if let ready = slot.withLock({ $0 }) { return ready }
        done.wait()
        done.signal()  // later readers pass straight through
        return slot.withLock { $0 }!
    }
}
