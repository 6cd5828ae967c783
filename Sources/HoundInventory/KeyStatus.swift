/// Whether a key is in use.
public enum KeyStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// In use: a leak is critical.
    case active
    /// Replaced and no longer used, but perhaps not yet revoked at the provider.
    case retired
    /// Revoked at the provider: a leak is harmless, though still worth cleaning up.
    case revoked
}
