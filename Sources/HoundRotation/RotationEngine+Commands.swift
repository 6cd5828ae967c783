import Foundation
import HoundInventory
import HoundSupport

extension RotationEngine {
    /// The placeholders each step may use.
    static func availablePlaceholders(for step: RotationStep) -> Set<String> {
        let base: Set<String> = ["name", "date", "rotation_id", "kind", "old_provider_id"]
        switch step {
        case .create: return base
        case .distribute, .verify, .confirm, .recordInventory: return base.union(["new_provider_id"])
        case .revokeOld, .revokeNew: return base.union(["new_provider_id", "provider_id"])
        case .notify: return base.union(["new_provider_id", "outcome"])
        }
    }

    /// The key's merged rotation settings as commands, checked: `create`, `distribute`,
    /// `verify` and `revoke` present, every placeholder known and available where it is used,
    /// and the old key's `provider_id` present when `revoke` names it.
    ///
    /// - Throws: `RotationError.invalidCommands` saying which field is wrong and how.
    func commands(for record: KeyRecord, kind: RotationKind) throws(RotationError) -> RotationCommands {
        func fail(_ problem: String) -> RotationError { .invalidCommands(key: record.name, problem: problem) }
        guard let spec = defaults.merged(for: record) else {
            throw fail(
                "no rotation commands: add a [keys.rotation] table to the key, or [rotation.defaults.<provider or tag>] "
                    + "to .keyhound.toml")
        }
        var missing: [String] = []
        if spec.create == nil { missing.append("create") }
        if spec.distribute == nil { missing.append("distribute") }
        if spec.verify == nil { missing.append("verify") }
        if spec.revoke == nil { missing.append("revoke") }
        guard missing.isEmpty, let create = spec.create, let distribute = spec.distribute, let verify = spec.verify,
            let revoke = spec.revoke
        else {
            throw fail("rotation command\(missing.count == 1 ? "" : "s") missing: \(missing.joined(separator: ", "))")
        }
        let commands = RotationCommands(
            create: create, distribute: distribute, verify: verify, revoke: revoke, notify: spec.notify, grace: spec.grace,
            timeout: spec.timeout.map { Double($0.nominalSeconds) } ?? defaults.timeout, retries: spec.retries ?? defaults.retries,
            minSecretBits: spec.minSecretBits ?? CreateCheck.defaultMinimumBits)
        let checks: [(String, [String], RotationStep)] = [
            ("create", create, .create), ("distribute", distribute, .distribute), ("verify", verify, .verify),
            ("revoke", revoke, .revokeOld), ("notify", spec.notify ?? [], .notify),
        ]
        for (field, template, step) in checks {
            guard let program = template.first else {
                if field == "notify", spec.notify == nil { continue }
                throw fail("rotation.\(field) is an empty command")
            }
            if program.isEmpty { throw fail("rotation.\(field): the program name is empty") }
            let used: [String]
            do {
                used = try Placeholders.used(in: template)
            } catch {
                throw fail("rotation.\(field): \(error)")
            }
            let available = Self.availablePlaceholders(for: step)
            if let name = used.first(where: { !available.contains($0) }) {
                let why = name == "new_provider_id" ? " (the new key does not exist yet)" : ""
                throw fail("rotation.\(field) uses {\(name)}, which has no value in this step\(why)")
            }
            let namesOldKey = used.contains("old_provider_id") || (step == .revokeOld && used.contains("provider_id"))
            if namesOldKey, record.providerID == nil {
                throw fail(
                    "rotation.\(field) names the old key's {\(used.contains("provider_id") ? "provider_id" : "old_provider_id")}, but the key has no provider_id in the inventory"
                )
            }
        }
        return commands
    }

    /// The dry-run plan: every command in order, placeholders filled with what is known now.
    func plan(record: KeyRecord, commands: RotationCommands, kind: RotationKind) -> [PlannedCommand] {
        let state = RotationState(
            key: record.name, rotationID: "<rotation_id>", kind: kind, started: clock(), date: ISODate.formatDay(clock()),
            oldProviderID: record.providerID, newProviderID: "<new_provider_id>", plan: commands)
        var steps: [(RotationStep, String, String?)]
        let grace = commands.grace.map { "after the grace period (\($0.text)), on `keyhound rotate --resume`" }
        switch kind {
        case .scheduled:
            steps = [(.create, "nothing", nil), (.distribute, "the new secret", nil), (.verify, "the new secret", nil)]
            if commands.grace != nil { steps.append((.confirm, "nothing", grace)) }
            steps += [(.revokeOld, "nothing", commands.grace == nil ? nil : grace), (.recordInventory, "nothing", nil)]
        case .emergency:
            steps = [
                (.revokeOld, "nothing", "first: the key has leaked"), (.create, "nothing", nil),
                (.distribute, "the new secret", nil), (.verify, "the new secret", nil), (.recordInventory, "nothing", nil),
            ]
        }
        if commands.notify != nil { steps.append((.notify, "nothing", nil)) }
        return steps.map { step, stdin, note in
            let argv = (try? RotationRun.argv(for: step, state: state, outcome: "done")) ?? commands.template(for: step) ?? []
            return PlannedCommand(step: step, argv: argv, stdin: stdin, note: note)
        }
    }
}
