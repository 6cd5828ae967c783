import Foundation
import Testing

/// `keyhound report html`: the sweep fixture of ``SweepTests`` rendered as one page.
extension SweepTests {
    /// A sweep's jsonl report rendered as `report.html`; returns the page.
    func renderedPage() throws -> (path: String, html: String, findings: Int) {
        let report = sandbox.root + "/sweep.jsonl"
        let sweepRun = sweep(["-f", "jsonl", "-o", report])
        #expect(sweepRun.status == 2)
        let findings = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").count - 1
        let page = sandbox.root + "/report.html"
        let run = sandbox.keyhound(["report", "html", report, "-o", page], in: sandbox.root)
        #expect(run.status == 0, "\(run)")
        return (page, try String(contentsOfFile: page, encoding: .utf8), findings)
    }

    /// The rows of the table with `id` in `html` (the page as written, or as the browser shows it).
    func rows(of id: String, in html: String) -> Int {
        guard let start = html.range(of: "<table id=\"\(id)\"") else { return -1 }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "</table>")?.lowerBound ?? rest.endIndex
        return rest[..<end].components(separatedBy: "<tr").count - 2  // minus the heading row
    }

    @Test("report html: one self-contained page, every repository, counts as in the jsonl, no secret")
    func htmlPage() throws {
        let (_, html, findings) = try renderedPage()
        #expect(findings == 6)
        #expect(rows(of: "findings", in: html) == findings)
        #expect(rows(of: "by-repository", in: html) == 5)
        for name in ["alpha", "beta", "gamma", "missing", "shallow"] { #expect(html.contains(">\(name)<")) }
        #expect(html.contains("id=\"failed\"") && html.contains("does not exist"))
        #expect(html.contains("<svg id=\"chart-repositories\"") && html.contains("<svg id=\"chart-rules\"") && html.contains("<svg id=\"chart-age\""))
        #expect(!html.contains(shared) && !html.contains(aws) && !html.contains(slack))
        // Nothing fetched from anywhere: no external script, style, font or image.
        for external in ["<link", "src=", "@import", "url("] { #expect(!html.contains(external), "\(external)") }
    }

    @Test("report html reads a single scan's jsonl report too")
    func htmlFromScan() throws {
        let scan = sandbox.keyhound(["scan", "--history", sandbox.root + "/alpha", "-f", "jsonl"], in: sandbox.root)
        try sandbox.write("scan.jsonl", scan.stdout, in: sandbox.root)
        let run = sandbox.keyhound(["report", "html", "scan.jsonl"], in: sandbox.root)
        #expect(run.status == 0)
        #expect(rows(of: "findings", in: run.stdout) == 2)
        #expect(!run.stdout.contains(shared) && !run.stdout.contains(aws))
        #expect(sandbox.keyhound(["report", "html"], in: sandbox.root).status == 64)
        #expect(sandbox.keyhound(["report", "html", "--help"], in: sandbox.root).stdout.contains("self-contained"))
    }

    @Test(
        "report html in headless Chromium: the rendered DOM has every row, the script ran, a screenshot is saved",
        .enabled(
            if: Built.which("chromium") != nil,
            "chromium is not installed (Debian package 'chromium'; .ci/run installs it)"))
    func htmlInChromium() throws {
        let (page, _, findings) = try renderedPage()
        let chromium = try #require(Built.which("chromium"))
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + sandbox.root + "/chromium"]
        let dom = try sandbox.spawn(chromium, flags + ["--dump-dom", "file://" + page], in: sandbox.root)
        let rendered = dom.stdoutText
        #expect(rows(of: "findings", in: rendered) == findings, "\(dom.stderrText)")
        #expect(rendered.contains("class=\"filter\""), "the inline script ran and added the filter boxes")
        for name in ["alpha", "beta", "gamma", "missing", "shallow"] { #expect(rendered.contains(">\(name)<")) }
        #expect(!rendered.contains(shared) && !rendered.contains(aws) && !rendered.contains(slack))
        let shot = Built.packageRoot + "/.build/sweep-report.png"
        try? FileManager.default.removeItem(atPath: shot)
        _ = try sandbox.spawn(chromium, flags + ["--screenshot=" + shot, "--window-size=1280,1600", "file://" + page], in: sandbox.root)
        let png = FileManager.default.contents(atPath: shot) ?? Data()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot at \(shot)")
    }
}
