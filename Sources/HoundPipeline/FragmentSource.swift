/// Where fragments come from: one input of a scan (what gitleaks calls a `Source`).
///
/// Each source lives in its own file under `FragmentSources/`: the working tree or a folder
/// walk, a named file, standard input, the staged diff, a commit range or list, a repository's
/// history, a list of repositories (a sweep). A source produces fragments (bytes plus
/// provenance) and feeds them to the pipeline's one scanning entry point, then places what was
/// found (a history finding at the commits and paths that introduced its blob, a chunk's
/// finding at its position in the stream). Adding an input (a container image layer, an
/// archive) is one more file there.
package protocol FragmentSource {
    /// Scans this source's fragments into `pipeline`: findings and suppressed findings, counts,
    /// and the problems of single inputs as errors or notices. Throws only when the source as a
    /// whole cannot be read (no repository, git missing).
    func feed(_ pipeline: inout ScanPipeline) throws
}

/// Why a source as a whole could not be read (the message names it; exit 2).
package struct SourceError: Error, CustomStringConvertible {
    /// What went wrong, for the person.
    package var description: String

    /// An error saying `message`.
    package init(_ message: String) { description = message }
}
