import HoundModel

/// The `report html` page: one self-contained HTML file (no network, no external script, font
/// or image), redacted like every report. Summary first (severities, repositories, inventory
/// keys leaked with their owners, unregistered credentials, failed repositories), then inline
/// SVG charts (findings per repository, per rule, by month of the commit that leaked them), then
/// tables by repository, rule and key and the full list. Tables are plain HTML; a small inline
/// script adds sorting (click a heading) and a filter box to each, so the page shows everything
/// without JavaScript.
public enum HTMLReport {
    /// The page for `report` (its findings read back from a `jsonl` sweep or scan report).
    public static func render(_ report: ScanReport, title: String = "keyhound report") -> String {
        let report = report.sorted()
        let findings = report.findings
        var page = HTMLPage()
        page.line("<!DOCTYPE html>")
        page.line("<html lang=\"en\"><head><meta charset=\"utf-8\">")
        page.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.line("<title>\(HTMLText.escaped(title))</title>")
        page.line("<style>\(style)</style></head><body>")
        page.line("<h1>\(HTMLText.escaped(title))</h1>")
        page.line("<p class=\"meta\">keyhound \(HTMLText.escaped(report.toolVersion)) · \(findings.count) findings · secrets are redacted</p>")
        summary(report, into: &page)
        charts(report, into: &page)
        repositoryTable(report, into: &page)
        ruleTable(report, into: &page)
        keyTable(report, into: &page)
        findingTable(report, into: &page)
        page.line("<script>\(script)</script>")
        page.line("</body></html>")
        return page.text
    }

    // MARK: Summary

