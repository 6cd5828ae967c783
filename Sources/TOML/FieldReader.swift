import HoundRedaction

/// The typed-field reader of a TOML table (configuration, rules, rotation defaults).
public typealias TOMLFieldReader = FieldReader<TOMLTable>

/// Typed reads of one table's fields, the one decoder of every file keyhound reads field by field
/// (configuration, rules and rotation defaults in TOML; the inventory in TOML, JSON or YAML):
/// string, integer, number, Boolean, array, table, choice and parsed-string (durations, sizes)
/// fields, optional or required, aliases tried in turn; JSON's `null` reads as absent. Unknown
/// fields are refused with a did-you-mean (`EditDistance`) or, when not strict, returned as
/// warnings. Every problem is a `FieldError` at `file:line:column`: the key's position, or the
/// value's where the syntax records it (JSON).
///
/// Messages name a field `"retries"`, or with a `label` and `keyPrefix` as an inventory does,
/// `field "rotation.retries"`; the shape is the same: `<field> must be <what>, not <type>`.
public struct FieldReader<Table: FieldTable>: Sendable {
    /// The table read.
    public let table: Table
    /// The file it came from, for messages.
    public let file: String
    /// The fields the table may hold, aliases included (without `keyPrefix`).
    public let known: [String]
    /// Whether an unknown field is an error (else a warning).
    public let strictUnknownKeys: Bool
    /// Put before a field's quoted name in messages: "" (`"retries" must be …`) or `field `.
    public var label: String
    /// Put before a field's name inside the quotes: "" or the enclosing table's name and a dot
    /// (`rotation.`), also in did-you-mean suggestions.
    public var keyPrefix: String
    /// Whether an unknown field with no close match is answered with the list of known fields.
    public var listsKnownFields: Bool

    /// A reader of `table` from `file`, which may hold the fields `known`; `label`, `keyPrefix`
    /// and `listsKnownFields` shape the messages.
    @inlinable
    public init(
        table: Table, file: String, known: [String], strictUnknownKeys: Bool = true, label: String = "",
        keyPrefix: String = "", listsKnownFields: Bool = false
    ) {
        self.table = table
        self.file = file
        self.known = known
        self.strictUnknownKeys = strictUnknownKeys
        self.label = label
        self.keyPrefix = keyPrefix
        self.listsKnownFields = listsKnownFields
    }

    /// How messages name the field `key`: `"key"`, or `field "rotation.key"`.
    @inlinable
    public func subject(_ key: String) -> String {
        label + "\"" + keyPrefix + key + "\""
    }

    // MARK: Unknown fields

    /// Fails on the first field not in `known` (with a did-you-mean), or when not strict returns
    /// a `file:line:column: … (ignored)` warning for each. `context` names the table in messages
    /// (`rule "x"`, `[rotation]`).
    @inlinable
    public func checkUnknownKeys(context: String?) throws(FieldError) -> [String] {
        var warnings: [String] = []
        for key in table.keys where !known.contains(key) {
            let problem = unknownField(key, context: context)
            if strictUnknownKeys { throw problem }
            warnings.append(problem.description + " (ignored)")
        }
        return warnings
    }

    /// The error for the unknown field `key`, at the key: `unknown field "x"[ in <context>]`
    /// with the closest known name (`(did you mean "y"?)`), else the known names when
    /// `listsKnownFields`. A name that could be a secret is shown as an excerpt.
    @inlinable
    public func unknownField(_ key: String, context: String? = nil) -> FieldError {
        let name = keyPrefix + key
        let candidates = keyPrefix.isEmpty ? known : known.map { keyPrefix + $0 }
        var message = "unknown field \(Redaction.name(name))"
        if let context { message += " in \(context)" }
        if let suggestion = EditDistance.suggestion(for: name, among: candidates) {
            message += " (did you mean \"\(suggestion)\"?)"
        } else if listsKnownFields {
            message += " (known fields: \(candidates.joined(separator: ", ")))"
        }
        return error(at: key, message)
    }

    // MARK: Errors and positions

    /// An error at the key `key` (the table's own position when nil or absent).
    @inlinable
    public func error(at key: String?, _ message: String) -> FieldError {
        error(message, position: key.flatMap { table.position(of: $0) } ?? table.startPosition)
    }

    /// An error at the value of `key`: where the value starts when the syntax records it, else
    /// at the key.
    @inlinable
    public func valueError(at key: String, _ message: String) -> FieldError {
        error(message, position: problemPosition(of: key))
    }

    /// An error at `position`.
    @inlinable
    public func error(_ message: String, position: TOMLPosition?) -> FieldError {
        FieldError(file: file, position: position, message: message)
    }

    /// Where the value of `key` starts, or its key when the syntax does not say; the table's
    /// position when absent.
    @inlinable
    public func problemPosition(of key: String) -> TOMLPosition? {
        table[key]?.position ?? table.position(of: key) ?? table.startPosition
    }

    /// `<field> must be <expected>, not <type>`, at the value of `key`.
    @inlinable
    public func typeError(at key: String, expected: String) -> FieldError {
        let typeName = table[key]?.fieldTypeName ?? "absent"
        return valueError(at: key, "\(subject(key)) must be \(expected), not \(typeName)")
    }

    // MARK: Typed reads

    /// The first of `keys` the table holds (a `null` counts as absent), with its value.
    @inlinable
    public func value(_ keys: [String]) -> (key: String, value: Table.Value)? {
        for key in keys {
            if let value = table[key], !value.isNull { return (key, value) }
        }
        return nil
    }

