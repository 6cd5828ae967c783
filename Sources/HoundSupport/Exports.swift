/// `Redaction`, `Entropy` and `EditDistance` live in the leaf target HoundRedaction (so the TOML
/// reader can use them too); every target that imports HoundSupport sees them as before.
@_exported import HoundRedaction
