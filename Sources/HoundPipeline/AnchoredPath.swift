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

    /// `results` with every location path starting with `anchored` moved to `shown`, changed in
    /// place (consumed: a mapped copy of a file's 470,000 findings was 105 MB more at the peak).
    package static func relocate(_ results: consuming [FragmentResult], from anchored: String, to shown: String)
        -> [FragmentResult]
    {
        guard anchored != shown else { return results }
        // Findings of one file share one moved path (a file can hold 470,000 findings).
        var last: (path: String, moved: String)?
        func move(_ location: inout Location) {
            if let last, last.path == location.path {
                location.path = last.moved
            } else if location.path.hasPrefix(anchored) {
                let moved = shown + location.path.dropFirst(anchored.count)
                last = (location.path, moved)
                location.path = moved
            }
        }
        for i in results.indices {
            for j in results[i].findings.indices { move(&results[i].findings[j].location) }
            for j in results[i].suppressed.indices { move(&results[i].suppressed[j].finding.location) }
        }
        return results
    }
}
