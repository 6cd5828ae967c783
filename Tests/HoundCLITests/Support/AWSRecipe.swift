import Foundation
import HoundModel
import HoundSupport

/// The AWS IAM + Secrets Manager recipe of `demo/RECIPES.md`, set up against a moto server of
/// its own: the IAM user `ci-deployer` with a first access key, the secret `prod/ci-deployer`
/// holding it, a rotation user `keyhound-rotator` limited to the actions of the recipe's
/// policy (`demo/rotation/aws-key-policy.json`), and the recipe's inventory entry for the key.
/// keyhound runs with the rotator's credentials, from a scratch HOME (no `~/.aws`).
struct AWSRecipe {
    /// The IAM user whose access key rotates.
    static let user = "ci-deployer"
    /// The Secrets Manager secret its consumers read the key from.
    static let secretID = "prod/ci-deployer"
    /// The region of every call (the policy's ARNs name it).
    static let region = "us-east-1"

    /// The scratch folder (HOME, the inventory, the shim, moto's log).
    let sandbox: Sandbox
    /// The test's own moto server.
    let moto: MotoServer
    /// The folder holding `keys.toml` and `rotation/aws-key`.
    let folder: String
    /// The first access key's id.
    let oldID: String
    /// The first access key's secret.
    let oldSecret: String
    /// The user's ARN, as moto gave it.
    let userARN: String
    /// The secret's ARN.
    let secretARN: String
    /// The rotator's credentials (keyhound's steps run with them).
    let rotator: (id: String, secret: String)

    /// Everything set up, IAM enforced from here on; `grace` replaces the recipe's grace period.
    init(grace: String = "1s") throws {
        guard let real = Built.which("aws") else { throw SandboxError(MotoServer.missing ?? "aws not found") }
        sandbox = try Sandbox(initialize: false)
        folder = sandbox.root + "/keys"
        moto = try MotoServer(environment: sandbox.environment, log: sandbox.root + "/moto.log")
        do {
            try FileManager.default.createDirectory(atPath: folder + "/rotation", withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: Built.packageRoot + "/demo/rotation/aws-key", toPath: folder + "/rotation/aws-key")
            try sandbox.write("bin/aws", Self.shim(real: real), in: sandbox.root)
            chmod(sandbox.root + "/bin/aws", 0o755)

            let admin = Self.anyone
            userARN = try Self.string(try Self.call(["iam", "create-user", "--user-name", Self.user], moto, sandbox, admin), "User", "Arn")
            let first = try Self.call(["iam", "create-access-key", "--user-name", Self.user], moto, sandbox, admin)
            oldID = try Self.string(first, "AccessKey", "AccessKeyId")
            oldSecret = try Self.string(first, "AccessKey", "SecretAccessKey")
            let created = try Self.call(
                ["secretsmanager", "create-secret", "--name", Self.secretID, "--secret-string", "file:///dev/stdin"], moto,
                sandbox, admin, stdin: Self.stored(id: oldID, secret: oldSecret))
            secretARN = try Self.string(created, "ARN")
            // The deploy pipeline's own permission, so that a consumer can use the key under IAM.
            _ = try Self.call(
                [
                    "iam", "put-user-policy", "--user-name", Self.user, "--policy-name", "deploy", "--policy-document",
                    #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}"#,
                ],
                moto, sandbox, admin)

            // The rotation job's user: the recipe's policy is accepted as written, and enforced
            // as far as moto can (its actions; moto does not match resources).
            let policy = try Self.policyText()
            _ = try Self.call(
                ["iam", "create-policy", "--policy-name", "keyhound-rotation", "--policy-document", policy], moto, sandbox, admin)
            _ = try Self.call(["iam", "create-user", "--user-name", "keyhound-rotator"], moto, sandbox, admin)
            let key = try Self.call(["iam", "create-access-key", "--user-name", "keyhound-rotator"], moto, sandbox, admin)
            rotator = (try Self.string(key, "AccessKey", "AccessKeyId"), try Self.string(key, "AccessKey", "SecretAccessKey"))
            _ = try Self.call(
                [
                    "iam", "put-user-policy", "--user-name", "keyhound-rotator", "--policy-name", "actions-only",
                    "--policy-document", try Self.actionsOnly(policy),
                ], moto, sandbox, admin)

            try sandbox.write("keys.toml", try Self.inventory(oldID: oldID, oldSecret: oldSecret, grace: grace), in: folder)
            try moto.enforceIAM(true)
        } catch {
            moto.stop()
            sandbox.remove()
            throw error
        }
    }

