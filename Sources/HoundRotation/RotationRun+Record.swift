#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory

extension RotationRun {
    /// Sets the inventory's fingerprint, provider id, last rotation time (and expiry, when
    /// `create` gave one) to the new key's, and keeps the old key as a retired version
    /// (`[[keys.previous]]`: fingerprint, provider id, created, revoked on).
    mutating func recordInventory() throws(RotationError) -> Bool {
        try writeAhead(.recordInventory)
        guard let fingerprint = state.newFingerprint else {
            return try fail(.recordInventory, "the new key's fingerprint is unknown")
        }
        let retired = state.oldFingerprint.map { old in
            RetiredKey(
                fingerprint: old, providerID: state.oldProviderID, created: state.oldCreated,
                revokedAt: state.oldRevokedAt ?? engine.clock())
        }
        do {
            try engine.inventory.recordRotation(
                of: state.key, fingerprint: fingerprint, providerID: state.newProviderID, rotatedAt: engine.clock(),
                expires: state.newExpires, retired: retired)
        } catch {
            return try fail(.recordInventory, error.description)
        }
        try succeed(.recordInventory, then: .recorded, [("fingerprint", fingerprint.short)])
        return true
    }
}
