/// Something a scan skipped or could not fully do, reported without stopping it.
public struct InputNotice: Sendable, Hashable, CustomStringConvertible {
    /// What kind of trouble.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A file or blob above the size limit was skipped.
        case tooLarge = "too-large"
        /// A file or blob that looks binary was skipped.
        case binary
        /// A file could not be read.
        case unreadable
        /// The repository is a shallow clone: older history was not scanned.
        case shallowHistory = "shallow-history"
        /// An object the history refers to is not in the repository.
        case missingObject = "missing-object"
        /// A diff section we could not interpret (it was skipped).
        case unparsedDiff = "unparsed-diff"
    }

    /// What kind of trouble.
    public var kind: Kind
    /// The display path or object the notice is about, if any.
    public var subject: String?
    /// A sentence for people.
    public var message: String

    /// A notice from its parts.
    public init(_ kind: Kind, subject: String? = nil, message: String) {
        self.kind = kind
        self.subject = subject
        self.message = message
    }

    public var description: String {
        if let subject { return "\(subject): \(message)" }
        return message
    }
}