    static func summary(_ report: ScanReport, into page: inout HTMLPage) {
        let findings = report.findings
        page.line("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">")
        for severity in Severity.allCases.reversed() {
            let count = findings.count(where: { $0.severity == severity })
            page.line("<div class=\"card sev-\(severity.rawValue)\" data-severity=\"\(severity.rawValue)\"><b>\(count)</b> \(severity.rawValue)</div>")
        }
        let affected = Set(findings.compactMap(\.repository)).count
        let total = report.repositories.count
        page.line("<div class=\"card\" id=\"affected\"><b>\(affected)</b> repositories affected" + (total > 0 ? " of \(total)" : "") + "</div>")
        let unregistered = findings.count(where: { !$0.isRegistered })
        page.line("<div class=\"card\" id=\"unregistered\"><b>\(unregistered)</b> unregistered credentials</div>")
        let failed = report.repositories.filter { $0.failure != nil }
        page.line("<div class=\"card\" id=\"failed-count\"><b>\(failed.count)</b> repositories failed</div></div>")
        let keys = leakedKeys(findings)
        if !keys.isEmpty {
            page.line("<h3>Inventory keys leaked</h3><ul id=\"leaked-keys\">")
            for (key, count) in keys {
                page.line("<li><b>\(HTMLText.escaped(key.name))</b> (owner \(HTMLText.escaped(key.owner ?? "unknown")), \(HTMLText.escaped(key.status))): \(count) findings — rotate: <code>keyhound rotate \(HTMLText.escaped(key.name))</code></li>")
            }
            page.line("</ul>")
        }
        if !failed.isEmpty || !report.summary.errors.isEmpty {
            page.line("<h3>Failed</h3><ul id=\"failed\">")
            for outcome in failed {
                page.line("<li><b>\(HTMLText.escaped(outcome.repository.name))</b> (\(HTMLText.escaped(outcome.repository.location))): \(HTMLText.escaped(outcome.failure ?? ""))</li>")
            }
            if report.repositories.isEmpty {
                for error in report.summary.errors { page.line("<li>\(HTMLText.escaped(error))</li>") }
            }
            page.line("</ul>")
        }
        page.line("</section>")
    }

    /// Inventory keys found, with how many findings each, by name.
    static func leakedKeys(_ findings: [Finding]) -> [(KeyReference, Int)] {
        var counts: [String: (KeyReference, Int)] = [:]
        for finding in findings {
            guard let key = finding.key else { continue }
            counts[key.name, default: (key, 0)].1 += 1
        }
        return counts.keys.sorted().compactMap { counts[$0] }
    }

    // MARK: Charts

    static func charts(_ report: ScanReport, into page: inout HTMLPage) {
        let findings = report.findings
        page.line("<section id=\"charts\"><h2>Charts</h2><div class=\"charts\">")
        let byRepository = tally(findings.map { $0.repository?.name ?? "(scan)" })
        page.line(barChart("Findings per repository", id: "chart-repositories", byRepository.sorted { ($1.1, $0.0) < ($0.1, $1.0) }))
        let byRule = tally(findings.map(\.ruleID))
        page.line(barChart("Findings per rule", id: "chart-rules", byRule.sorted { ($1.1, $0.0) < ($0.1, $1.0) }))
        let months = tally(findings.map { $0.location.commit.map { String($0.date.prefix(7)) } ?? "no commit" })
        page.line(barChart("Age of leaks (month of the commit)", id: "chart-age", months.sorted { $0.0 < $1.0 }))
        page.line("</div></section>")
    }

    static func tally(_ names: [String]) -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for name in names { counts[name, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }
    }

    /// A horizontal bar chart as inline SVG (at most 25 bars; the rest summed into "others").
    static func barChart(_ title: String, id: String, _ bars: [(String, Int)]) -> String {
        var shown = Array(bars.prefix(25))
        if bars.count > 25 { shown.append(("(\(bars.count - 25) others)", bars.dropFirst(25).reduce(0) { $0 + $1.1 })) }
        let maximum = max(1, shown.map(\.1).max() ?? 1)
        let rowHeight = 20
        let height = max(1, shown.count) * rowHeight + 10
        var svg =
            "<figure><figcaption>\(HTMLText.escaped(title))</figcaption><svg id=\"\(id)\" role=\"img\" width=\"460\" height=\"\(height)\" viewBox=\"0 0 460 \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (index, (name, count)) in shown.enumerated() {
            let y = index * rowHeight + 5
            let width = Int((Double(count) / Double(maximum) * 250).rounded())
            let label = name.count > 24 ? String(name.prefix(23)) + "…" : name
            svg +=
                "<g class=\"bar\"><title>\(HTMLText.escaped(name)): \(count)</title><text x=\"0\" y=\"\(y + 14)\">\(HTMLText.escaped(label))</text><rect x=\"170\" y=\"\(y + 2)\" width=\"\(max(1, width))\" height=\"\(rowHeight - 6)\"></rect><text x=\"\(175 + width)\" y=\"\(y + 14)\">\(count)</text></g>"
        }
        if shown.isEmpty { svg += "<text x=\"0\" y=\"20\">nothing to show</text>" }
        return svg + "</svg></figure>"
    }

    // MARK: Tables

    static func repositoryTable(_ report: ScanReport, into page: inout HTMLPage) {
        var rows: [String: (RepositoryReference, failure: String?, counts: [Severity: Int], total: Int)] = [:]
        for outcome in report.repositories {
            rows[outcome.repository.location] = (outcome.repository, outcome.failure, [:], 0)
        }
        for finding in report.findings {
            let reference = finding.repository ?? RepositoryReference(name: "(scan)", location: "")
            var row = rows[reference.location] ?? (reference, nil, [:], 0)
            row.counts[finding.severity, default: 0] += 1
            row.total += 1
            rows[reference.location] = row
        }
        page.table(
            id: "by-repository", title: "By repository",
            headings: ["repository", "location", "status", "findings", "critical", "high", "medium", "low"],
            rows: rows.values.sorted { $0.0 < $1.0 }.map { row in
                [
                    HTMLText.escaped(row.0.name), HTMLText.escaped(row.0.location),
                    row.failure.map { "failed: " + HTMLText.escaped($0) } ?? "scanned", "\(row.total)",
                ] + [Severity.critical, .high, .medium, .low].map { "\(row.counts[$0] ?? 0)" }
            })
    }

