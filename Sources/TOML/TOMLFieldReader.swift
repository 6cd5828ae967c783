import HoundRedaction

/// Typed reads of one table's fields, for files keyhound decodes from TOML (configuration,
/// rules, rotation defaults): string, integer, number, Boolean, array, table and parsed-string
/// (durations, sizes) fields, optional or required, aliases tried in turn; unknown fields refused
/// with a did-you-mean (`EditDistance`) or, when not strict, returned as warnings. Every problem
/// is a `TOMLFieldError` at the `file:line:column` of the offending key.
public struct TOMLFieldReader: Sendable {
    /// The table read.
    public let table: TOMLTable
    /// The file it came from, for messages.
    public let file: String
    /// The fields the table may hold, aliases included.
    public let known: [String]
    /// Whether an unknown field is an error (else a warning).
    public let strictUnknownKeys: Bool

    /// A reader of `table` from `file`, which may hold the fields `known`.
    public init(table: TOMLTable, file: String, known: [String], strictUnknownKeys: Bool = true) {
        self.table = table
        self.file = file
        self.known = known
        self.strictUnknownKeys = strictUnknownKeys
    }

    /// Fails on the first field not in `known` (with a did-you-mean), or when not strict returns
    /// a `file:line:column: … (ignored)` warning for each. `context` names the table in messages
    /// (`rule "x"`, `[rotation]`).
    public func checkUnknownKeys(context: String) throws(TOMLFieldError) -> [String] {
        var warnings: [String] = []
        for key in table.keys where !known.contains(key) {
            let message = "unknown field \(Redaction.name(key)) in \(context)" + EditDistance.hint(for: key, among: known)
            let problem = error(at: key, message)
            if strictUnknownKeys { throw problem }
            warnings.append(problem.description + " (ignored)")
        }
        return warnings
    }

    /// An error at the key `key` (the table's own position when nil or absent).
    public func error(at key: String?, _ message: String) -> TOMLFieldError {
        TOMLFieldError(file: file, position: key.flatMap { table.position(of: $0) } ?? table.position, message: message)
    }

    /// The first of `keys` the table holds, with its value.
    public func value(_ keys: [String]) -> (key: String, value: TOMLValue)? {
        for key in keys { if let value = table[key] { return (key, value) } }
        return nil
    }

    /// A string field (the first of `keys` present), nil when absent.
    public func string(_ keys: String...) throws(TOMLFieldError) -> String? {
        guard let (key, value) = value(keys) else { return nil }
        guard let text = value.stringValue else { throw error(at: key, "\"\(key)\" must be a string, not \(value.typeName)") }
        return text
    }

    /// A string field that must be present; `context` names the table in the message.
    public func requiredString(_ key: String, context: String) throws(TOMLFieldError) -> String {
        guard let text = try string(key) else { throw error(at: nil, "\(context) is missing \"\(key)\"") }
        return text
    }

    /// An array-of-strings field, empty when absent.
    public func strings(_ keys: String...) throws(TOMLFieldError) -> [String] {
        try stringArray(keys) ?? []
    }

    /// An array-of-strings field, nil when absent.
    public func stringArray(_ keys: [String]) throws(TOMLFieldError) -> [String]? {
        guard let (key, value) = value(keys) else { return nil }
        guard let array = value.arrayValue else {
            throw error(at: key, "\"\(key)\" must be an array of strings, not \(value.typeName)")
        }
        var out: [String] = []
        for element in array {
            guard let text = element.stringValue else {
                throw error(at: key, "\"\(key)\" must hold only strings, found \(element.typeName)")
            }
            out.append(text)
        }
        return out
    }

    /// An integer field, nil when absent; outside `range` it is refused with `rangeMessage`.
    public func int(_ keys: String..., in range: ClosedRange<Int64>? = nil, rangeMessage: String? = nil)
        throws(TOMLFieldError) -> Int?
    {
        guard let (key, value) = value(keys) else { return nil }
        guard let number = value.integerValue else {
            throw error(at: key, rangeMessage ?? "\"\(key)\" must be an integer, not \(value.typeName)")
        }
        if let range, !range.contains(number) {
            throw error(at: key, rangeMessage ?? "\"\(key)\" must be \(range.lowerBound)…\(range.upperBound)")
        }
        return Int(number)
    }

    /// A number field (integer or float), nil when absent.
    public func double(_ keys: String...) throws(TOMLFieldError) -> Double? {
        guard let (key, value) = value(keys) else { return nil }
        guard let number = value.doubleValue else { throw error(at: key, "\"\(key)\" must be a number, not \(value.typeName)") }
        return number
    }

    /// A Boolean field, nil when absent.
    public func bool(_ keys: String...) throws(TOMLFieldError) -> Bool? {
        guard let (key, value) = value(keys) else { return nil }
        guard let flag = value.boolValue else { throw error(at: key, "\"\(key)\" must be true or false, not \(value.typeName)") }
        return flag
    }

    /// A string field turned into a value by `parse` (a duration, a size); nil when absent. A
    /// non-string is refused with `typeMessage`; a string `parse` rejects, with its error.
    public func parsed<Value, Failure: Error>(
        _ key: String, typeMessage: String, _ parse: (String) throws(Failure) -> Value
    ) throws(TOMLFieldError) -> Value? {
        guard let value = table[key] else { return nil }
        guard let text = value.stringValue else { throw error(at: key, typeMessage) }
        do {
            return try parse(text)
        } catch {
            throw self.error(at: key, "\(key): \(error)")
        }
    }

    /// A table field (the first of `keys` present), nil when absent.
    public func table(_ keys: String...) throws(TOMLFieldError) -> TOMLTable? {
        guard let (key, value) = value(keys) else { return nil }
        guard let inner = value.tableValue else { throw error(at: key, "\"\(key)\" must be a table") }
        return inner
    }

    /// A table or array-of-tables field as a list of tables, empty when absent.
    public func tables(_ keys: String...) throws(TOMLFieldError) -> [TOMLTable] {
        guard let (key, value) = value(keys) else { return [] }
        if let inner = value.tableValue { return [inner] }
        guard let array = value.arrayValue else { throw error(at: key, "\"\(key)\" must be a table or an array of tables") }
        var out: [TOMLTable] = []
        for element in array {
            guard let inner = element.tableValue else { throw error(at: key, "\"\(key)\" must hold only tables") }
            out.append(inner)
        }
        return out
    }
}

/// A problem in a TOML file's content, at `file:line:column` (a syntax error, or a field of the
/// wrong type, value or name).
public struct TOMLFieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file that holds the problem.
    public var file: String
    /// Where, when known.
    public var position: TOMLPosition?
    /// What is wrong, in plain words.
    public var message: String

    /// An error from its parts.
    public init(file: String, position: TOMLPosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    /// An error at `line:column` (0 for unknown).
    public init(file: String, line: Int, column: Int, message: String) {
        self.init(file: file, position: line > 0 ? TOMLPosition(line: line, column: column) : nil, message: message)
    }

    /// A syntax error of `file`.
    public init(file: String, _ error: TOMLError) {
        self.init(file: file, position: error.position, message: error.message)
    }

    /// The 1-based line, 0 when unknown.
    public var line: Int { position?.line ?? 0 }
    /// The 1-based column, 0 when unknown.
    public var column: Int { position?.column ?? 0 }

    /// `file:line:column: message`, or `file: message` without a position.
    public var description: String {
        position.map { "\(file):\($0.line):\($0.column): \(message)" } ?? "\(file): \(message)"
    }
}
