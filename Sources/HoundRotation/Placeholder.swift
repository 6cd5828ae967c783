/// One `{name}`-style placeholder of rotation commands (see ``Placeholders`` for expansion and
/// ``StepDefinition/placeholders`` for where each has a value).
public enum Placeholder: String, Sendable, CaseIterable, Hashable {
    /// The inventory key's name.
    case name
    /// The UTC day the rotation started, `2026-10-01`.
    case date
    /// This rotation's id, `20261001-3fa9c2d1`.
    case rotationID = "rotation_id"
    /// `scheduled` or `emergency`.
    case kind
    /// The old key's provider id (in a rollback's `revoke`, the key being revoked).
    case oldProviderID = "old_provider_id"
    /// The new key's provider id (after `create`).
    case newProviderID = "new_provider_id"
    /// In `revoke`: the key being revoked (the old one, or the new one in a rollback).
    case providerID = "provider_id"
    /// In `notify`: `done`, `waiting`, `blocked`, `rolled-back`, `aborted`, `failed`, `circuit-open`.
    case outcome
    /// In `distribute`, `verify` and `rollback` run per consumer: the consumer.
    case consumer
    /// In `notify`: the error that blocked or failed the rotation ("" when none).
    case error
    /// The key's owner ("" when none).
    case owner
    /// The key's consumers, comma-separated.
    case consumers
    /// The key's environment ("" when none).
    case environment
    /// What started the rotation: `manual`, `schedule`, `leak`, `emergency` or `takeover`.
    case trigger
}
