import TOML

/// A problem in a rule file or configuration, located at `file:line:column`: the TOML field
/// decoder's error (`FieldError`), so every decoder of these files reports alike.
public typealias RuleError = FieldError
