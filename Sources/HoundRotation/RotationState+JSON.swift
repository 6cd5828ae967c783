import Foundation
import HoundModel
import HoundSupport

extension RotationState {
    /// The state as pretty JSON with a stable member order and a `version` member.
    public var json: String {
        var lines: [String] = []
        func add(_ name: String, _ value: String) { lines.append("  \(JSONText.quote(name)): \(value)") }
        func text(_ value: String?) -> String { value.map(JSONText.quote) ?? "null" }
        func argv(_ value: [String]?) -> String {
            value.map { "[" + $0.map(JSONText.quote).joined(separator: ", ") + "]" } ?? "null"
        }
        add("version", "\(Self.currentVersion)")
        add("key", text(key))
        add("rotation_id", text(rotationID))
        add("kind", text(kind.rawValue))
        add("phase", text(phase.rawValue))
        add("pending", text(pending?.rawValue))
        add("process", process.map(Self.json(process:)) ?? "null")
        add("attempts", "\(attempts)")
        add("started", text(ISODate.format(started)))
        add("updated", text(ISODate.format(updated)))
        add("date", text(date))
        add("old_provider_id", text(oldProviderID))
        add("old_fingerprint", text(oldFingerprint?.description))
        add("new_provider_id", text(newProviderID))
        add("new_fingerprint", text(newFingerprint?.description))
        add("revoke_after", text(revokeAfter.map(ISODate.format)))
        add("notified", notified ? "true" : "false")
        add("last_error", text(lastError))
        add("warnings", argv(warnings))
        let commands = [
            "    \"create\": \(argv(plan.create))", "    \"distribute\": \(argv(plan.distribute))",
            "    \"verify\": \(argv(plan.verify))", "    \"revoke\": \(argv(plan.revoke))",
            "    \"notify\": \(argv(plan.notify))", "    \"grace\": \(text(plan.grace?.text))",
            "    \"timeout\": \(plan.timeout)", "    \"retries\": \(plan.retries)",
            "    \"min_secret_bits\": \(plan.minSecretBits)",
        ]
        add("commands", "{\n" + commands.joined(separator: ",\n") + "\n  }")
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// `{"pid": 4242, "start_ticks": 98765, "boot_id": "…", "started": "…", "timeout": 300}`.
    static func json(process: StepProcess) -> String {
        "{\"pid\": \(process.start.pid), \"start_ticks\": \(process.start.startTicks), "
            + "\"boot_id\": \(JSONText.quote(process.start.bootID)), \"started\": \(JSONText.quote(ISODate.format(process.started))), "
            + "\"timeout\": \(process.timeout)}"
    }

    /// The `process` member, nil when absent or null.
    static func process(_ reader: JSONMembers, path: String) throws(RotationError) -> StepProcess? {
        guard reader.root["process"] != nil, !(reader.root["process"] is NSNull) else { return nil }
        let members = JSONMembers(root: try reader.object("process"), path: path, prefix: "process.")
        let pid = try members.number("pid")
        let ticks = try members.number("start_ticks")
        guard pid >= 1, pid <= Double(Int32.max), ticks >= 0, ticks < 1.8e19 else {
            throw .state(path: path, problem: "member \"process\" holds an impossible process id or start time")
        }
        return StepProcess(
            start: ProcessStart(pid: Int32(pid), startTicks: UInt64(ticks), bootID: try members.string("boot_id")),
            started: try members.date("started"), timeout: try members.number("timeout"))
    }

    /// Reads a state file's bytes.
    ///
    /// - Throws: `RotationError.state` naming `path` for invalid JSON, a missing or mistyped
    ///   member, or a `version` other than ``currentVersion``.
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
        guard version == Self.currentVersion else {
            throw fail(
                "state file version \(version) is not supported by this keyhound (it reads version \(Self.currentVersion)); "
                    + "finish the rotation with the keyhound that started it")
        }
        let reader = JSONMembers(root: root, path: path)
        let commands = JSONMembers(root: try reader.object("commands"), path: path, prefix: "commands.")
        let commandReader = commands
        let graceText = try commandReader.optionalString("grace")
        var grace: DurationSpec?
        if let graceText {
            do { grace = try DurationSpec(parsing: graceText) } catch { throw fail("commands.grace: \(error)") }
        }
        let plan = RotationCommands(
            create: try commandReader.strings("create"), distribute: try commandReader.strings("distribute"),
            verify: try commandReader.strings("verify"), revoke: try commandReader.strings("revoke"),
            notify: try commandReader.optionalStrings("notify"), grace: grace,
            timeout: try commandReader.number("timeout"), retries: Int(try commandReader.number("retries")),
            minSecretBits: commandReader.root["min_secret_bits"] == nil
                ? CreateCheck.defaultMinimumBits : Int(try commandReader.number("min_secret_bits")))
        self.init(
            key: try reader.string("key"), rotationID: try reader.string("rotation_id"),
            kind: try reader.enumeration("kind"), phase: try reader.enumeration("phase"),
            pending: try reader.optionalEnumeration("pending"), process: try Self.process(reader, path: path), attempts: Int(try reader.number("attempts")),
            started: try reader.date("started"), updated: try reader.date("updated"), date: try reader.string("date"),
            oldProviderID: try reader.optionalString("old_provider_id"),
            oldFingerprint: try reader.optionalFingerprint("old_fingerprint"),
            newProviderID: try reader.optionalString("new_provider_id"),
            newFingerprint: try reader.optionalFingerprint("new_fingerprint"),
            revokeAfter: try reader.optionalDate("revoke_after"), notified: try reader.bool("notified"),
            lastError: try reader.optionalString("last_error"), warnings: try reader.optionalStrings("warnings") ?? [],
            plan: plan)
    }
}