    /// Stops moto and removes everything.
    func remove() {
        moto.stop()
        sandbox.remove()
    }

    // MARK: Running things

    /// Credentials moto accepts while IAM is not enforced.
    static let anyone = (id: "testing", secret: "testing")

    /// The environment of an AWS CLI call with `credentials` against `moto`: no profile, no
    /// `~/.aws`, no instance metadata.
    static func environment(_ moto: MotoServer, _ sandbox: Sandbox, _ credentials: (id: String, secret: String)) -> [String: String] {
        [
            "AWS_ENDPOINT_URL": moto.endpoint, "AWS_ACCESS_KEY_ID": credentials.id,
            "AWS_SECRET_ACCESS_KEY": credentials.secret, "AWS_DEFAULT_REGION": region,
            "AWS_CONFIG_FILE": sandbox.home + "/.aws/config", "AWS_SHARED_CREDENTIALS_FILE": sandbox.home + "/.aws/credentials",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_PAGER": "",
        ]
    }

    /// `aws ARGUMENTS --output json` as `credentials`; its parsed output (an empty object for none).
    static func call(
        _ arguments: [String], _ moto: MotoServer, _ sandbox: Sandbox, _ credentials: (id: String, secret: String),
        stdin: String? = nil
    ) throws -> [String: Any] {
        let result = try sandbox.spawn(
            "aws", arguments + ["--output", "json"], in: sandbox.root, stdin: stdin.map { Array($0.utf8) },
            environment: environment(moto, sandbox, credentials))
        guard result.succeeded else { throw SandboxError("aws \(arguments.prefix(2).joined(separator: " ")): \(result.stderrText)") }
        return result.stdout.isEmpty ? [:] : try JSON.object(result.stdout)
    }

    /// `aws ARGUMENTS` with IAM not enforced (the test's own look at the account), parsed.
    func aws(_ arguments: [String]) throws -> [String: Any] {
        try moto.enforceIAM(false)
        defer { try? moto.enforceIAM(true) }
        return try Self.call(arguments, moto, sandbox, Self.anyone)
    }

    /// `aws ARGUMENTS` signed with `credentials`, IAM enforced: what a consumer holding them can do.
    func aws(as credentials: (id: String, secret: String), _ arguments: [String]) throws -> SubprocessResult {
        try sandbox.spawn(
            "aws", arguments + ["--output", "json"], in: sandbox.root, environment: Self.environment(moto, sandbox, credentials))
    }

    /// `keyhound ARGUMENTS --inventory keys.toml` (the built binary) with the rotator's
    /// credentials, in the inventory's folder. The `aws` its steps run is the test's shim in
    /// front of the real CLI: it fails the calls `faults` name (each as often as it says, counted
    /// over the whole test) and, after every `secretsmanager put-secret-value`, appends the
    /// secret's versions and their labels to ``snapshots``.
    func keyhound(_ arguments: [String], faults: [AWSFault] = []) throws -> KeyhoundRun {
        var environment = Self.environment(moto, sandbox, rotator)
        environment["KEYHOUND_ACTOR"] = "aws-recipe-test"
        environment["PATH"] = sandbox.root + "/bin:" + (sandbox.environment["PATH"] ?? "")
        environment["AWS_FAULTS"] = faults.map { "\($0.times)|\($0.call)|\($0.error)" }.joined(separator: "\n")
        environment["AWS_FAULT_DIR"] = sandbox.root + "/faults"
        environment["AWS_SNAPSHOT_SECRET"] = Self.secretID
        environment["AWS_SNAPSHOT_FILE"] = snapshots
        return try sandbox.keyhoundProcess(arguments + ["--inventory", "keys.toml"], in: folder, environment: environment)
    }