    /// The field (the first of `keys` present) seen through `view`, nil when absent; a value
    /// `view` turns down is refused with `<field> must be <expected>, not <type>`.
    @inlinable
    public func expect<Value>(_ keys: String..., as expected: String, _ view: (Table.Value) -> Value?)
        throws(FieldError) -> Value?
    {
        guard let (key, value) = value(keys) else { return nil }
        guard let result = view(value) else { throw typeError(at: key, expected: expected) }
        return result
    }

    /// A string field (the first of `keys` present), nil when absent.
    @inlinable
    public func string(_ keys: String...) throws(FieldError) -> String? {
        guard let (key, value) = value(keys) else { return nil }
        guard let text = value.stringValue else { throw typeError(at: key, expected: "a string") }
        return text
    }

    /// A string field that must be present; `context` names the table in the message.
    @inlinable
    public func requiredString(_ key: String, context: String) throws(FieldError) -> String {
        guard let text = try string(key) else { throw error(at: nil, "\(context) is missing \"\(key)\"") }
        return text
    }

    /// An array-of-strings field, empty when absent.
    @inlinable
    public func strings(_ keys: String...) throws(FieldError) -> [String] {
        try stringArray(keys) ?? []
    }

    /// An array-of-strings field, nil when absent; an element of another type is reported where
    /// it was written (or at the key).
    @inlinable
    public func stringArray(_ keys: [String]) throws(FieldError) -> [String]? {
        guard let (key, value) = value(keys) else { return nil }
        guard let array = value.arrayValue else { throw typeError(at: key, expected: "an array of strings") }
        var out: [String] = []
        out.reserveCapacity(array.count)
        for element in array {
            guard let text = element.stringValue else {
                throw error(
                    "\(subject(key)) must be an array of strings, but holds \(element.fieldTypeName)",
                    position: element.position ?? problemPosition(of: key))
            }
            out.append(text)
        }
        return out
    }

    /// An integer field, nil when absent; outside `range` it is refused with `rangeMessage`.
    @inlinable
    public func int(_ keys: String..., in range: ClosedRange<Int64>? = nil, rangeMessage: String? = nil)
        throws(FieldError) -> Int?
    {
        guard let (key, value) = value(keys) else { return nil }
        guard let number = value.integerValue else {
            if let rangeMessage { throw valueError(at: key, rangeMessage) }
            throw typeError(at: key, expected: "an integer")
        }
        if let range, !range.contains(number) {
            throw valueError(at: key, rangeMessage ?? "\(subject(key)) must be \(range.lowerBound)…\(range.upperBound)")
        }
        return Int(number)
    }

    /// A number field (integer or float), nil when absent.
    @inlinable
    public func double(_ keys: String...) throws(FieldError) -> Double? {
        guard let (key, value) = value(keys) else { return nil }
        guard let number = value.doubleValue else { throw typeError(at: key, expected: "a number") }
        return number
    }

    /// A Boolean field, nil when absent.
    @inlinable
    public func bool(_ keys: String...) throws(FieldError) -> Bool? {
        guard let (key, value) = value(keys) else { return nil }
        guard let flag = value.boolValue else { throw typeError(at: key, expected: "true or false") }
        return flag
    }

    /// A string field naming one of `Choice`'s cases, nil when absent; another string is refused
    /// with the allowed names and the closest (`is "x", expected one of a, b (did you mean …)`).
    @inlinable
    public func oneOf<Choice: RawRepresentable & CaseIterable>(_ key: String, as _: Choice.Type = Choice.self)
        throws(FieldError) -> Choice? where Choice.RawValue == String
    {
        guard let (key, value) = value([key]) else { return nil }
        if let text = value.stringValue, let choice = Choice(rawValue: text) { return choice }
        let allowed = Choice.allCases.map(\.rawValue)
        let list = allowed.joined(separator: ", ")
        guard let text = value.stringValue else { throw typeError(at: key, expected: "one of \(list)") }
        throw valueError(
            at: key,
            "\(subject(key)) is \(Redaction.excerpt(text)), expected one of \(list)"
                + EditDistance.hint(for: text, among: allowed))
    }

    /// A string field turned into a value by `parse` (a duration, a size); nil when absent. A
    /// non-string is refused with `typeMessage`; a string `parse` rejects, with its error.
    @inlinable
    public func parsed<Value, Failure: Error>(
        _ key: String, typeMessage: String, _ parse: (String) throws(Failure) -> Value
    ) throws(FieldError) -> Value? {
        guard let (key, value) = value([key]) else { return nil }
        guard let text = value.stringValue else { throw valueError(at: key, typeMessage) }
        do {
            return try parse(text)
        } catch {
            throw valueError(at: key, "\(key): \(error)")
        }
    }

    /// A table field (the first of `keys` present), nil when absent.
    @inlinable
    public func table(_ keys: String...) throws(FieldError) -> Table? {
        guard let (key, value) = value(keys) else { return nil }
        guard let inner = value.tableValue else { throw valueError(at: key, "\(subject(key)) must be a table") }
        return inner
    }

    /// A table or array-of-tables field as a list of tables, empty when absent.
    @inlinable
    public func tables(_ keys: String...) throws(FieldError) -> [Table] {
        guard let (key, value) = value(keys) else { return [] }
        if let inner = value.tableValue { return [inner] }
        guard let array = value.arrayValue else {
            throw valueError(at: key, "\(subject(key)) must be a table or an array of tables")
        }
        var out: [Table] = []
        out.reserveCapacity(array.count)
        for element in array {
            guard let inner = element.tableValue else { throw valueError(at: key, "\(subject(key)) must hold only tables") }
            out.append(inner)
        }
        return out
    }
}
