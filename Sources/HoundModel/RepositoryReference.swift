/// The repository a sweep finding comes from: a short name for people and where it lives.
public struct RepositoryReference: Hashable, Sendable, Comparable {
    /// A short name (`payments-api`): the last component of the location, without `.git`.
    public var name: String
    /// Where it lives, as the repository list gave it (a path or a clone URL).
    public var location: String

    /// A reference from its parts.
    public init(name: String, location: String) {
        self.name = name
        self.location = location
    }

    public static func < (lhs: RepositoryReference, rhs: RepositoryReference) -> Bool {
        (lhs.name, lhs.location) < (rhs.name, rhs.location)
    }
}
