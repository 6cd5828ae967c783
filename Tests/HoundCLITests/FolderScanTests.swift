import Foundation
import Testing

/// What a folder scan covers (issue 15 §5): outside a git work tree `.gitignore` decides nothing
/// unless `--gitignore` is given; inside one, ignored files stay out.
@Suite("folder scan and .gitignore")
final class FolderScanTests {
    let sandbox: Sandbox
    let token: String

    init() throws {
        sandbox = try Sandbox()
        var secrets = FakeSecrets(seed: 15)
        token = secrets.githubToken()
        for folder in [sandbox.path("artifact"), sandbox.repo] {
            try sandbox.write(".gitignore", "*.env\nbuild/\n", in: folder)
            try sandbox.write("deploy/prod.env", "GITHUB_TOKEN=\(token)\n", in: folder)
            try sandbox.write("README.md", "# nothing here\n", in: folder)
        }
    }

    deinit { sandbox.remove() }

    @Test("outside a work tree, ignored files are scanned by default")
    func outsideAWorkTreeEverythingIsScanned() {
        let run = sandbox.keyhound(["scan", "--no-progress", "-f", "jsonl"], in: sandbox.path("artifact"))
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("deploy/prod.env"))
        #expect(!run.stdout.contains(token))
        let alias = sandbox.keyhound(["scan", "--no-gitignore", "--no-progress"], in: sandbox.path("artifact"))
        #expect(alias.status == 1, "--no-gitignore is accepted and changes nothing there")
    }

    @Test("--gitignore lets .gitignore decide outside a work tree")
    func gitignoreOptIn() {
        let run = sandbox.keyhound(["scan", "--gitignore", "--no-progress"], in: sandbox.path("artifact"))
        #expect(run.status == 0, "\(run)")
    }

    @Test("inside a work tree, ignored files stay out")
    func insideAWorkTreeUnchanged() {
        #expect(sandbox.keyhound(["scan", "--no-progress"]).status == 0)
        #expect(sandbox.keyhound(["scan", "--no-git", "--no-progress"]).status == 0)
        #expect(sandbox.keyhound(["scan", "--no-git", "--no-gitignore", "--no-progress"]).status == 1)
    }

    @Test("--gitignore and --no-gitignore together are a usage error")
    func exclusive() {
        let run = sandbox.keyhound(["scan", "--gitignore", "--no-gitignore"], in: sandbox.path("artifact"))
        #expect(run.status == 64, "\(run)")
    }
}
