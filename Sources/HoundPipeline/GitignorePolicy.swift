/// Whether a folder walk lets `.gitignore` files decide what it skips (`--gitignore`,
/// `--no-gitignore`). Outside a git work tree (a tarball, an artifact, a container filesystem)
/// there is no "what would be committed", and ignored `.env` files, logs and build output are
/// where secrets sit: by default such a walk reads everything.
package enum GitignorePolicy: Equatable, Sendable {
    /// Inside a work tree, honour `.gitignore`; outside one, do not (the default).
    case byLocation
    /// `--gitignore`: always honour `.gitignore`.
    case honour
    /// `--no-gitignore`: never honour `.gitignore`.
    case ignore

    /// Whether a walk of a folder inside (or outside) a git work tree honours `.gitignore`.
    package func honours(insideWorkTree: Bool) -> Bool {
        switch self {
        case .byLocation: insideWorkTree
        case .honour: true
        case .ignore: false
        }
    }
}
