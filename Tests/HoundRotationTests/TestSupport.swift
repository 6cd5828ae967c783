import Foundation
import HoundRotation
import HoundSupport
import Synchronization

/// A fresh directory under the system's temporary folder, removed by `remove()`.
struct TemporaryDirectory {
    /// The directory's path, without a trailing slash.
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/keyhound-rotation-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard let made else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    /// `path/name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name`.
    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    }

    /// Reads a file as text (empty when missing).
    func read(_ name: String) -> String {
        (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
    }

    /// Every regular file below `folder` (relative to the directory), recursively.
    func files(under folder: String = "") -> [String] {
        let root = folder.isEmpty ? path : file(folder)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let name = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(root + "/" + name)
            }
        }
        return found.sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at 2026-03-01T09:00:00Z.
    init(_ start: Date = Date(timeIntervalSince1970: 1_772_355_600)) { current = Mutex(start) }

    /// The time now.
    var now: Date { current.withLock { $0 } }

    /// Moves the clock forward.
    func advance(hours: Double) { current.withLock { $0 = $0.addingTimeInterval(hours * 3600) } }

    /// The closure an engine takes.
    var closure: @Sendable () -> Date { { [self] in self.now } }
}

/// Records the delays the engine asked to sleep, instead of sleeping.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Double]>([])
    var recorded: [Double] { delays.withLock { $0 } }
    var closure: @Sendable (Double) -> Void { { [self] seconds in self.delays.withLock { $0.append(seconds) } } }
}

/// The error a runner throws to simulate the death of the process (`kill -9`).
struct SimulatedCrash: Error, CustomStringConvertible {
    var description: String { "simulated kill -9" }
}

/// Whether a simulated crash strikes before the step's command runs, or after it ran but
/// before its result could be recorded.
enum CrashPoint: String, Sendable, CaseIterable, CustomStringConvertible {
    case before, after
    var description: String { rawValue }
}

/// Wraps a runner: crashes once at `step` (before or after running it), and records every
/// command with its stdin so tests can check where the secret went.
final class InstrumentedRunner: CommandRunner {
    /// A command as the runner saw it.
    struct Call: Sendable {
        var command: RotationCommand
        var stdin: [UInt8]?
        var stdout: [UInt8]
    }

    private let base: any CommandRunner
    private let crash: Mutex<(step: RotationStep, point: CrashPoint)?>
    private let log = Mutex<[Call]>([])

    init(_ base: any CommandRunner, crashAt step: RotationStep? = nil, _ point: CrashPoint = .before) {
        self.base = base
        crash = Mutex(step.map { ($0, point) })
    }

    /// Every command run so far.
    var calls: [Call] { log.withLock { $0 } }

    /// The steps run so far, in order.
    var steps: [RotationStep] { calls.map(\.command.step) }

    func run(
        _ command: RotationCommand, stdin: [UInt8]?, timeout: Double, started: (ProcessStart) -> Void
    ) throws -> SubprocessResult {
        let strike = crash.withLock { planned -> CrashPoint? in
            guard let planned, planned.step == command.step else { return nil }
            return planned.point
        }
        if strike == .before {
            crash.withLock { $0 = nil }
            throw SimulatedCrash()
        }
        let result = try base.run(command, stdin: stdin, timeout: timeout, started: started)
        log.withLock { $0.append(Call(command: command, stdin: stdin, stdout: result.stdout)) }
        if strike == .after {
            crash.withLock { $0 = nil }
            throw SimulatedCrash()
        }
        return result
    }
}

extension Data {
    /// Whether these bytes contain `needle`.
    func contains(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return false }
        return range(of: Data(needle)) != nil
    }
}
