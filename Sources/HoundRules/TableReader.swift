import TOML
import HoundRedaction

/// Typed, position-aware reads from a TOML table, producing `RuleError`s that name the file,
/// line and column of the offending key.
struct TableReader {
    let table: TOMLTable
    let file: String
    /// Keys this table may hold (for unknown-field errors); aliases map to canonical names.
    let known: [String]
    let strictUnknownKeys: Bool

    /// Fails on the first key not in `known`, with a suggestion.
    func checkUnknownKeys(context: String) throws(RuleError) -> [String] {
        var warnings: [String] = []
        for key in table.keys where !known.contains(key) {
            let message = "unknown field \(Redaction.name(key)) in \(context)" + Suggestion.hint(for: key, in: known)
            if strictUnknownKeys { throw error(at: key, message) }
            let p = table.position(of: key)
            warnings.append("\(file):\(p?.line ?? 0):\(p?.column ?? 0): \(message) (ignored)")
        }
        return warnings
    }

    func error(at key: String?, _ message: String) -> RuleError {
        let p = key.flatMap { table.position(of: $0) } ?? table.position
        return RuleError(file: file, line: p.line, column: p.column, message: message)
    }

    func value(_ keys: [String]) -> (String, TOMLValue)? {
        for key in keys { if let v = table[key] { return (key, v) } }
        return nil
    }

    func string(_ keys: String...) throws(RuleError) -> String? {
        guard let (key, v) = value(keys) else { return nil }
        guard let s = v.stringValue else { throw error(at: key, "\"\(key)\" must be a string, not \(v.typeName)") }
        return s
    }

    func requiredString(_ key: String, context: String) throws(RuleError) -> String {
        guard let s = try string(key) else { throw error(at: nil, "\(context) is missing \"\(key)\"") }
        return s
    }

    func strings(_ keys: String...) throws(RuleError) -> [String] {
        guard let (key, v) = value(keys) else { return [] }
        guard let array = v.arrayValue else { throw error(at: key, "\"\(key)\" must be an array of strings, not \(v.typeName)") }
        var out: [String] = []
        for element in array {
            guard let s = element.stringValue else {
                throw error(at: key, "\"\(key)\" must hold only strings, found \(element.typeName)")
            }
            out.append(s)
        }
        return out
    }

    func int(_ keys: String...) throws(RuleError) -> Int? {
        guard let (key, v) = value(keys) else { return nil }
        guard let i = v.integerValue else { throw error(at: key, "\"\(key)\" must be an integer, not \(v.typeName)") }
        return Int(i)
    }

    func double(_ keys: String...) throws(RuleError) -> Double? {
        guard let (key, v) = value(keys) else { return nil }
        guard let d = v.doubleValue else { throw error(at: key, "\"\(key)\" must be a number, not \(v.typeName)") }
        return d
    }

    func bool(_ keys: String...) throws(RuleError) -> Bool? {
        guard let (key, v) = value(keys) else { return nil }
        guard let b = v.boolValue else { throw error(at: key, "\"\(key)\" must be true or false, not \(v.typeName)") }
        return b
    }

    func tables(_ keys: String...) throws(RuleError) -> [TOMLTable] {
        guard let (key, v) = value(keys) else { return [] }
        if let t = v.tableValue { return [t] }
        guard let array = v.arrayValue else { throw error(at: key, "\"\(key)\" must be a table or an array of tables") }
        var out: [TOMLTable] = []
        for element in array {
            guard let t = element.tableValue else { throw error(at: key, "\"\(key)\" must hold only tables") }
            out.append(t)
        }
        return out
    }
}
