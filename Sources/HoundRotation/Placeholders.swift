import HoundSupport

/// The `{name}`-style placeholders of rotation commands, expanded inside each argument (never by
/// a shell, so a value with spaces or quotes stays one argument).
///
/// | placeholder | value |
/// |---|---|
/// | `{name}` | the inventory key's name |
/// | `{date}` | the UTC day the rotation started, `2026-10-01` |
/// | `{rotation_id}` | this rotation's id, `20261001-3fa9c2d1` |
/// | `{kind}` | `scheduled` or `emergency` |
/// | `{old_provider_id}` | the old key's provider id; in `revoke`, the key being revoked |
/// | `{new_provider_id}` | the new key's provider id (after `create`) |
/// | `{provider_id}` | in `revoke`: the key being revoked (the old one, or the new one in a rollback) |
/// | `{outcome}` | in `notify`: `done`, `blocked`, `rolled-back`, `aborted`, `failed`, `circuit-open` |
/// | `{consumer}` | in a per-consumer `distribute`, `verify` or `rollback`: the consumer |
/// | `{error}` | in `notify`: what blocked or ended the rotation |
/// | `{owner}`, `{consumers}`, `{environment}` | the key's, from the inventory |
/// | `{trigger}` | `manual`, `schedule`, `leak`, `emergency` or `takeover` |
///
/// Which step has which is ``StepDefinition/placeholders``.
///
/// `{{` and `}}` stand for literal braces. The secret is never a placeholder: it only ever
/// travels on stdin.
public enum Placeholders {
    /// Every placeholder name.
    public static let names = Placeholder.allCases.map(\.rawValue)

    /// The placeholder names used in `template`, in order of appearance.
    public static func used(in template: [String]) throws(PlaceholderError) -> [String] {
        var found: [String] = []
        for argument in template {
            _ = try expand(argument) { name in
                found.append(name)
                return ""
            }
        }
        return found
    }

    /// `template` with every placeholder replaced by `values[name]`.
    ///
    /// - Throws: `PlaceholderError` for an unknown name, an unclosed brace, or a name whose
    ///   value is not known at this step (nil or absent in `values`).
    public static func expand(_ template: [String], values: [String: String]) throws(PlaceholderError) -> [String] {
        var result: [String] = []
        for argument in template {
            result.append(
                try expand(argument) { name throws(PlaceholderError) in
                    guard let value = values[name] else { throw PlaceholderError(argument: argument, problem: .unavailable(name)) }
                    return value
                })
        }
        return result
    }

    /// `argument` with each `{name}` replaced by `value(name)`; names are checked against ``names``.
    static func expand(
        _ argument: String, value: (String) throws(PlaceholderError) -> String
    ) throws(PlaceholderError) -> String {
        var out = ""
        var scalars = argument.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "{":
                if scalars.first == "{" {
                    scalars.removeFirst()
                    out += "{"
                    continue
                }
                guard let close = scalars.firstIndex(of: "}") else {
                    throw PlaceholderError(argument: argument, problem: .unclosed)
                }
                let name = String(String.UnicodeScalarView(scalars[..<close]))
                scalars = scalars[scalars.index(after: close)...]
                guard names.contains(name) else {
                    throw PlaceholderError(
                        argument: argument,
                        problem: .unknown(name, suggestion: EditDistance.suggestion(for: name, among: names)))
                }
                out += try value(name)
            case "}":
                if scalars.first == "}" { scalars.removeFirst() }
                out += "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A placeholder that cannot be expanded, with the argument it appears in.
public struct PlaceholderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        /// `{nmae}`: not a placeholder keyhound knows.
        case unknown(String, suggestion: String?)
        /// A `{` without its `}` (write `{{` for a literal brace).
        case unclosed
        /// A known placeholder without a value at this step (`{new_provider_id}` in `create`).
        case unavailable(String)
    }

    /// The argument as written.
    public var argument: String
    /// What is wrong with it.
    public var problem: Problem

    /// `unknown placeholder {nmae} in "--label={nmae}" (did you mean {name}?)`.
    public var description: String {
        switch problem {
        case .unknown(let name, let suggestion):
            let hint = suggestion.map { " (did you mean {\($0)}?)" } ?? ""
            return "unknown placeholder {\(name)} in \"\(argument)\"\(hint); known: "
                + Placeholders.names.map { "{\($0)}" }.joined(separator: ", ")
        case .unclosed:
            return "unclosed \"{\" in \"\(argument)\" (write {{ for a literal brace)"
        case .unavailable(let name):
            return "placeholder {\(name)} in \"\(argument)\" has no value at this step"
        }
    }
}
