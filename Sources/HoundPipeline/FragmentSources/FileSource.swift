import HoundEngine
import HoundInputs
import HoundModel

/// One file named on the command line: read even through a symbolic link (the user asked for
/// it; links inside a tree are never followed), scanned as the file below its repository's top
/// level (what path allowlists see), reported under the path the user gave.
package struct FileSource: FragmentSource {
    /// The path as the user gave it (and as reports show it).
    package var shownAs: String
    /// The absolute (or working-directory-relative) path.
    package var file: String

    /// The file `file`, shown as `shownAs`.
    package init(shownAs: String, file: String) {
        self.shownAs = shownAs
        self.file = file
    }

    package func feed(_ pipeline: inout ScanPipeline) throws {
        if let problem = FilePaths.statProblem(file) {
            pipeline.errors.append("\(shownAs): \(problem)")
            return
        }
        let reader = FileReader(root: "", maximumSize: pipeline.maxFileSize)
        let content = reader.read(RawPath(FilePaths.resolvedLink(file)))
        if let notice = content.notice(for: RawPath(shownAs)) { pipeline.record([notice]) }
        guard let bytes = content.value else { return }
        let fragment = Fragment(path: AnchoredPath.file(file), bytes: bytes, provenance: .file)
        var scanner = Scanner(pipeline.compiled)
        let result = scanner.scan(fragment)
        pipeline.filesScanned += 1
        pipeline.bytesScanned += bytes.count
        pipeline.collect(AnchoredPath.relocate([consume result], from: fragment.path, to: shownAs))
    }
}
