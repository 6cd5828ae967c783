import Foundation
import HoundModel
import Testing

/// The AWS IAM + Secrets Manager recipe of `demo/RECIPES.md` (`demo/rotation/aws-key`, with
/// `promote`), run by the built `keyhound` against moto's server with the AWS CLI, IAM enforced
/// for the rotator's policy: create, distribute as AWSPENDING, verify, promote, grace, revoke.
@Suite(
    "the AWS recipe against moto",
    .enabled(if: MotoServer.missing == nil, "\(MotoServer.missing ?? "")"),
    .enabled(if: Built.binary != nil, "the keyhound binary was not built"))
struct AWSRecipeTests {
    @Test("happy path: staged as AWSPENDING, verified, promoted; the old key revoked once a consumer has used the new one")
    func rotatesTheKey() throws {
        let recipe = try AWSRecipe()
        defer { recipe.remove() }
        var runs: [KeyhoundRun] = []

        // grace = "0s": right after promote keyhound asks whether the old key may go. No consumer
        // has used the new key yet, so the recipe's verify says no: both keys stay valid.
        let started = try recipe.keyhound(["rotate", AWSRecipe.user])
        runs.append(started)
        #expect(started.status == 1 && started.stdout.contains("no consumer has used"), "\(started)")
        #expect(started.stdout.contains("Both keys are valid"), "\(started)")
        let keys = try recipe.accessKeys()
        #expect(keys.count == 2 && keys.values.allSatisfy { $0 == "Active" }, "both keys valid: \(keys)")
        let newID = try #require(keys.keys.first { $0 != recipe.oldID })
        let version = "keyhound-rotation-\(newID)"
        let distributed = try recipe.stagesAfterDistribute()
        #expect(distributed.count == 1 && distributed.first?[version] == ["AWSPENDING"], "staged, not current: \(distributed)")
        #expect(distributed.first?.values.contains(["AWSCURRENT"]) == true, "consumers still on the old key: \(distributed)")
        let current = try recipe.storedKey()
        #expect(current.id == newID, "promoted: consumers read the new key")
        #expect(try recipe.storedKey(stage: "AWSPREVIOUS").id == recipe.oldID)
        #expect(try recipe.stages().allSatisfy { !$0.contains("AWSPENDING") }, "AWSPENDING removed by promote")
        let succeeded = try recipe.auditRecords().filter { $0["outcome"] as? String == "succeeded" }.compactMap { $0["step"] as? String }
        for step in ["create", "distribute", "verify", "promote"] {
            #expect(succeeded.contains(step), "audited: \(step) succeeded: \(succeeded)")
        }

        // The deploy pipeline reads AWSCURRENT and uses it (moto checks the signature): now
        // the old key may go.
        let deploy = try recipe.consumerDeploys()
        #expect(deploy.succeeded, "the new secret in AWSCURRENT authenticates: \(deploy.stderrText)")
        let finished = try recipe.keyhound(["rotate", "--resume"])
        runs.append(finished)
        #expect(finished.status == 0 && finished.stdout.contains("rotated"), "\(finished)")

        #expect(try recipe.accessKeys() == [newID: "Active"], "exactly one key, the new one, active")
        #expect(try recipe.storedKey().id == newID)
        let inventory = try recipe.sandbox.read("keys.toml", in: recipe.folder)
        #expect(inventory.contains("provider_id = \"\(newID)\""), "\(inventory)")
        #expect(inventory.contains("fingerprint = \"\(Fingerprint.of(Array(current.secret.utf8)))\""), "\(inventory)")
        #expect(inventory.contains("[[keys.previous]]") && inventory.contains("provider_id = \"\(recipe.oldID)\""), "\(inventory)")
        let verified = try recipe.keyhound(["audit", "verify"])
        #expect(verified.status == 0, "\(verified)")
        let revoked = try recipe.auditRecords().filter { $0["step"] as? String == "revoke-old" && $0["outcome"] as? String == "succeeded" }
        #expect(revoked.count == 1, "the revocation of the old key is audited")

        try Self.expectNoSecret([recipe.oldSecret, current.secret], in: runs + [verified], recipe: recipe)
    }