    /// Where the shim writes what Secrets Manager held right after each `distribute`.
    var snapshots: String { sandbox.root + "/snapshots.jsonl" }

    /// The secret's labels right after each `distribute`: one map (version id → labels) per call.
    func stagesAfterDistribute() throws -> [[String: [String]]] {
        guard let text = try? String(contentsOfFile: snapshots, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            let listed = try JSON.object(Array(line.utf8))
            let versions = listed["Versions"] as? [[String: Any]] ?? []
            return Dictionary(versions.map { ($0["VersionId"] as? String ?? "?", $0["VersionStages"] as? [String] ?? []) }) { $1 }
        }
    }

    // MARK: What AWS holds

    /// The user's access keys: id → status.
    func accessKeys() throws -> [String: String] {
        let listed = try aws(["iam", "list-access-keys", "--user-name", Self.user])
        let keys = listed["AccessKeyMetadata"] as? [[String: Any]] ?? []
        return Dictionary(keys.map { ($0["AccessKeyId"] as? String ?? "?", $0["Status"] as? String ?? "?") }) { $1 }
    }

    /// The secret's value under `stage` as `(id, secret)`.
    func storedKey(stage: String = "AWSCURRENT") throws -> (id: String, secret: String) {
        let value = try aws(["secretsmanager", "get-secret-value", "--secret-id", Self.secretID, "--version-stage", stage])
        let stored = try JSON.object(Array((value["SecretString"] as? String ?? "").utf8))
        return (stored["AccessKeyId"] as? String ?? "", stored["SecretAccessKey"] as? String ?? "")
    }

    /// The staging labels of every version of the secret.
    func stages() throws -> [[String]] {
        let listed = try aws(["secretsmanager", "list-secret-version-ids", "--secret-id", Self.secretID])
        return (listed["Versions"] as? [[String: Any]] ?? []).map { $0["VersionStages"] as? [String] ?? [] }
    }

    /// What the deploy pipeline does with the key it reads from AWSCURRENT: one real call,
    /// signed with it (moto checks the signature), so IAM records the key's use.
    func consumerDeploys() throws -> SubprocessResult {
        try aws(as: try storedKey(), ["s3api", "list-buckets"])
    }

    /// keyhound's audit log, one object a record.
    func auditRecords() throws -> [[String: Any]] {
        let log = try sandbox.read(".keyhound/rotation-audit.jsonl", in: folder)
        return try log.split(separator: "\n").map { try JSON.object(Array($0.utf8)) }
    }

    /// Every file keyhound keeps beside the inventory (state, audit log, head) and the inventory.
    func keptText() throws -> String {
        var text = try sandbox.read("keys.toml", in: folder)
        let kept = folder + "/.keyhound"
        for case let relative as String in FileManager.default.enumerator(atPath: kept) ?? NSEnumerator() {
            if let data = FileManager.default.contents(atPath: kept + "/" + relative) { text += String(decoding: data, as: UTF8.self) }
        }
        return text
    }

    // MARK: The recipe's files

    /// The recipe's least-privilege policy, as documented.
    static func policyText() throws -> String {
        try String(contentsOfFile: Built.packageRoot + "/demo/rotation/aws-key-policy.json", encoding: .utf8)
    }

    /// The resource patterns of every statement of `policy`.
    static func resources(of policy: String) throws -> [String] {
        let statements = try JSON.object(Array(policy.utf8))["Statement"] as? [[String: Any]] ?? []
        return statements.flatMap { $0["Resource"] as? [String] ?? [] }
    }

    /// Whether `arn` matches the IAM resource `pattern` (`*` any run, `?` one character).
    static func arn(_ arn: String, matches pattern: String) -> Bool {
        let regex =
            "^"
            + NSRegularExpression.escapedPattern(for: pattern)
            .replacingOccurrences(of: "\\*", with: ".*").replacingOccurrences(of: "\\?", with: ".") + "$"
        return arn.range(of: regex, options: .regularExpression) != nil
    }

