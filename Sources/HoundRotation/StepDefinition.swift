import HoundInventory
import HoundModel

/// Everything about one kind of step, in one place: the command it runs, the placeholders that
/// have a value when it runs, what its stdin carries, whether it may run per consumer, and the
/// step that undoes it. The engine, the plan, the checks of a key's commands and the README's
/// tables all read it from here.
public struct StepDefinition: Sendable {
    /// What a step's stdin carries.
    public enum Input: String, Sendable {
        /// Nothing (an empty stdin).
        case nothing
        /// The new secret (distribute, and verify while keyhound still holds it).
        case newSecret = "the new secret"
    }

    /// The `[keys.rotation]` command it runs; nil for the inventory update keyhound makes itself.
    public var field: RotationCommandField?
    /// The placeholders with a value when it runs.
    public var placeholders: Set<Placeholder>
    /// Its stdin.
    public var input: Input
    /// Whether it runs once per consumer when its command names `{consumer}` (or `per_consumer`).
    public var mayRunPerConsumer: Bool
    /// The step that undoes it, if any (a new key is revoked, a consumer's store restored).
    public var undo: RotationStep?
    /// Whether exit status 75 is retried with backoff (every command step).
    public var retriesTransientFailures: Bool { field != nil }

    /// The placeholders every step has.
    static let common: Set<Placeholder> = [
        .name, .date, .rotationID, .kind, .oldProviderID, .owner, .consumers, .environment, .trigger,
    ]
}

extension RotationStep {
    /// The definition of this step.
    public var definition: StepDefinition {
        let common = StepDefinition.common
        switch self {
        case .create:
            return StepDefinition(field: .create, placeholders: common, input: .nothing, mayRunPerConsumer: false, undo: .revokeNew)
        case .distribute:
            return StepDefinition(
                field: .distribute, placeholders: common.union([.newProviderID, .consumer]), input: .newSecret,
                mayRunPerConsumer: true, undo: .rollback)
        case .verify:
            return StepDefinition(
                field: .verify, placeholders: common.union([.newProviderID, .consumer]), input: .newSecret,
                mayRunPerConsumer: true, undo: nil)
        case .promote:
            return StepDefinition(
                field: .promote, placeholders: common.union([.newProviderID]), input: .nothing, mayRunPerConsumer: false,
                undo: .rollback)
        case .confirm:
            return StepDefinition(
                field: .verify, placeholders: common.union([.newProviderID, .consumer]), input: .nothing,
                mayRunPerConsumer: true, undo: nil)
        case .revokeOld, .revokeNew:
            return StepDefinition(
                field: .revoke, placeholders: common.union([.newProviderID, .providerID]), input: .nothing,
                mayRunPerConsumer: false, undo: nil)
        case .rollback:
            return StepDefinition(
                field: .rollback, placeholders: common.union([.newProviderID, .consumer]), input: .nothing,
                mayRunPerConsumer: true, undo: nil)
        case .recordInventory:
            return StepDefinition(field: nil, placeholders: [], input: .nothing, mayRunPerConsumer: false, undo: nil)
        case .notify:
            return StepDefinition(
                field: .notify, placeholders: common.union([.newProviderID, .outcome, .error]), input: .nothing,
                mayRunPerConsumer: false, undo: nil)
        }
    }
}
