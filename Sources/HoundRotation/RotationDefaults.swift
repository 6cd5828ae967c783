import HoundInventory
import HoundModel
import HoundSupport

/// Rotation settings shared by many keys: `[rotation.defaults.<provider-or-tag>]` tables of
/// `.keyhound.toml`, with the same fields as `[keys.rotation]`.
///
/// A key's effective settings are merged field by field, later sources winning:
/// 1. the defaults named after its provider: the first segment of its `rule` (`aws` for
///    `aws-access-key-id`), then the whole rule id;
/// 2. the defaults named after each of its `tags`, in the order the key lists them;
/// 3. the key's own `[keys.rotation]` table.
///
/// The CLI decodes the configuration and fills this value; nothing here reads files.
public struct RotationDefaults: Sendable, Equatable {
    /// Settings by provider name, rule id or tag.
    public var entries: [String: RotationSpec]
    /// Seconds a command may run when no `timeout` is set anywhere.
    public var timeout: Double
    /// Transient-failure retries when no `retries` is set anywhere.
    public var retries: Int

    /// Defaults from `[rotation.defaults.<name>]` tables.
    public init(entries: [String: RotationSpec] = [:], timeout: Double = 300, retries: Int = 2) {
        self.entries = entries
        self.timeout = timeout
        self.retries = retries
    }

    /// The sources that apply to `record`, least specific first (its own table last).
    public func sources(for record: KeyRecord) -> [(name: String, spec: RotationSpec)] {
        var names: [String] = []
        if let rule = record.rule {
            if let provider = rule.split(separator: "-").first.map(String.init), provider != rule {
                names.append(provider)
            }
            names.append(rule)
        }
        names += record.tags
        var seen: Set<String> = []
        var result: [(name: String, spec: RotationSpec)] = []
        for name in names where seen.insert(name).inserted {
            if let spec = entries[name] { result.append((name, spec)) }
        }
        if let own = record.rotation { result.append(("keys.rotation", own)) }
        return result
    }

    /// The merged `[keys.rotation]` settings of `record`; nil when no source names any.
    public func merged(for record: KeyRecord) -> RotationSpec? {
        let sources = sources(for: record)
        guard !sources.isEmpty else { return nil }
        let spec = sources.reduce(RotationSpec()) { $0.overlaid(with: $1.spec) }
        return spec.isEmpty ? nil : spec
    }
}
