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
    /// Whether the file was found in the scanned repository (not given with `--config` or
    /// `KEYHOUND_CONFIG`): hostile input, which may lower limits but never raise them, and
    /// whose files (inventory, baseline) must stay inside the repository.
    var isFromRepository = false

    /// The folder files this configuration names must stay in: the repository's top when the
    /// configuration came from the repository, nil (anywhere) when the user gave it.
    var confinement: String? { isFromRepository ? directory : nil }

    /// Throws (exit 2) when the configuration leaves no rule at all: an empty `.gitleaks.toml`
    /// replaces the built-in rules with nothing, and a scan with no rule finds nothing.
    func requireRules() throws(CLIError) {
        guard ruleSet.rules.isEmpty else { return }
        throw CLIError(
            message: "warning: \(path ?? "the configuration") leaves no rule at all, so nothing would be found "
                + "(a gitleaks configuration replaces the built-in rules unless [extend] useDefault = true)",
            status: .incomplete)
    }
}

enum ConfigurationLoader {
    static func load(_ context: CommandContext, root: String? = nil) throws -> LoadedConfiguration {
        let start = root ?? context.workingDirectory
        let path = try locate(context, root: start)
        guard let path else {
            return LoadedConfiguration(
                configuration: Configuration(), ruleSet: .builtin, directory: top(context, root: start), path: nil)
        }
        // A configuration found in the repository must be a file inside it: a link to a secrets
        // file of the user's is refused before it is read (and quoted in a parse error).
        let isFromRepository = explicitPath(context) == nil
        let text = try FileText.read(
            path, relativeTo: context.workingDirectory, kind: .configuration,
            confinedTo: isFromRepository ? top(context, root: start) : nil)
        let isGitleaks = path.hasSuffix("gitleaks.toml")
        let config = try Configuration.decode(text, file: path, isGitleaks: isGitleaks)
        for warning in config.warnings { context.console.err("keyhound: warning: \(warning)\n") }
        let full = FileText.resolve(path, relativeTo: context.workingDirectory)
        let directory = full.contains("/") ? String(full[..<full.lastIndex(of: "/")!]) : "."
        return LoadedConfiguration(
            configuration: config, ruleSet: try RuleSet.make(configuration: config),
            directory: directory.isEmpty ? "/" : directory,
            path: path, isFromRepository: isFromRepository)
    }

    /// `--config FILE`, else `KEYHOUND_CONFIG`: a configuration the user chose.
    static func explicitPath(_ context: CommandContext) -> String? {
        context.arguments.value("config") ?? context.environment["KEYHOUND_CONFIG"]
    }

    static func locate(_ context: CommandContext, root: String) throws -> String? {
        if let explicit = explicitPath(context) {
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
