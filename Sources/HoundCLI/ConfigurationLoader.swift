import HoundRules

/// Finds and reads the configuration a command uses: `--config FILE`, else `KEYHOUND_CONFIG`,
/// else `.keyhound.toml` (or `.gitleaks.toml`) at the repository root (the nearest folder above
/// the scan root holding `.git`), else built-in rules only.
struct LoadedConfiguration {
    var configuration: Configuration
    var ruleSet: RuleSet
    /// Folder that relative paths in the configuration are resolved against.
    var directory: String
    /// The file used, if any.
    var path: String?
}

enum ConfigurationLoader {
    static func load(_ context: CommandContext, root: String? = nil) throws -> LoadedConfiguration {
        let start = root ?? context.workingDirectory
        let path = try locate(context, root: start)
        guard let path else {
            return LoadedConfiguration(
                configuration: Configuration(), ruleSet: .builtin, directory: top(context, root: start), path: nil)
        }
        let text = try FileText.read(path, relativeTo: context.workingDirectory)
        let isGitleaks = path.hasSuffix("gitleaks.toml")
        let config = try Configuration.decode(text, file: path, isGitleaks: isGitleaks)
        for warning in config.warnings { context.console.err("keyhound: warning: \(warning)\n") }
        let full = FileText.resolve(path, relativeTo: context.workingDirectory)
        let directory = full.contains("/") ? String(full[..<full.lastIndex(of: "/")!]) : "."
        return LoadedConfiguration(
            configuration: config, ruleSet: try RuleSet.make(configuration: config),
            directory: directory.isEmpty ? "/" : directory,
            path: path)
    }

    static func locate(_ context: CommandContext, root: String) throws -> String? {
        if let explicit = context.arguments.value("config") ?? context.environment["KEYHOUND_CONFIG"] {
            guard FileText.exists(FileText.resolve(explicit, relativeTo: context.workingDirectory)) else {
                throw CLIError(message: "configuration file not found: \(explicit)", status: .usage)
            }
            return explicit
        }
        let top = top(context, root: root)
        for name in [".keyhound.toml", ".gitleaks.toml"] {
            let candidate = top + "/" + name
            if FileText.exists(candidate) { return candidate }
        }
        return nil
    }

    /// Where the configuration and `.keyhoundignore` are looked for: the repository top above
    /// `root`, else `root`'s folder (`root` itself when it is a folder), as an absolute path.
    static func top(_ context: CommandContext, root: String) -> String {
        var base = FileText.resolve(root, relativeTo: context.workingDirectory)
        while base.count > 2 && base.hasSuffix("/.") { base.removeLast(2) }
        let folder = FileText.isDirectory(base) ? base : parent(of: base)
        return repositoryTop(from: folder) ?? folder
    }

    /// The nearest folder at or above `start` that holds `.git`.
    static func repositoryTop(from start: String) -> String? {
        var dir = start
        for _ in 0..<256 {
            if FileText.exists(dir + "/.git") { return dir }
            let up = parent(of: dir)
            if up == dir { return nil }
            dir = up
        }
        return nil
    }

    static func parent(of path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard let slash = p.lastIndex(of: "/") else { return "." }
        return slash == p.startIndex ? "/" : String(p[..<slash])
    }
}
