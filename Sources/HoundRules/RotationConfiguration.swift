import HoundModel
import HoundSupport
import TOML

/// The configuration's `[rotation]` table: `timeout` and `retries` for every command, and the
/// `[rotation.defaults.<provider-or-tag>]` tables (same fields as an inventory key's
/// `[keys.rotation]`), decoded where the configuration is, with `file:line:column` errors.
public struct RotationConfiguration: Sendable, Equatable {
    /// How long a command may run when nothing closer says.
    public var timeout: DurationSpec?
    /// Transient-failure retries when nothing closer says.
    public var retries: Int?
    /// Settings by provider name, rule id or tag.
    public var defaults: [String: RotationSpec]

    /// A configuration from its parts.
    public init(timeout: DurationSpec? = nil, retries: Int? = nil, defaults: [String: RotationSpec] = [:]) {
        self.timeout = timeout
        self.retries = retries
        self.defaults = defaults
    }

    /// The fields of `[rotation]`.
    static let fields = ["defaults", "timeout", "retries"]

    /// Decodes the `[rotation]` table `table` of `file`.
    static func decode(_ table: TOMLTable, file: String) throws(RuleError) -> RotationConfiguration {
        let reader = TOMLFieldReader(table: table, file: file, known: fields)
        _ = try reader.checkUnknownKeys(context: "[rotation]")
        var out = RotationConfiguration()
        out.timeout = try reader.parsed("timeout", typeMessage: "[rotation] timeout must be a duration like \"5m\"") {
            (text: String) throws(DurationSpecError) in try DurationSpec(parsing: text)
        }
        out.retries = try reader.int("retries", in: RotationSpec.retriesRange, rangeMessage: "[rotation] retries must be 0…100")
        guard let entries = table["defaults"] else { return out }
        guard let entriesTable = entries.tableValue else { throw reader.error(at: "defaults", "[rotation.defaults] must be a table") }
        for (name, value) in entriesTable.entries {
            guard let inner = value.tableValue else {
                throw TOMLFieldReader(table: entriesTable, file: file, known: []).error(
                    at: name, "[rotation.defaults.\(name)] must be a table")
            }
            out.defaults[name] = try spec(TOMLFieldReader(table: inner, file: file, known: RotationSpec.fieldNames), name: name)
        }
        return out
    }

    /// One `[rotation.defaults.<name>]` table.
    private static func spec(_ reader: TOMLFieldReader, name: String) throws(RuleError) -> RotationSpec {
        _ = try reader.checkUnknownKeys(context: "[rotation.defaults.\(name)]")
        var spec = RotationSpec()
        for field in RotationCommandField.allCases {
            let key = field.rawValue
            let argvMessage = "\(key) must be a non-empty array of strings (argv, run without a shell)"
            guard reader.table[key] != nil else { continue }
            let argv: [String]?
            do { argv = try reader.stringArray([key]) } catch { throw reader.error(at: key, argvMessage) }
            guard let argv, let first = argv.first, !first.isEmpty else { throw reader.error(at: key, argvMessage) }
            spec[field] = argv
        }
        spec.grace = try duration(reader, "grace", allowingZero: true)
        spec.timeout = try duration(reader, "timeout")
        spec.retries = try reader.int("retries", in: RotationSpec.retriesRange)
        spec.minSecretBits = try reader.int("min_secret_bits", in: RotationSpec.minSecretBitsRange)
        spec.perConsumer = try reader.bool("per_consumer")
        return spec
    }

    /// A duration field of a defaults table.
    private static func duration(_ reader: TOMLFieldReader, _ key: String, allowingZero: Bool = false) throws(RuleError)
        -> DurationSpec?
    {
        try reader.parsed(key, typeMessage: "\(key) must be a duration string like \"24h\"") {
            (text: String) throws(DurationSpecError) in try DurationSpec(parsing: text, allowingZero: allowingZero)
        }
    }
}
