/// The sources of `scan [PATH...]`: each path is a folder (``TreeSource``), a file
/// (``FileSource``) or `-`, standard input (``StdinSource``).
package enum PathSources {
    /// One source per path, in order. `readStdin` fills a buffer from standard input (0 at its
    /// end); `useGit` false walks folders even inside a work tree.
    package static func sources(
        for paths: [String], workingDirectory: String, useGit: Bool, gitignore: GitignorePolicy,
        readStdin: @escaping (UnsafeMutableBufferPointer<UInt8>) -> Int
    ) -> [any FragmentSource] {
        paths.map { path -> any FragmentSource in
            if path == "-" { return StdinSource(read: readStdin) }
            let full = FilePaths.resolve(path, relativeTo: workingDirectory)
            if FilePaths.isDirectory(full) {
                return TreeSource(shownAs: path, folder: full, useGit: useGit, gitignore: gitignore)
            }
            return FileSource(shownAs: path, file: full)
        }
    }
}