    @Test(
        "failing verify: rolled back, the new IAM key deleted, AWSCURRENT still the old key, old key active; the rotator's policy enforced")
    func failingVerifyRollsBack() throws {
        let recipe = try AWSRecipe()
        defer { recipe.remove() }
        // The new key does not authenticate (as when IAM refuses it): the recipe's verify fails.
        let refused = AWSFault(
            call: "sts get-caller-identity",
            error: "(SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we "
                + "calculated does not match the signature you provided.",
            times: 100)
        let run = try recipe.keyhound(["rotate", AWSRecipe.user], faults: [refused])
        #expect(run.status == 1 && run.stdout.contains("rolled back"), "\(run)")
        #expect(run.stdout.contains("SignatureDoesNotMatch") || run.stderr.contains("SignatureDoesNotMatch"), "AWS's reason shown: \(run)")

        #expect(try recipe.accessKeys() == [recipe.oldID: "Active"], "the new key is gone, the old one untouched")
        let current = try recipe.storedKey()
        #expect(current.id == recipe.oldID && current.secret == recipe.oldSecret, "AWSCURRENT untouched")
        #expect(try recipe.stages().allSatisfy { !$0.contains("AWSPENDING") }, "the staged version was unstaged")
        let inventory = try recipe.sandbox.read("keys.toml", in: recipe.folder)
        #expect(inventory.contains("provider_id = \"\(recipe.oldID)\"") && !inventory.contains("[[keys.previous]]"))
        let status = try recipe.keyhound(["rotate", "status"])
        #expect(status.status == 0, "nothing left under way: \(status)")
        try Self.expectNoSecret([recipe.oldSecret], in: [run, status], recipe: recipe)

        // keyhound ran as the rotator, whose policy is the recipe's, enforced by moto as far as
        // it can: the actions (its resources are matched by the files test). Nothing else is
        // allowed, and a request signed with a wrong secret is refused.
        let denied = try recipe.aws(as: recipe.rotator, ["iam", "create-user", "--user-name", "intruder"])
        #expect(!denied.succeeded && denied.stderrText.contains("AccessDenied"), "\(denied.stderrText)")
        let forged = try recipe.aws(as: (recipe.oldID, String(recipe.oldSecret.reversed())), ["s3api", "list-buckets"])
        #expect(!forged.succeeded && forged.stderrText.contains("SignatureDoesNotMatch"), "\(forged.stderrText)")
        let policy = try AWSRecipe.policyText()
        let resources = try AWSRecipe.resources(of: policy)
        func allowed(_ arn: String) -> Bool { resources.contains { AWSRecipe.arn(arn, matches: $0) } }
        #expect(allowed(recipe.userARN) && allowed(recipe.secretARN), "the policy names moto's ARNs: \(resources)")
    }

    @Test("a throttled AWS call exits 75: keyhound retries it and the rotation completes")
    func throttledCallIsRetried() throws {
        let recipe = try AWSRecipe()
        defer { recipe.remove() }
        let faults = [
            AWSFault(
                call: "iam create-access-key",
                error: "(Throttling) when calling the CreateAccessKey operation (reached max retries: 4): Rate exceeded", times: 1),
            AWSFault(
                call: "secretsmanager update-secret-version-stage",
                error: "(ThrottlingException) when calling the UpdateSecretVersionStage operation (reached max retries: 4): Rate exceeded",
                times: 1),
        ]
        let started = try recipe.keyhound(["rotate", AWSRecipe.user], faults: faults)
        #expect(started.status == 1 && started.stdout.contains("no consumer has used"), "promoted, waiting for a consumer: \(started)")
        let retried = try recipe.auditRecords().filter { record in
            record["outcome"] as? String == "retrying" && (JSON.at(record, "details", "error") as? String ?? "").contains("status 75")
        }
        #expect(retried.map { $0["step"] as? String } == ["create", "promote"], "each throttled call retried once: \(retried)")

        #expect(try recipe.consumerDeploys().succeeded)
        let finished = try recipe.keyhound(["rotate", "--resume"], faults: faults)
        #expect(finished.status == 0, "\(finished)")
        let keys = try recipe.accessKeys()
        #expect(keys.count == 1 && keys[recipe.oldID] == nil && keys.values.first == "Active", "\(keys)")
        #expect(try recipe.storedKey().id == keys.keys.first)
    }

    /// No secret (or its first 12 characters) in keyhound's output, state, audit log or inventory.
    static func expectNoSecret(_ secrets: [String], in runs: [KeyhoundRun], recipe: AWSRecipe) throws {
        let kept = try recipe.keptText()
        for secret in secrets {
            let piece = String(secret.prefix(12))
            for run in runs {
                #expect(!run.stdout.contains(piece) && !run.stderr.contains(piece), "a secret in keyhound's output")
            }
            #expect(!kept.contains(piece), "a secret in keyhound's state, audit log or inventory")
        }
    }
}
