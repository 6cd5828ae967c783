import HoundPipeline
import HoundRules

/// Finds and reads the configuration a command uses, first found wins: `--config FILE`,
/// `KEYHOUND_CONFIG`, `GITLEAKS_CONFIG` (a file), `GITLEAKS_CONFIG_TOML` (the text itself), then
/// `.keyhound.toml` or `.gitleaks.toml` at the repository root (the nearest folder above the scan
/// root holding `.git`), else built-in rules only.
///
/// When both `.keyhound.toml` and `.gitleaks.toml` are there, `.keyhound.toml` wins and a warning
/// says that `.gitleaks.toml` is not read, unless `.keyhound.toml` extends it (`[extend] path =
/// ".gitleaks.toml"`: both apply). The dialect of each file is recognised from its content; a
/// file whose content contradicts its name gets a note saying how it is read.
struct LoadedConfiguration {
    var configuration: Configuration
    var ruleSet: RuleSet
    /// Folder that relative paths in the configuration are resolved against.
    var directory: String
    /// The file used, if any.
    var path: String?
    /// Whether the file was found in the scanned repository (not given with `--config`,
    /// `KEYHOUND_CONFIG` or `GITLEAKS_CONFIG`): hostile input, which may lower limits but never
    /// raise them, and whose files (inventory, baseline, extended configurations) must stay
    /// inside the repository.
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
    /// How deep `[extend] path` chains may go.
    static let maxExtendDepth = 4

    /// Where a configuration comes from.
    enum Source {
        /// A file: given by the user (`--config`, `KEYHOUND_CONFIG`, `GITLEAKS_CONFIG`), the
        /// user's choice wherever it lies; or found at the repository's top, the repository's.
        case file(String, hint: ConfigurationDialect, isFromRepository: Bool)
        case text(String, name: String)
    }

    static func load(_ context: CommandContext, root: String? = nil) throws -> LoadedConfiguration {
        let start = root ?? context.workingDirectory
        let top = top(context, root: start)
        guard let source = try locate(context, top: top) else {
            return LoadedConfiguration(configuration: Configuration(), ruleSet: .builtin, directory: top, path: nil)
        }
        var config: Configuration
        var directory = context.workingDirectory
        var path: String?
        // A configuration found in the repository must be a file inside it: a link to a secrets
        // file of the user's is refused before it is read (and quoted in a parse error).
        var isFromRepository = false
        switch source {
        case .file(let file, let hint, let fromRepository):
            isFromRepository = fromRepository
            let text = try FileText.read(
                file, relativeTo: context.workingDirectory, kind: .configuration,
                confinedTo: isFromRepository ? top : nil)
            config = try decode(text, file: file, hint: hint, context)
            let full = FileText.resolve(file, relativeTo: context.workingDirectory)
            let folder = full.contains("/") ? String(full[..<full.lastIndex(of: "/")!]) : "."
            directory = folder.isEmpty ? "/" : folder
            path = file
        case .text(let text, let name):
            config = try decode(text, file: name, hint: .gitleaks, context)
        }
        config = try resolveExtends(
            config, directory: directory, context: context,
            seen: [path.map { FileText.resolve($0, relativeTo: context.workingDirectory) } ?? ""],
            confinedTo: isFromRepository ? top : nil)
        if case .file(let file, _, _) = source, file == top + "/.keyhound.toml" {
            let gitleaks = top + "/.gitleaks.toml"
            if FileText.exists(gitleaks) && !config.extendedFiles.contains(gitleaks) {
                context.console.err(
                    "keyhound: warning: both .keyhound.toml and .gitleaks.toml are at \(top): using .keyhound.toml only; "
                        + ".gitleaks.toml is NOT read (add [extend] path = \".gitleaks.toml\" to .keyhound.toml to apply both)\n")
            }
        }
        let ruleSet = try RuleSet.make(configuration: config)
        for warning in ruleSet.warnings { context.console.err("keyhound: warning: \(warning)\n") }
        return LoadedConfiguration(
            configuration: config, ruleSet: ruleSet, directory: directory, path: path, isFromRepository: isFromRepository)
    }