    /// `policy` with every statement's `Resource` widened to `*`: moto matches IAM and Secrets
    /// Manager requests against resource `*` only, so this is the part of the policy it can enforce.
    static func actionsOnly(_ policy: String) throws -> String {
        var object = try JSON.object(Array(policy.utf8))
        object["Statement"] = (object["Statement"] as? [[String: Any]] ?? []).map { statement in
            statement.merging(["Resource": "*"]) { $1 }
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// The recipe's `[[keys]]` entry from `demo/RECIPES.md`, filled in for the first key.
    static func inventory(oldID: String, oldSecret: String, grace: String) throws -> String {
        let recipes = try String(contentsOfFile: Built.packageRoot + "/demo/RECIPES.md", encoding: .utf8)
        guard let section = recipes.range(of: "## AWS IAM access keys"),
            let start = recipes.range(of: "```toml\n", range: section.upperBound..<recipes.endIndex),
            let end = recipes.range(of: "```", range: start.upperBound..<recipes.endIndex)
        else { throw SandboxError("demo/RECIPES.md: no toml block in the AWS section") }
        var text = String(recipes[start.upperBound..<end.lowerBound])
        for (placeholder, value) in [
            ("\"AKIA…\"", "\"\(oldID)\""), ("\"sha256:…\"", "\"\(Fingerprint.of(Array(oldSecret.utf8)))\""),
            ("grace = \"24h\"", "grace = \"\(grace)\""),
        ] {
            guard text.contains(placeholder) else { throw SandboxError("demo/RECIPES.md's AWS inventory has no \(placeholder)") }
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        return text
    }

    /// What the secret holds: `{"AccessKeyId": …, "SecretAccessKey": …}`, as `distribute` writes it.
    static func stored(id: String, secret: String) -> String {
        #"{"AccessKeyId":"\#(id)","SecretAccessKey":"\#(secret)"}"#
    }

    /// The test's `aws`: in front of the real CLI at `real`. `$AWS_FAULTS` holds one fault a
    /// line, `TIMES|CALL|ERROR`: the first TIMES calls starting with CALL fail as the AWS CLI
    /// fails when AWS answers with ERROR (counted in `$AWS_FAULT_DIR`). After a successful
    /// `secretsmanager put-secret-value` it appends the secret's versions (one JSON line, read with
    /// the caller's credentials) to `$AWS_SNAPSHOT_FILE`.
    static func shim(real: String) -> String {
        """
        #!/bin/sh
        call=" $* "
        n=0
        while IFS='|' read -r times prefix error; do
            [ -n "$prefix" ] || continue
            n=$((n + 1))
            case "$call" in
            " $prefix "*)
                mkdir -p "$AWS_FAULT_DIR"
                done=$(cat "$AWS_FAULT_DIR/$n" 2>/dev/null || echo 0)
                if [ "$done" -lt "$times" ]; then
                    echo $((done + 1)) >"$AWS_FAULT_DIR/$n"
                    printf '\\nAn error occurred %s\\n' "$error" >&2
                    exit 254
                fi ;;
            esac
        done <<FAULTS
        ${AWS_FAULTS:-}
        FAULTS
        case "$call" in
        " secretsmanager put-secret-value "*)
            '\(real)' "$@" || exit $?
            '\(real)' secretsmanager list-secret-version-ids --secret-id "$AWS_SNAPSHOT_SECRET" --output json \\
                | tr -d '\\n' >>"$AWS_SNAPSHOT_FILE" || exit $?
            echo >>"$AWS_SNAPSHOT_FILE"
            exit 0 ;;
        esac
        exec '\(real)' "$@"

        """
    }

    /// The value at `keys` in `object`, as a string.
    static func string(_ object: [String: Any], _ keys: String...) throws -> String {
        var current: Any? = object
        for key in keys { current = (current as? [String: Any])?[key] }
        guard let value = current as? String else { throw SandboxError("no \(keys.joined(separator: ".")) in \(object.keys.sorted())") }
        return value
    }
}

/// A failure the test's `aws` shim produces: the first `times` calls that start with `call`
/// ("iam create-access-key") fail with AWS's `error` text.
struct AWSFault: Sendable {
    /// The start of the failing calls' arguments: "service operation".
    var call: String
    /// AWS's error as the CLI prints it after "An error occurred ".
    var error: String
    /// How many of those calls fail.
    var times: Int
}
