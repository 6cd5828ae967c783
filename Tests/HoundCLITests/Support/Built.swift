import Foundation

/// Where the package and the built `keyhound` binary are.
enum Built {
    /// The package root (three folders above this file).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `keyhound` binary that `swift build` / `swift test` made: beside the test bundle, else
    /// in the package's `.build/debug`.
    static let binary: String? = {
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        let candidates = [
            runner.appendingPathComponent("keyhound").path,
            runner.deletingLastPathComponent().appendingPathComponent("keyhound").path,
            packageRoot + "/.build/debug/keyhound",
        ]
        return candidates.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: path)
        }
    }()

    /// The folder of ``binary``.
    static var binaryFolder: String? { binary.map { ($0 as NSString).deletingLastPathComponent } }

    /// The full path of `name` in `PATH`, nil when absent.
    static func which(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for folder in (path ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
