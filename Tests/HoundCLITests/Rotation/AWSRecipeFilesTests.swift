import Foundation
import HoundSupport
import Testing

/// The AWS recipe's files, checked without AWS: its least-privilege policy
/// (`demo/rotation/aws-key-policy.json`) and its one step script (`demo/rotation/aws-key`),
/// which `demo/RECIPES.md` documents and links instead of copying.
@Suite("the AWS recipe's policy and script")
struct AWSRecipeFilesTests {
    /// The rotated user's ARN in the policy's account.
    static let user = "arn:aws:iam::123456789012:user/ci-deployer"
    /// The secret's ARN (AWS appends six random characters to its name).
    static let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/ci-deployer-AbC123"

    @Test("the policy is IAM JSON allowing the recipe's nine actions, on the rotated user and the one secret only")
    func leastPrivilegePolicy() throws {
        let text = try AWSRecipe.policyText()
        let policy = try JSON.object(Array(text.utf8))
        #expect(policy["Version"] as? String == "2012-10-17")
        let statements = try #require(policy["Statement"] as? [[String: Any]])
        var actions: [String: [String]] = [:]
        for statement in statements {
            #expect(Set(statement.keys) == ["Sid", "Effect", "Action", "Resource"], "\(statement.keys.sorted())")
            #expect(statement["Effect"] as? String == "Allow")
            let named = try #require(statement["Action"] as? [String])
            let scoped = try #require(statement["Resource"] as? [String], "every statement names its resources")
            #expect(!scoped.contains { $0.contains("*") } && !named.contains { $0.contains("*") }, "no wildcard: \(statement)")
            for action in named { actions[action, default: []] += scoped }
        }
        let iam = ["iam:CreateAccessKey", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed", "iam:UpdateAccessKey", "iam:DeleteAccessKey"]
        let secretsManager = [
            "secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue", "secretsmanager:ListSecretVersionIds",
            "secretsmanager:UpdateSecretVersionStage",
        ]
        #expect(Set(actions.keys) == Set(iam + secretsManager))
        func allows(_ action: String, on arn: String) -> Bool {
            actions[action, default: []].contains { AWSRecipe.arn(arn, matches: $0) }
        }
        for action in iam {
            #expect(allows(action, on: Self.user) && !allows(action, on: Self.secret), "\(action)")
            #expect(!allows(action, on: "arn:aws:iam::123456789012:user/admin"), "\(action) on another user")
        }
        for action in secretsManager {
            #expect(allows(action, on: Self.secret) && !allows(action, on: Self.user), "\(action)")
            for other in ["prod/ci-deployer2-AbC123", "prod/other-AbC123", "prod/ci-deployer-AbC1234"] {
                #expect(!allows(action, on: "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + other), "\(action) on \(other)")
            }
        }
    }

    @Test("every AWS call of the script is allowed by the policy")
    func theScriptNeedsNothingElse() throws {
        let script = try String(contentsOfFile: Built.packageRoot + "/demo/rotation/aws-key", encoding: .utf8)
        let policy = try JSON.object(Array(try AWSRecipe.policyText().utf8))
        let allowed = Set((policy["Statement"] as? [[String: Any]] ?? []).flatMap { $0["Action"] as? [String] ?? [] })
        // "aws iam create-access-key" -> iam:CreateAccessKey; sts get-caller-identity needs no permission.
        let calls = try NSRegularExpression(pattern: #"\baws (iam|secretsmanager|sts) ([a-z-]+)"#)
        let range = NSRange(script.startIndex..., in: script)
        var used: Set<String> = []
        for match in calls.matches(in: script, range: range) {
            let service = String(script[Range(match.range(at: 1), in: script)!])
            let operation = String(script[Range(match.range(at: 2), in: script)!])
                .split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            used.insert("\(service):\(operation)")
        }
        #expect(used.contains("iam:CreateAccessKey") && used.contains("secretsmanager:UpdateSecretVersionStage"), "\(used)")
        #expect(used.subtracting(allowed) == ["sts:GetCallerIdentity"], "calls the policy does not allow: \(used.subtracting(allowed))")
    }

    @Test("the recipe links the one script instead of copying it; the script parses and refuses bad usage with 64")
    func oneScript() throws {
        let recipes = try String(contentsOfFile: Built.packageRoot + "/demo/RECIPES.md", encoding: .utf8)
        let section = try #require(recipes.range(of: "## AWS IAM access keys"))
        let next = recipes.range(of: "\n## ", range: section.upperBound..<recipes.endIndex)?.lowerBound ?? recipes.endIndex
        let aws = recipes[section.upperBound..<next]
        #expect(aws.contains("(rotation/aws-key)") && aws.contains("(rotation/aws-key-policy.json)"))
        #expect(!aws.contains("```sh") && !aws.contains("aws iam create-access-key --user-name"), "no second copy of the script")

        let script = Built.packageRoot + "/demo/rotation/aws-key"
        #expect(FileManager.default.isExecutableFile(atPath: script))
        let parsed = try Subprocess(executable: "/bin/sh", arguments: ["-n", script]).run(stdin: [], timeout: 30)
        #expect(parsed.succeeded, "\(parsed.stderrText)")
        for arguments in [[], ["create"], ["verify", "u", "k"], ["rotate", "u"]] {
            let run = try Subprocess(executable: script, arguments: arguments).run(stdin: [], timeout: 30)
            #expect(run.status == 64 && run.stderrText.contains("aws-key"), "\(arguments): \(run.status) \(run.stderrText)")
        }
    }
}
