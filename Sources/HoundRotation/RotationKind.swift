/// Why and in which order a rotation runs.
public enum RotationKind: String, Sendable, CaseIterable, Codable {
    /// Create, distribute and verify the new key, wait out the grace period, then revoke the old
    /// one. The old key stays valid until the new one is known to work.
    case scheduled
    /// The old key has leaked: revoke it first, then create, distribute and verify a new one.
    /// Consumers are without a working key in between; that is the price of closing the leak.
    case emergency
}
