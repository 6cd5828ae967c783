import TOML

/// A 1-based line and column in an inventory, baseline, ignore or import file: the TOML
/// reader's position, so every file keyhound decodes reports places alike.
public typealias SourcePosition = TOMLPosition
