import Dispatch
import Synchronization

/// Caps the blob bytes of a history sweep that are read but not yet scanned.
///
/// The queue to the scanning workers holds a bounded number of blobs, but blobs can be up to
/// `--max-file-size` each; this bounds their bytes too. The reader calls ``acquire(_:)`` before
/// handing a blob over and waits while the budget is spent; a worker calls ``release(_:)`` once
/// the blob is scanned. A blob larger than the whole budget still passes when nothing else is in
/// flight, so any blob within the size limit is scanned.
package final class HistoryByteBudget: Sendable {
    private let limit: Int
    private let inFlight = Mutex(0)
    private let freed = DispatchSemaphore(value: 0)

    /// A budget of `limit` bytes.
    package init(limit: Int) { self.limit = limit }

    /// Takes `bytes` from the budget, waiting until they fit (or nothing else is in flight).
    package func acquire(_ bytes: Int) {
        while true {
            let taken = inFlight.withLock { used -> Bool in
                guard used == 0 || used + bytes <= limit else { return false }
                used += bytes
                return true
            }
            if taken { return }
            freed.wait()
        }
    }

    /// Gives `bytes` back.
    package func release(_ bytes: Int) {
        inFlight.withLock { $0 -= bytes }
        freed.signal()
    }
}
