#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundInventory
import HoundJSON
import HoundModel
import HoundSupport

extension RotationState {
    /// The state as pretty JSON with a stable member order and a `version` member: one member
    /// per line, `process` and `progress` on one line, `trigger` compact (as in audit records),
    /// `commands` one member per line.
    public var json: String {
        func text(_ value: String?) -> JSONValue { .optional(value) }
        func time(_ value: Date?) -> JSONValue { .optional(value.map(ISODate.format)) }
        var writer = JSONWriter(layout: .pretty)
        writer.beginObject()
        writer.member("version", .int(Self.currentVersion))
        writer.member("key", .string(key))
        writer.member("rotation_id", .string(rotationID))
        writer.member("kind", .string(kind.rawValue))
        writer.member("phase", .string(phase.rawValue))
        writer.member("pending", text(pending?.rawValue))
        writer.member("pending_consumer", text(pendingConsumer))
        writer.member("process", process.map(Self.json(process:)) ?? .null, layout: .inline)
        writer.member("attempts", .int(attempts))
        writer.member("started", time(started))
        writer.member("updated", time(updated))
        writer.member("date", .string(date))
        writer.member("trigger", trigger.jsonValue, layout: .compact)
        writer.member("urgent", .bool(urgent))
        writer.member("old_key_revoked", .bool(oldKeyRevoked))
        writer.member("recreate_after_rollback", .bool(recreateAfterRollback))
        writer.member("store_restore", .bool(storeRestore))
        writer.member("owner", text(owner))
        writer.member("consumers", .strings(consumers))
        writer.member("environment", text(environment))
        writer.member("old_provider_id", text(oldProviderID))
        writer.member("old_fingerprint", text(oldFingerprint?.description))
        writer.member("old_created", time(oldCreated))
        writer.member("new_provider_id", text(newProviderID))
        writer.member("new_fingerprint", text(newFingerprint?.description))
        writer.member("new_expires", time(newExpires))
        writer.member("revoke_after", time(revokeAfter))
        writer.member("old_revoked_at", time(oldRevokedAt))
        let steps = RotationStep.allCases.filter { progress[$0] != nil }
        writer.member("progress", .object(steps.map { ($0.rawValue, .strings(progress[$0] ?? [])) }), layout: .inline)
        writer.member("notified", .bool(notified))
        writer.member("notified_problem", text(notifiedProblem))
        writer.member("last_error", text(lastError))
        writer.member("warnings", .strings(warnings))
        var commands: [(String, JSONValue)] = RotationCommandField.allCases.map { ($0.rawValue, plan[$0].map(JSONValue.strings) ?? .null) }
        commands += [
            ("grace", text(plan.grace?.text)), ("timeout", .double(plan.timeout)), ("retries", .int(plan.retries)),
            ("min_secret_bits", .int(plan.minSecretBits)), ("per_consumer", .bool(plan.perConsumer)),
        ]
        writer.member("commands", .object(commands))
        writer.end()
        writer.newline()
        return String(decoding: writer.sink, as: UTF8.self)
    }

    /// `{"pid": 4242, "start_ticks": 98765, "boot_id": "…", "started": "…", "timeout": 300.0}`.
    static func json(process: StepProcess) -> JSONValue {
        .object([
            ("pid", .int(Int(process.start.pid))), ("start_ticks", .int(Int(clamping: process.start.startTicks))),
            ("boot_id", .string(process.start.bootID)), ("started", .string(ISODate.format(process.started))),
            ("timeout", .double(process.timeout)),
        ])
    }

    /// Reads a state file's bytes (version 1 or 2).
    ///
    /// - Throws: `RotationError.state` naming `path` for invalid JSON, a missing or mistyped
    ///   member, or a `version` this build does not read.
    public init(json bytes: [UInt8], path: String) throws(RotationError) {
        func fail(_ problem: String) -> RotationError { .state(path: path, problem: problem) }
        let root: JSONNode
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            throw fail("not a rotation state file (invalid JSON at \(error.position)); move it away to start over")
        }
        guard root.objectValue != nil else { throw fail("not a rotation state file (expected a JSON object)") }
        guard let version = root["version"]?.intValue else { throw fail("no \"version\" member: not a rotation state file") }
        guard version == 1 || version == Self.currentVersion else {
            throw fail(
                "state file version \(version) is not supported by this keyhound (it reads versions 1 and \(Self.currentVersion)); "
                    + "finish the rotation with the keyhound that started it")
        }
        let reader = JSONMembers(root, path: path)
        let kind: RotationKind = try reader.enumeration("kind")
        let phase: RotationPhase = try reader.enumeration("phase")
        var progress: [RotationStep: [String]] = [:]
        if let table = try reader.optionalObject("progress") {
            let members = JSONMembers(table, path: path, prefix: "progress.")
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
        let commands = JSONMembers(try reader.object("commands"), path: path, prefix: "commands.")
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
        let members = JSONMembers(table, path: path, prefix: "trigger.")
        return RotationTrigger(
            try members.enumeration("kind"), rule: try members.optionalString("rule"),
            repository: try members.optionalString("repository"), commit: try members.optionalString("commit"),
            path: try members.optionalString("path"))
    }

    /// The `process` member, nil when absent or null.
    static func process(_ reader: JSONMembers, path: String) throws(RotationError) -> StepProcess? {
        guard let table = try reader.optionalObject("process") else { return nil }
        let members = JSONMembers(table, path: path, prefix: "process.")
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
