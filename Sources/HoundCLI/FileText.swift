import HoundPipeline
import HoundSupport

/// Reading the files a command is given or finds (configuration, rules, commit lists), through
/// the one bounded reader (`BoundedFile`), with errors that name the file.
enum FileText {
    /// The bytes of `path` (resolved against `base` when relative), read as a `kind` file; with
    /// `confinedTo`, the file must resolve to a path inside that folder (a file the scanned
    /// repository names).
    static func readBytes(
        _ path: String, relativeTo base: String, kind: BoundedFile.Kind, confinedTo root: String? = nil
    ) throws(CLIError) -> [UInt8] {
        do {
            return try BoundedFile.read(resolve(path, relativeTo: base), kind: kind, confinedTo: root).bytes
        } catch {
            throw CLIError(message: "cannot read \(path): \(error.problem)", status: .incomplete)
        }
    }

    /// The text of `path` (see ``readBytes(_:relativeTo:kind:confinedTo:)``); invalid UTF-8 is an
    /// error naming the file.
    static func read(
        _ path: String, relativeTo base: String, kind: BoundedFile.Kind, confinedTo root: String? = nil
    ) throws(CLIError) -> String {
        let bytes = try readBytes(path, relativeTo: base, kind: kind, confinedTo: root)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIError(message: "\(path) is not valid UTF-8", status: .incomplete)
        }
        return text
    }

    /// `path` resolved against `base` when relative.
    static func resolve(_ path: String, relativeTo base: String) -> String {
        FilePaths.resolve(path, relativeTo: base)
    }

    /// Why `stat` fails on `path`, nil when it succeeds (see ``FilePaths/statProblem(_:)``).
    static func statProblem(_ path: String) -> String? { FilePaths.statProblem(path) }

    /// Whether something is at `path` (links followed).
    static func exists(_ path: String) -> Bool { FilePaths.exists(path) }

    /// Whether `path` is a folder (links followed).
    static func isDirectory(_ path: String) -> Bool { FilePaths.isDirectory(path) }
}
