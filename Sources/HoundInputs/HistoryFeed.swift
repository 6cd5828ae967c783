import Dispatch
import HoundSupport
import Synchronization

/// The blob requests of a history sweep, shared by three threads: the object lister adds each
/// blob as `git cat-file --batch-all-objects` lists it (``submit(_:)``), the writer sends them to
/// the current `cat-file --batch` (``nextJob()``), and the output reader takes them back, in the
/// same order, as the answers arrive (``answer()``).
///
/// A request stays pending until answered, so when `cat-file` dies on a corrupt object the
/// reader drops that one and attaches a new child (``attach(_:)``), to which the writer resends
/// everything still unanswered.
final class HistoryFeed: Sendable {
    /// What the writer does next.
    enum Job {
        /// Write these request lines to the pipe.
        case send(InputPipe, [UInt8])
        /// Everything is sent and no more will come: end the pipe.
        case finish(InputPipe)
        /// The sweep is over.
        case stop
    }

    private struct State: ~Copyable {
        /// Blobs to read; unanswered from `head` on (earlier slots are dropped in batches).
        var requests: [ObjectID] = []
        var head = 0
        /// The first request not yet written to the current pipe.
        var next = 0
        var pipe: InputPipe?
        var pipeFinished = false
        var complete = false
        var stopped = false
        var aborted = false
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    /// Most requests per write.
    private let batch = 2048

    /// Adds blobs to read.
    func submit(_ requests: [ObjectID]) {
        guard !requests.isEmpty else { return }
        state.withLock { $0.requests += requests }
        wake.signal()
    }

    /// No more requests will come.
    func complete() {
        state.withLock { $0.complete = true }
        wake.signal()
    }

    /// Ends the reading: the writer stops.
    func stop() {
        state.withLock { $0.stopped = true }
        wake.signal()
    }

    /// Gives up the sweep: the writer stops, and the log and the lister stop at their next chunk.
    func abort() {
        state.withLock {
            $0.stopped = true
            $0.aborted = true
        }
        wake.signal()
    }

    /// Whether ``abort()`` was called.
    var isAborted: Bool { state.withLock { $0.aborted } }

    /// Whether every request is answered and no more will come.
    var isDrained: Bool { state.withLock { $0.complete && $0.head == $0.requests.count } }

    /// Makes `pipe` the current child's input: every unanswered request is (re)sent to it.
    func attach(_ pipe: InputPipe) {
        state.withLock { s in
            s.pipe = pipe
            s.next = s.head
            s.pipeFinished = false
        }
        wake.signal()
    }

    /// The blob the next answer belongs to, removed from the requests; nil when none was sent.
    func answer() -> ObjectID? {
        state.withLock { s in
            guard s.head < s.next else { return nil }
            let request = s.requests[s.head]
            s.head += 1
            if s.head >= 4096, s.head * 2 >= s.requests.count {
                s.requests.removeFirst(s.head)
                s.next -= s.head
                s.head = 0
            }
            return request
        }
    }

    /// The writer's next job, waiting for one.
    func nextJob() -> Job {
        while true {
            let job: Job? = state.withLock { s in
                if s.stopped { return .stop }
                guard let pipe = s.pipe else { return nil }
                if s.next < s.requests.count {
                    let end = min(s.requests.count, s.next + batch)
                    var lines: [UInt8] = []
                    lines.reserveCapacity((end - s.next) * 65)
                    for blob in s.requests[s.next..<end] {
                        lines += blob.description.utf8
                        lines.append(0x0A)
                    }
                    s.next = end
                    return .send(pipe, lines)
                }
                if s.complete, !s.pipeFinished {
                    s.pipeFinished = true
                    return .finish(pipe)
                }
                return nil
            }
            if let job { return job }
            wake.wait()
        }
    }

    /// The writer's loop: sends requests to whichever pipe is current until ``stop()``. A write
    /// to a child that died fails quietly: the reader attaches a new one and the requests are
    /// sent again.
    func runWriter() {
        var current: InputPipe?
        while true {
            let job = nextJob()
            switch job {
            case .send(let pipe, let lines):
                if current !== pipe {
                    current?.finish()
                    current = pipe
                }
                pipe.send(lines)
            case .finish(let pipe):
                if current !== pipe { current?.finish() }
                current = pipe
                pipe.finish()
            case .stop:
                current?.finish()
                return
            }
        }
    }
}
