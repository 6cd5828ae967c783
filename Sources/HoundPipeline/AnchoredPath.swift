import HoundEngine
import HoundModel

/// Paths as rules see them versus paths as reports show them.
///
/// Path allowlists and rule path filters are written relative to the repository's top level
/// (where `.keyhound.toml` lives), so the scanner must see `Sources/x.swift` whether the user ran
/// `keyhound scan .` at the top, `keyhound scan /abs/repo` from elsewhere, or `keyhound scan
/// sub` below it. Reports keep the path the user gave (`/abs/repo/Sources/x.swift`).
package enum AnchoredPath {
    /// `folder`'s path below its repository's top level (or below itself outside any
    /// repository): `""` or `"sub/dir/"`.
    package static func prefix(of folder: String) -> String {
        let top = FilePaths.repositoryTop(from: folder) ?? folder
        guard folder.count > top.count, folder.hasPrefix(top) else { return "" }
        let rest = folder.dropFirst(top.count).split(separator: "/").filter { $0 != "." }
        return rest.isEmpty ? "" : rest.joined(separator: "/") + "/"
    }

    /// The file `full` (absolute) as the scanner should see it: below its repository's top.
    package static func file(_ full: String) -> String {
        prefix(of: FilePaths.parent(of: full)) + String(full.split(separator: "/").last ?? "")
    }

    /// `results` with every location path starting with `anchored` moved to `shown`.
    package static func relocate(_ results: [FragmentResult], from anchored: String, to shown: String) -> [FragmentResult] {
        guard anchored != shown else { return results }
        // Findings of one file share one moved path (a file can hold 470,000 findings).
        var last: (path: String, moved: String)?
        func move(_ finding: Finding) -> Finding {
            var out = finding
            if let last, last.path == out.location.path {
                out.location.path = last.moved
            } else if out.location.path.hasPrefix(anchored) {
                let moved = shown + out.location.path.dropFirst(anchored.count)
                last = (out.location.path, moved)
                out.location.path = moved
            }
            return out
        }
        return results.map { result in
            var out = result
            out.findings = result.findings.map(move)
            out.suppressed = result.suppressed.map { (move($0.finding), $0.reason) }
            return out
        }
    }
}
