import HoundModel
import Testing

@testable import HoundReport

/// The HTML page: escaping, forge links, redaction.
@Suite("HTML report")
struct HTMLReportTests {
    @Test("clone URLs of known forges give commit and file links; others give none")
    func forgeLinks() throws {
        let github = try #require(ForgeLinks(remote: "https://github.com/acme/api.git"))
        #expect(github.commit("abc123") == "https://github.com/acme/api/commit/abc123")
        #expect(github.file("src/a b.py", commit: "abc123", line: 7) == "https://github.com/acme/api/blob/abc123/src/a%20b.py#L7")
        #expect(ForgeLinks(remote: "git@github.com:acme/api.git")?.base == "https://github.com/acme/api")
        #expect(ForgeLinks(remote: "https://user:***@gitlab.com/group/sub/app")?.commit("ff") == "https://gitlab.com/group/sub/app/-/commit/ff")
        #expect(ForgeLinks(remote: "ssh://git@bitbucket.org/team/repo.git")?.file("x", commit: "ff", line: 2) == "https://bitbucket.org/team/repo/src/ff/x#lines-2")
        #expect(ForgeLinks(remote: "file:///srv/git/api.git") == nil)
        #expect(ForgeLinks(remote: "/srv/git/api") == nil)
        #expect(ForgeLinks(remote: "https://example.com/acme/api") == nil)
    }

    @Test("hostile paths, contexts and names are escaped; the secret is never on the page")
    func escaping() {
        let secret = ReportFixture.githubSecret
        var finding = Finding(
            ruleID: "github-pat", description: "GitHub <b>token</b>",
            location: Location(
                path: "<script>alert(1)</script>.env", line: 3, column: 1, endLine: 3, endColumn: 41,
                commit: ReportFixture.alice),
            secret: secret, fingerprint: Fingerprint.of(secret), confidence: .high, severity: .high,
            context: "TOKEN=\"…\" <img src=x>")
        finding.repository = RepositoryReference(name: "api\"'<", location: "https://github.com/acme/api.git")
        let report = ScanReport(findings: [finding], summary: ScanSummary(), toolVersion: "test")
        let html = HTMLReport.render(report)
        #expect(!html.contains(String(decoding: secret, as: UTF8.self)))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.env"))
        #expect(html.contains("href=\"https://github.com/acme/api/commit/\(ReportFixture.alice.id)\""))
        #expect(html.contains("api&quot;&#39;&lt;"))
        #expect(html.components(separatedBy: "<script>").count == 2, "only the page's own script")
    }
}
