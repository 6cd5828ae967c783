#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundInventory
import HoundModel
import HoundSupport

extension RotationEngine {
    /// The key's merged rotation settings as commands, checked: `create`, `distribute`,
    /// `verify` and `revoke` present, every placeholder known and available where it is used
    /// (``StepDefinition/placeholders``), the old key's `provider_id` present when a command
    /// names it, and consumers listed when a command runs per consumer.
    ///
    /// - Throws: `RotationError.invalidCommands` saying which field is wrong and how.
    func commands(for record: KeyRecord, kind: RotationKind) throws(RotationError) -> RotationCommands {
        func fail(_ problem: String) -> RotationError { .invalidCommands(key: record.name, problem: problem) }
        guard let spec = defaults.merged(for: record) else {
            throw fail(
                "no rotation commands: add a [keys.rotation] table to the key, or [rotation.defaults.<provider or tag>] "
                    + "to .keyhound.toml")
        }
        let missing = RotationCommandField.allCases.filter { $0.isRequired && spec[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty, let create = spec[.create], let distribute = spec[.distribute], let verify = spec[.verify],
            let revoke = spec[.revoke]
        else {
            throw fail("rotation command\(missing.count == 1 ? "" : "s") missing: \(missing.joined(separator: ", "))")
        }
        let commands = RotationCommands(
            create: create, distribute: distribute, verify: verify, promote: spec[.promote], revoke: revoke,
            rollback: spec[.rollback], notify: spec[.notify], grace: spec.grace,
            timeout: spec.timeout.map { Double($0.nominalSeconds) } ?? defaults.timeout,
            retries: spec.retries ?? defaults.retries, minSecretBits: spec.minSecretBits ?? RotationCommands.defaultMinSecretBits,
            perConsumer: spec.perConsumer ?? false)
        // Each command field, checked against the placeholders of every step that runs it.
        let users: [(RotationCommandField, [RotationStep])] = [
            (.create, [.create]), (.distribute, [.distribute]), (.verify, [.verify, .confirm]), (.promote, [.promote]),
            (.revoke, [.revokeOld, .revokeNew]), (.rollback, [.rollback]), (.notify, [.notify]),
        ]
        for (field, steps) in users {
            guard let template = commands[field] else { continue }
            guard let program = template.first else { throw fail("rotation.\(field.rawValue) is an empty command") }
            if program.isEmpty { throw fail("rotation.\(field.rawValue): the program name is empty") }
            let used: [String]
            do {
                used = try Placeholders.used(in: template)
            } catch {
                throw fail("rotation.\(field.rawValue): \(error)")
            }
            for step in steps {
                let available = Set(step.definition.placeholders.map(\.rawValue))
                if let name = used.first(where: { !available.contains($0) }) {
                    let why =
                        name == Placeholder.newProviderID.rawValue
                        ? " (the new key does not exist yet)"
                        : name == Placeholder.consumer.rawValue ? " (it runs once, not per consumer)" : ""
                    throw fail("rotation.\(field.rawValue) uses {\(name)}, which has no value in this step\(why)")
                }
            }
            let namesOldKey = used.contains("old_provider_id") || (field == .revoke && used.contains("provider_id"))
            if namesOldKey, record.providerID == nil {
                throw fail(
                    "rotation.\(field.rawValue) names the old key's {\(used.contains("provider_id") ? "provider_id" : "old_provider_id")}, "
                        + "but the key has no provider_id in the inventory")
            }
        }
        let perConsumer = [RotationStep.distribute, .verify, .rollback].filter { commands.runsPerConsumer($0) }
        if !perConsumer.isEmpty, record.consumers.isEmpty {
            throw fail(
                "rotation.\(perConsumer[0].definition.field?.rawValue ?? "") runs once per consumer, but the key lists no consumers")
        }
        return commands
    }

    /// The dry-run plan: every command in order (once per consumer where it runs per consumer),
    /// placeholders filled with what is known now, and each program checked: it must exist and
    /// be executable (relative paths from the inventory's folder, bare names in `PATH`).
    func plan(record: KeyRecord, commands: RotationCommands, kind: RotationKind) -> [PlannedCommand] {
        let state = RotationState(
            key: record.name, rotationID: "<rotation_id>", kind: kind, started: clock(), date: ISODate.formatDay(clock()),
            owner: record.owner, consumers: record.consumers, environment: record.environment,
            oldProviderID: record.providerID, newProviderID: "<new_provider_id>", plan: commands)
        let grace = commands.grace.map { "after the grace period (\($0.text)), on `keyhound rotate --resume`" }
        var steps: [(RotationStep, String?)]
        switch kind {
        case .scheduled:
            steps = [(.create, nil), (.distribute, nil), (.verify, nil)]
            if commands.promotes { steps.append((.promote, "makes the new key current")) }
            if commands.grace != nil { steps.append((.confirm, grace)) }
            steps += [(.revokeOld, commands.grace == nil ? nil : grace), (.recordInventory, nil)]
        case .emergency:
            steps = [(.revokeOld, "first: the key has leaked"), (.create, nil), (.distribute, nil), (.verify, nil)]
            if commands.promotes { steps.append((.promote, nil)) }
            steps.append((.recordInventory, nil))
        }
        if commands[.notify] != nil { steps.append((.notify, nil)) }
        if commands[.rollback] != nil { steps.append((.rollback, "only when rolling back")) }
        var planned: [PlannedCommand] = []
        var checked: [String: String?] = [:]
        for (step, note) in steps {
            let consumers: [String?] = commands.runsPerConsumer(step) ? state.consumers.map { $0 } : [nil]
            for consumer in consumers {
                let notice = step == .notify ? RotationRun.Notice(outcome: "done", error: "") : nil
                let argv =
                    (try? RotationRun.argv(for: step, state: state, consumer: consumer, notice: notice))
                    ?? commands.template(for: step) ?? []
                var problem: String?
                if let program = argv.first, step != .recordInventory {
                    if checked[program] == nil { checked[program] = programProblem(program) }
                    problem = checked[program] ?? nil
                }
                let stdin =
                    step.definition.input == .newSecret && step != .confirm ? StepDefinition.Input.newSecret.rawValue : "nothing"
                planned.append(PlannedCommand(step: step, argv: argv, stdin: stdin, note: note, problem: problem))
            }
        }
        return planned
    }

    /// Why `program` cannot be run from the inventory's folder, nil when it can.
    func programProblem(_ program: String) -> String? {
        let path = SubprocessRunner.executable(program, in: workingDirectory)
        let subprocess = Subprocess(executable: path, arguments: [], environment: environment, workingDirectory: workingDirectory)
        do {
            let resolved = try subprocess.resolvedExecutable()
            var info = stat()
            guard stat(resolved, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return "\(program): not a regular file" }
            return nil
        } catch {
            if program.contains("/"), access(path, F_OK) == 0 { return "\(program): not executable (chmod +x \(program))" }
            return program.contains("/") ? "\(program): not found (from \(workingDirectory))" : "\(program): not found in PATH"
        }
    }
}
