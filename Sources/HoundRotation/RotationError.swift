import HoundSupport

/// Why a rotation could not start or had to stop, with the key and file concerned.
///
/// A failing *step* is not an error: it is part of the outcome (``RotationOutcome``). These are
/// the cases where the engine cannot go on at all.
public enum RotationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No key of this name in the inventory.
    case unknownKey(String, suggestion: String?)
    /// The inventory could not be read or updated (the inventory's own message).
    case inventory(String)
    /// The key has no rotation commands, or they are incomplete or malformed.
    case invalidCommands(key: String, problem: String)
    /// The key is not in use (revoked keys are not rotated).
    case notActive(key: String, status: String)
    /// A rotation of this key is already under way (persisted, not finished).
    case inProgress(key: String, phase: RotationPhase, detail: String)
    /// `--abort` of a key that has no rotation under way.
    case notUnderWay(key: String)
    /// `--abort` refused: rolling back now would leave consumers without a valid key.
    case cannotAbort(key: String, reason: String)
    /// Another process holds the key's rotation lock.
    case busy(key: String, lockPath: String)
    /// A state file that cannot be read, parsed or understood (for example a newer version);
    /// `path` is the file, with `:line:column` when the problem is at a place in it.
    case state(path: String, problem: String)
    /// A state or lock file could not be written.
    case write(FileOperationError)
    /// The audit log could not be written (checked before any step runs).
    case audit(String)
    /// The command runner failed in a way that is not a step failure: the engine stopped as
    /// if its process had been killed; `resume()` continues from the write-ahead record.
    case interrupted(key: String, step: RotationStep, reason: String)

    /// The message for people, naming the key and what to do.
    public var description: String {
        switch self {
        case .unknownKey(let name, let suggestion):
            let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
            return "no key named \"\(name)\" in the inventory\(hint)"
        case .inventory(let message):
            return message
        case .invalidCommands(let key, let problem):
            return "key \"\(key)\": \(problem)"
        case .notActive(let key, let status):
            return "key \"\(key)\" is \(status), not active: it is not rotated"
        case .inProgress(let key, let phase, let detail):
            return "a rotation of \"\(key)\" is already under way (\(phase.rawValue)\(detail.isEmpty ? "" : ", " + detail)); "
                + "run `keyhound rotate --resume` to continue it"
        case .notUnderWay(let key):
            return "no rotation of \"\(key)\" is under way"
        case .cannotAbort(let key, let reason):
            return "the rotation of \"\(key)\" cannot be aborted: \(reason)"
        case .busy(let key, let lockPath):
            return "another keyhound process is rotating \"\(key)\" right now (it holds \(lockPath)); try again when it is done"
        case .state(let path, let problem):
            return "\(path): \(problem)"
        case .write(let error):
            return error.description
        case .audit(let message):
            return "cannot write the audit log, so no rotation was started: \(message)"
        case .interrupted(let key, let step, let reason):
            return "rotation of \"\(key)\" stopped during \(step.rawValue): \(reason); `keyhound rotate --resume` continues it"
        }
    }
}
