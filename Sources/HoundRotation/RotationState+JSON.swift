import Foundation
import HoundInventory
import HoundModel
import HoundSupport

extension RotationState {
    /// The state as pretty JSON with a stable member order and a `version` member.
    public var json: String {
        var lines: [String] = []
        func add(_ name: String, _ value: String) { lines.append("  \(JSONText.quote(name)): \(value)") }
        func text(_ value: String?) -> String { value.map(JSONText.quote) ?? "null" }
        func time(_ value: Date?) -> String { text(value.map(ISODate.format)) }
        func flag(_ value: Bool) -> String { value ? "true" : "false" }
        add("version", "\(Self.currentVersion)")
        add("key", text(key))
        add("rotation_id", text(rotationID))
        add("kind", text(kind.rawValue))
        add("phase", text(phase.rawValue))
        add("pending", text(pending?.rawValue))
        add("pending_consumer", text(pendingConsumer))
        add("process", process.map(Self.json(process:)) ?? "null")
        add("attempts", "\(attempts)")
        add("started", time(started))
        add("updated", time(updated))
        add("date", text(date))
        add("trigger", trigger.json)
        add("urgent", flag(urgent))
        add("old_key_revoked", flag(oldKeyRevoked))
        add("recreate_after_rollback", flag(recreateAfterRollback))
        add("store_restore", flag(storeRestore))
        add("owner", text(owner))
        add("consumers", Self.strings(consumers))
        add("environment", text(environment))
        add("old_provider_id", text(oldProviderID))
        add("old_fingerprint", text(oldFingerprint?.description))
        add("old_created", time(oldCreated))
        add("new_provider_id", text(newProviderID))
        add("new_fingerprint", text(newFingerprint?.description))
        add("new_expires", time(newExpires))
        add("revoke_after", time(revokeAfter))
        add("old_revoked_at", time(oldRevokedAt))
        let steps = RotationStep.allCases.filter { progress[$0] != nil }
        add("progress", "{" + steps.map { "\(JSONText.quote($0.rawValue)): \(Self.strings(progress[$0] ?? []))" }.joined(separator: ", ") + "}")
        add("notified", flag(notified))
        add("notified_problem", text(notifiedProblem))
        add("last_error", text(lastError))
        add("warnings", Self.strings(warnings))
        var commands = RotationCommandField.allCases.map { "    \(JSONText.quote($0.rawValue)): \(plan[$0].map(Self.strings) ?? "null")" }
        commands += [
            "    \"grace\": \(text(plan.grace?.text))", "    \"timeout\": \(plan.timeout)", "    \"retries\": \(plan.retries)",
            "    \"min_secret_bits\": \(plan.minSecretBits)", "    \"per_consumer\": \(flag(plan.perConsumer))",
        ]
        add("commands", "{\n" + commands.joined(separator: ",\n") + "\n  }")
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// `["a", "b"]`.
    static func strings(_ list: [String]) -> String { "[" + list.map(JSONText.quote).joined(separator: ", ") + "]" }

    /// `{"pid": 4242, "start_ticks": 98765, "boot_id": "…", "started": "…", "timeout": 300}`.
    static func json(process: StepProcess) -> String {
        "{\"pid\": \(process.start.pid), \"start_ticks\": \(process.start.startTicks), "
            + "\"boot_id\": \(JSONText.quote(process.start.bootID)), \"started\": \(JSONText.quote(ISODate.format(process.started))), "
            + "\"timeout\": \(process.timeout)}"
    }

    /// Reads a state file's bytes (version 1 or 2).
    ///
    /// - Throws: `RotationError.state` naming `path` for invalid JSON, a missing or mistyped
    ///   member, or a `version` this build does not read.
    public init(json bytes: [UInt8], path: String) throws(RotationError) {
        func fail(_ problem: String) -> RotationError { .state(path: path, problem: problem) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw fail("not a rotation state file (invalid JSON); move it away to start over")
        }
        guard let root = object as? [String: Any] else { throw fail("not a rotation state file (expected a JSON object)") }
        guard let version = root["version"] as? Int else { throw fail("no \"version\" member: not a rotation state file") }
        guard version == 1 || version == Self.currentVersion else {
            throw fail(
                "state file version \(version) is not supported by this keyhound (it reads versions 1 and \(Self.currentVersion)); "
                    + "finish the rotation with the keyhound that started it")
        }
        let reader = JSONMembers(root: root, path: path)
        let kind: RotationKind = try reader.enumeration("kind")
        let phase: RotationPhase = try reader.enumeration("phase")
        var progress: [RotationStep: [String]] = [:]
        if let table = try reader.optionalObject("progress") {
            let members = JSONMembers(root: table, path: path, prefix: "progress.")
            for step in RotationStep.allCases {
                if let list = try members.optionalStrings(step.rawValue) { progress[step] = list }
            }
        }
        self.init(
            key: try reader.string("key"), rotationID: try reader.string("rotation_id"), kind: kind, phase: phase,
            pending: try reader.optionalEnumeration("pending"), process: try Self.process(reader, path: path),
            pendingConsumer: try reader.optionalString("pending_consumer"), attempts: Int(try reader.number("attempts")),
            started: try reader.date("started"), updated: try reader.date("updated"), date: try reader.string("date"),
            trigger: try Self.trigger(reader, path: path), urgent: try reader.optionalBool("urgent") ?? false,
            oldKeyRevoked: try reader.optionalBool("old_key_revoked"),
            recreateAfterRollback: try reader.optionalBool("recreate_after_rollback") ?? false,
            storeRestore: try reader.optionalBool("store_restore") ?? false, owner: try reader.optionalString("owner"),
            consumers: try reader.optionalStrings("consumers") ?? [], environment: try reader.optionalString("environment"),
            oldProviderID: try reader.optionalString("old_provider_id"),
            oldFingerprint: try reader.optionalFingerprint("old_fingerprint"), oldCreated: try reader.optionalDate("old_created"),
            newProviderID: try reader.optionalString("new_provider_id"),
            newFingerprint: try reader.optionalFingerprint("new_fingerprint"), newExpires: try reader.optionalDate("new_expires"),
            revokeAfter: try reader.optionalDate("revoke_after"), oldRevokedAt: try reader.optionalDate("old_revoked_at"),
            progress: progress, notified: try reader.bool("notified"), notifiedProblem: try reader.optionalString("notified_problem"),
            lastError: try reader.optionalString("last_error"), warnings: try reader.optionalStrings("warnings") ?? [],
            plan: try Self.plan(reader, path: path))
    }

    /// The `commands` member.
    static func plan(_ reader: JSONMembers, path: String) throws(RotationError) -> RotationCommands {
        let commands = JSONMembers(root: try reader.object("commands"), path: path, prefix: "commands.")
        var grace: DurationSpec?
        if let text = try commands.optionalString("grace") {
            do { grace = try DurationSpec(parsing: text, allowingZero: true) } catch {
                throw .state(path: path, problem: "commands.grace: \(error)")
            }
        }
        var plan = RotationCommands(
            create: try commands.strings("create"), distribute: try commands.strings("distribute"),
            verify: try commands.strings("verify"), revoke: try commands.strings("revoke"), grace: grace,
            timeout: try commands.number("timeout"), retries: Int(try commands.number("retries")),
            minSecretBits: Int(try commands.optionalNumber("min_secret_bits") ?? Double(RotationCommands.defaultMinSecretBits)),
            perConsumer: try commands.optionalBool("per_consumer") ?? false)
        for field in RotationCommandField.allCases where !field.isRequired {
            plan.commands[field] = try commands.optionalStrings(field.rawValue)
        }
        return plan
    }

    /// The `trigger` member (absent in version 1: manual, or emergency for emergencies).
    static func trigger(_ reader: JSONMembers, path: String) throws(RotationError) -> RotationTrigger? {
        guard let table = try reader.optionalObject("trigger") else { return nil }
        let members = JSONMembers(root: table, path: path, prefix: "trigger.")
        return RotationTrigger(
            try members.enumeration("kind"), rule: try members.optionalString("rule"),
            repository: try members.optionalString("repository"), commit: try members.optionalString("commit"),
            path: try members.optionalString("path"))
    }

    /// The `process` member, nil when absent or null.
    static func process(_ reader: JSONMembers, path: String) throws(RotationError) -> StepProcess? {
        guard let table = try reader.optionalObject("process") else { return nil }
        let members = JSONMembers(root: table, path: path, prefix: "process.")
        let pid = try members.number("pid")
        let ticks = try members.number("start_ticks")
        guard pid >= 1, pid <= Double(Int32.max), ticks >= 0, ticks < 1.8e19 else {
            throw .state(path: path, problem: "member \"process\" holds an impossible process id or start time")
        }
        return StepProcess(
            start: ProcessStart(pid: Int32(pid), startTicks: UInt64(ticks), bootID: try members.string("boot_id")),
            started: try members.date("started"), timeout: try members.number("timeout"))
    }
}
