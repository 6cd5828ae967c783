import HoundModel

/// A key the inventory knows, as a finding shows it: the reference every report format prints
/// and the status that sets the finding's severity.
public struct KnownKey: Hashable, Sendable {
    /// Name, owner, consumers, status, last rotation, `on_leak` and environment.
    public var reference: KeyReference
    /// Whether the key is in use.
    public var status: KeyStatus

    /// A known key from its parts.
    public init(reference: KeyReference, status: KeyStatus) {
        self.reference = reference
        self.status = status
    }
}
