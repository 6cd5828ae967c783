import Foundation
import TOML

/// The toml-test suite's tagged JSON: tables as objects, arrays as arrays, and every leaf as
/// `{"type": T, "value": "S"}`.
indirect enum TaggedJSON {
    case table([String: TaggedJSON])
    case array([TaggedJSON])
    case leaf(type: String, value: String)

    /// The tagged form of a parsed TOML value.
    init(_ value: TOMLValue) {
        switch value {
        case .string(let text): self = .leaf(type: "string", value: text)
        case .integer(let number): self = .leaf(type: "integer", value: String(number))
        case .float(let number):
            let text = number.isNaN ? "nan" : number.isInfinite ? (number < 0 ? "-inf" : "inf") : "\(number)"
            self = .leaf(type: "float", value: text)
        case .boolean(let flag): self = .leaf(type: "bool", value: flag ? "true" : "false")
        case .offsetDateTime(let dateTime): self = .leaf(type: "datetime", value: dateTime.text)
        case .localDateTime(let dateTime): self = .leaf(type: "datetime-local", value: dateTime.text)
        case .localDate(let dateTime): self = .leaf(type: "date-local", value: dateTime.text)
        case .localTime(let dateTime): self = .leaf(type: "time-local", value: dateTime.text)
        case .array(let elements): self = .array(elements.map(TaggedJSON.init))
        case .table(let table): self = TaggedJSON(table)
        }
    }

    /// The tagged form of a parsed TOML table.
    init(_ table: TOMLTable) {
        var members: [String: TaggedJSON] = [:]
        for (key, value) in table.entries { members[key] = TaggedJSON(value) }
        self = .table(members)
    }

    /// Reads the expected value from a suite `.json` file's contents.
    init?(json: Any) {
        if let object = json as? [String: Any] {
            if object.count == 2, let type = object["type"] as? String, let value = object["value"] as? String {
                self = .leaf(type: type, value: value)
                return
            }
            var members: [String: TaggedJSON] = [:]
            for (key, member) in object {
                guard let tagged = TaggedJSON(json: member) else { return nil }
                members[key] = tagged
            }
            self = .table(members)
        } else if let elements = json as? [Any] {
            var tagged: [TaggedJSON] = []
            for element in elements {
                guard let value = TaggedJSON(json: element) else { return nil }
                tagged.append(value)
            }
            self = .array(tagged)
        } else {
            return nil
        }
    }

    /// The first difference between `self` (actual) and `expected`, as `path: reason`, or nil
    /// when they agree semantically (floats by value, date-times normalised).
    func difference(from expected: TaggedJSON, at path: String = "") -> String? {
        switch (self, expected) {
        case (.table(let actual), .table(let wanted)):
            for key in Set(actual.keys).union(wanted.keys).sorted() {
                guard let have = actual[key] else { return "\(path).\(key): missing" }
                guard let want = wanted[key] else { return "\(path).\(key): unexpected" }
                if let difference = have.difference(from: want, at: "\(path).\(key)") { return difference }
            }
            return nil
        case (.array(let actual), .array(let wanted)):
            guard actual.count == wanted.count else {
                return "\(path): \(actual.count) elements, expected \(wanted.count)"
            }
            for (index, pair) in zip(actual, wanted).enumerated() {
                if let difference = pair.0.difference(from: pair.1, at: "\(path)[\(index)]") { return difference }
            }
            return nil
        case (.leaf(let type, let value), .leaf(let wantedType, let wantedValue)):
            guard type == wantedType else { return "\(path): type \(type), expected \(wantedType)" }
            guard Self.leafValuesMatch(type: type, value, wantedValue) else {
                return "\(path): \(type) \(value.debugDescription), expected \(wantedValue.debugDescription)"
            }
            return nil
        default:
            return "\(path): shape differs"
        }
    }

    /// Whether two leaf texts of `type` mean the same value.
    static func leafValuesMatch(type: String, _ lhs: String, _ rhs: String) -> Bool {
        switch type {
        case "float":
            guard let left = parseFloat(lhs), let right = parseFloat(rhs) else { return false }
            return left == right || (left.isNaN && right.isNaN)
        case "integer":
            return Int64(lhs) != nil && Int64(lhs) == Int64(rhs)
        case "datetime", "datetime-local", "date-local", "time-local":
            return normalizeDateTime(lhs) == normalizeDateTime(rhs)
        default:
            return lhs == rhs
        }
    }

    /// A float from suite text, which may say `inf`, `+inf`, `-inf` or `nan`.
    static func parseFloat(_ text: String) -> Double? {
        switch text {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: return Double(text)
        }
    }

    /// Date-time text in one spelling: `T`, `Z` upper case, no trailing zeros in the fraction,
    /// a zero offset as `Z`.
    static func normalizeDateTime(_ text: String) -> String {
        var characters = Array(text.uppercased())
        if characters.count > 10, characters[10] == " " { characters[10] = "T" }
        var result = String(characters)
        for zero in ["+00:00", "-00:00"] where result.hasSuffix(zero) {
            result = String(result.dropLast(6)) + "Z"
        }
        guard let dot = result.firstIndex(of: ".") else { return result }
        let end = result[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }) ?? result.endIndex
        var fraction = result[dot..<end]
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        if fraction == "." { fraction = "" }
        let suffix = result[end...]
        return String(result[..<dot]) + fraction + suffix
    }
}