    static func ruleTable(_ report: ScanReport, into page: inout HTMLPage) {
        var rows: [String: (count: Int, repositories: Set<String>, description: String)] = [:]
        for finding in report.findings {
            var row = rows[finding.ruleID] ?? (0, [], finding.description)
            row.count += 1
            row.repositories.insert(finding.repository?.location ?? "")
            rows[finding.ruleID] = row
        }
        page.table(
            id: "by-rule", title: "By rule", headings: ["rule", "description", "findings", "repositories"],
            rows: rows.keys.sorted().compactMap { rule in
                rows[rule].map { [HTMLText.escaped(rule), HTMLText.escaped($0.description), "\($0.count)", "\($0.repositories.count)"] }
            })
    }

    static func keyTable(_ report: ScanReport, into page: inout HTMLPage) {
        var rows: [String: (key: KeyReference, count: Int, repositories: Set<String>)] = [:]
        for finding in report.findings {
            guard let key = finding.key else { continue }
            var row = rows[key.name] ?? (key, 0, [])
            row.count += 1
            row.repositories.insert(finding.repository?.location ?? "")
            rows[key.name] = row
        }
        let unregistered = report.findings.filter { !$0.isRegistered }
        var table = rows.keys.sorted().compactMap { name -> [String]? in
            guard let row = rows[name] else { return nil }
            return [
                HTMLText.escaped(name), HTMLText.escaped(row.key.owner ?? "—"), HTMLText.escaped(row.key.status),
                HTMLText.escaped(row.key.onLeak), "\(row.count)", "\(row.repositories.count)",
            ]
        }
        if !unregistered.isEmpty {
            table.append([
                "<i>unregistered</i>", "—", "—", "—", "\(unregistered.count)",
                "\(Set(unregistered.map { $0.repository?.location ?? "" }).count)",
            ])
        }
        page.table(
            id: "by-key", title: "By inventory key",
            headings: ["key", "owner", "status", "on leak", "findings", "repositories"], rows: table)
    }

    static func findingTable(_ report: ScanReport, into page: inout HTMLPage) {
        page.table(
            id: "findings", title: "All findings",
            headings: ["severity", "repository", "rule", "where", "commit", "date", "secret", "key", "next"],
            rows: report.findings.map(findingRow))
    }

    static func findingRow(_ finding: Finding) -> [String] {
        let forge = finding.repository.flatMap { ForgeLinks(remote: $0.location) }
        let location = finding.location
        let place = HTMLText.escaped("\(location.path):\(location.line)")
        var whereCell = place
        var commitCell = "—"
        if let commit = location.commit {
            let id = commit.id
            let short = HTMLText.escaped(String(id.prefix(12)))
            if let forge, !id.isEmpty, id.allSatisfy(\.isHexDigit) {
                whereCell = "<a href=\"\(HTMLText.escaped(forge.file(location.path, commit: id, line: location.line)))\">\(place)</a>"
                commitCell = "<a href=\"\(HTMLText.escaped(forge.commit(id)))\">\(short)</a>"
            } else {
                commitCell = "<code>\(short)</code>"
            }
            commitCell += " " + HTMLText.escaped(commit.author)
        }
        if !finding.otherLocations.isEmpty { whereCell += " <small>(+\(finding.otherLocations.count) more)</small>" }
        let next: String
        let keyCell: String
        if let key = finding.key {
            keyCell = HTMLText.escaped(key.name) + " <small>(" + HTMLText.escaped(key.owner ?? "no owner") + ")</small>"
            next = key.status == "active"
                ? "rotate: <code>keyhound rotate \(HTMLText.escaped(key.name))</code>, tell \(HTMLText.escaped(key.owner ?? "its owner"))"
                : "already \(HTMLText.escaped(key.status)): remove it from history if you can"
        } else {
            keyCell = "<i>unregistered</i>"
            next = "revoke it at the provider, then register its replacement"
        }
        var repository = HTMLText.escaped(finding.repository?.name ?? "—")
        if finding.alsoInRepositories > 0 { repository += " <small>(also in \(finding.alsoInRepositories))</small>" }
        return [
            "<span class=\"sev-\(finding.severity.rawValue)\">\(finding.severity.rawValue)</span>", repository,
            HTMLText.escaped(finding.ruleID), whereCell, commitCell,
            HTMLText.escaped(String(location.commit?.date.prefix(10) ?? "")),
            "<code>\(HTMLText.escaped(finding.redactedSecret))</code>", keyCell, next,
        ]
    }

