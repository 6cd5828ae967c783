#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who is running a rotation, for the audit log: `KEYHOUND_ACTOR` when set, else the CI system's
/// own description of the job, else `user@host`.
public enum AuditActor {
    /// The actor described by `environment` (the process environment, passed in by the CLI).
    public static func from(_ environment: [String: String]) -> String {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        if let actor = value("KEYHOUND_ACTOR") { return actor }
        if value("GITHUB_ACTIONS") == "true" {
            let run = value("GITHUB_RUN_ID").map { " run \($0)" } ?? ""
            return "github-actions:\(value("GITHUB_ACTOR") ?? "unknown")@\(value("GITHUB_REPOSITORY") ?? "unknown")\(run)"
        }
        if value("GITLAB_CI") != nil {
            let job = value("CI_JOB_ID").map { " job \($0)" } ?? ""
            return "gitlab-ci:\(value("GITLAB_USER_LOGIN") ?? "unknown")@\(value("CI_PROJECT_PATH") ?? "unknown")\(job)"
        }
        let user = value("USER") ?? value("LOGNAME") ?? "unknown"
        if value("CI") != nil { return "ci:\(user)@\(hostName())" }
        return "\(user)@\(hostName())"
    }

    /// This machine's name.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
