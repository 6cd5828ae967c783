#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundInputs

/// `keyhound hooks install [--pre-push]`.
enum HooksInstallCommand: Command {
    static let spec = CommandSpec(
        name: "hooks install", summary: "Install the pre-commit (and pre-push) hook in this repository.",
        usage: "hooks install [--pre-push] [--no-pre-commit]",
        options: [
            .init(name: "pre-push", help: "Also install the pre-push hook (scans exactly the commits being pushed)."),
            .init(name: "no-pre-commit", help: "Do not install the pre-commit hook."),
        ],
        discussion: """
            Writes the hooks into the repository's hooks folder, honouring core.hooksPath. A hook
            already there is kept as NAME.keyhound-chained and runs first; nothing is overwritten.
            The hooks fail closed: if keyhound cannot be found, the commit or push is blocked.
            """)

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let installer = try HooksContext.installer(context)
        var names: [String] = []
        if !context.arguments.has("no-pre-commit") { names.append("pre-commit") }
        if context.arguments.has("pre-push") { names.append("pre-push") }
        guard !names.isEmpty else { throw UsageError(message: "nothing to install", command: spec.name) }
        for name in names {
            context.console.out("keyhound: \(try installer.install(name))\n")
        }
        return .clean
    }
}

/// `keyhound hooks uninstall`.
enum HooksUninstallCommand: Command {
    static let spec = CommandSpec(
        name: "hooks uninstall", summary: "Remove the hooks keyhound installed (restoring chained ones).",
        usage: "hooks uninstall", options: [])

    static func run(_ context: CommandContext) throws -> ExitStatus {
        let installer = try HooksContext.installer(context)
        var actions: [HookInstaller.Action] = []
        for name in ["pre-commit", "pre-push"] { actions += try installer.uninstall(name) }
        if actions.isEmpty { context.console.out("keyhound: no keyhound hooks installed\n") }
        for action in actions { context.console.out("keyhound: \(action)\n") }
        return .clean
    }
}

enum HooksContext {
    static func installer(_ context: CommandContext) throws -> HookInstaller {
        let repo: GitRepository
        do {
            repo = try GitRepository.discover(
                at: context.workingDirectory,
                git: GitTool(executable: context.environment["KEYHOUND_GIT"] ?? "git", environment: context.environment))
        } catch {
            throw CLIError(message: "\(error)", status: .incomplete)
        }
        return HookInstaller(directory: repo.hooksDirectory, keyhoundCommand: keyhoundCommand(context.environment))
    }

    /// `keyhound` when it is on PATH, else the absolute path of this binary.
    static func keyhoundCommand(_ environment: [String: String]) -> String {
        for dir in (environment["PATH"] ?? "").split(separator: ":") where access("\(dir)/keyhound", X_OK) == 0 {
            return "keyhound"
        }
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return "keyhound" }
        let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.contains("'") || path.contains("\"") || path.contains("$") || path.contains("`") ? "keyhound" : path
    }
}