    // MARK: Style and script

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}h1{margin-bottom:0}.meta{color:#666}
        .cards{display:flex;flex-wrap:wrap;gap:.5em}.card{border:1px solid #ccc;border-radius:6px;padding:.5em 1em}
        .card b{font-size:1.6em;display:block}.sev-critical{color:#a00;font-weight:bold}.sev-high{color:#c40}
        .sev-medium{color:#a70}.sev-low{color:#666}.charts{display:flex;flex-wrap:wrap;gap:2em}
        figure{margin:0}figcaption{font-weight:bold}svg text{font-size:12px;fill:#222}svg rect{fill:#4a78c2}
        table{border-collapse:collapse;margin:.5em 0 2em;width:100%}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f3f3f3;cursor:pointer;user-select:none}th.asc:after{content:" \\25B2"}th.desc:after{content:" \\25BC"}
        input.filter{margin:.3em 0;padding:3px;width:20em}code{font-size:12px}
        section{content-visibility:auto;contain-intrinsic-size:auto 600px}
        """

    static let script = """
        (function(){
        document.querySelectorAll('table[data-table]').forEach(function(table){
          var body=table.tBodies[0];
          var input=document.createElement('input');input.className='filter';input.type='search';
          input.placeholder='Filter '+table.getAttribute('data-table')+'…';input.setAttribute('aria-label',input.placeholder);
          table.parentNode.insertBefore(input,table);
          input.addEventListener('input',function(){var q=input.value.toLowerCase();
            Array.prototype.forEach.call(body.rows,function(r){r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});});
          Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){th.addEventListener('click',function(){
            var asc=!th.classList.contains('asc');Array.prototype.forEach.call(th.parentNode.cells,function(c){c.classList.remove('asc','desc');});
            th.classList.add(asc?'asc':'desc');
            var rows=Array.prototype.slice.call(body.rows);
            rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent,nx=parseFloat(x),ny=parseFloat(y);
              var c=(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x.trim()&&String(ny)===y.trim())?nx-ny:x.localeCompare(y);return asc?c:-c;});
            rows.forEach(function(r){body.appendChild(r);});});});
        });
        })();
        """
}

/// The HTML being written, line by line.
struct HTMLPage {
    /// The text so far.
    var text = ""

    /// Appends `line` and a newline.
    mutating func line(_ line: String) {
        text += line
        text += "\n"
    }

    /// A section with a table: `headings` escaped here, cells already HTML.
    mutating func table(id: String, title: String, headings: [String], rows: [[String]]) {
        line("<section><h2>\(HTMLText.escaped(title)) <small>(\(rows.count))</small></h2>")
        line("<table id=\"\(id)\" data-table=\"\(HTMLText.escaped(title.lowercased()))\"><thead><tr>" + headings.map { "<th>\(HTMLText.escaped($0))</th>" }.joined() + "</tr></thead><tbody>")
        for row in rows { line("<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>") }
        line("</tbody></table></section>")
    }
}
