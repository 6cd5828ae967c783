/// What to do when a key is found where it should not be (`on_leak`).
public enum LeakPolicy: String, Hashable, Sendable, CaseIterable, Codable {
    /// Report the finding; people decide.
    case report
    /// Start the normal rotation: create, distribute, verify, then revoke the old key.
    case rotate
    /// Revoke the leaked key first, then create and distribute a new one.
    case emergency
}