    /// Decodes one file, printing its warnings and a note when its content contradicts its name.
    static func decode(_ text: String, file: String, hint: ConfigurationDialect, _ context: CommandContext) throws
        -> Configuration
    {
        let config = try Configuration.decode(text, file: file, hint: hint)
        for warning in config.warnings { context.console.err("keyhound: warning: \(warning)\n") }
        if config.dialect != hint {
            let fields = config.dialectEvidence.prefix(3).joined(separator: ", ")
            let meaning =
                config.dialect == .gitleaks
                ? "its rules replace the built-in ones unless [extend] useDefault = true"
                : "the built-in rules stay on unless [extend] use_default = false"
            context.console.err(
                "keyhound: note: \(file) is read as a \(config.dialect.rawValue) configuration (it uses \(fields)): \(meaning)\n")
        }
        return config
    }

    /// `config` on top of the files its `[extend] path` chain names (relative to the folder of the
    /// file naming them).
    static func resolveExtends(
        _ config: Configuration, directory: String, context: CommandContext, seen: [String], depth: Int = 0,
        confinedTo root: String? = nil
    ) throws -> Configuration {
        guard let relative = config.extendPath else { return config }
        let at = config.extendPosition.map { "\(config.file):\($0.line):\($0.column)" } ?? config.file
        guard depth < maxExtendDepth else {
            throw CLIError(message: "\(at): [extend] path: more than \(maxExtendDepth) levels of extended files", status: .incomplete)
        }
        let full = FileText.resolve(relative, relativeTo: directory)
        guard !seen.contains(full) else {
            throw CLIError(message: "\(at): [extend] path: \(relative) extends itself (a cycle)", status: .incomplete)
        }
        guard FileText.exists(full) else {
            throw CLIError(message: "\(at): [extend] path: \(relative) not found", status: .incomplete)
        }
        let text = try FileText.read(full, relativeTo: "/", kind: .configuration, confinedTo: root)
        var base = try decode(text, file: full, hint: ConfigurationDialect.hint(forPath: full), context)
        base = try resolveExtends(base, directory: ConfigurationLoader.parent(of: full), context: context, seen: seen + [full], depth: depth + 1, confinedTo: root)
        return try config.extending(base)
    }

    static func locate(_ context: CommandContext, top: String) throws -> Source? {
        let environment = context.environment
        let explicit: [(String?, String)] = [
            (context.arguments.value("config"), "--config"), (environment["KEYHOUND_CONFIG"], "KEYHOUND_CONFIG"),
            (environment["GITLEAKS_CONFIG"], "GITLEAKS_CONFIG"),
        ]
        for case (let value?, let origin) in explicit where !value.isEmpty {
            guard FileText.exists(FileText.resolve(value, relativeTo: context.workingDirectory)) else {
                throw CLIError(message: "configuration file not found: \(value) (from \(origin))", status: .incomplete)
            }
            let hint: ConfigurationDialect = origin == "GITLEAKS_CONFIG" ? .gitleaks : ConfigurationDialect.hint(forPath: value)
            return .file(value, hint: hint, isFromRepository: false)
        }
        if let text = environment["GITLEAKS_CONFIG_TOML"], !text.isEmpty {
            return .text(text, name: "$GITLEAKS_CONFIG_TOML")
        }
        for name in [".keyhound.toml", ".gitleaks.toml"] {
            let candidate = top + "/" + name
            if FileText.exists(candidate) {
                return .file(candidate, hint: ConfigurationDialect.hint(forPath: candidate), isFromRepository: true)
            }
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
    static func repositoryTop(from start: String) -> String? { FilePaths.repositoryTop(from: start) }

    /// `path` without trailing `/.` components (`/repo/.` is `/repo`).
    static func normalised(_ path: String) -> String { FilePaths.normalised(path) }

    /// The folder holding `path`.
    static func parent(of path: String) -> String { FilePaths.parent(of: path) }
}
