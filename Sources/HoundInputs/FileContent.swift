/// What reading one file gave: its content, or why it was skipped.
public enum FileContent<Value> {
    /// The file's content.
    case content(Value)
    /// A NUL byte among the first bytes: skipped as binary.
    case binary
    /// Larger than the reader's limit: skipped.
    case tooLarge(size: Int)
    /// Could not be opened or read.
    case unreadable(InputError)

    /// The notice to record for a skipped file (nil for content).
    public func notice(for path: RawPath) -> InputNotice? {
        switch self {
        case .content: nil
        case .binary: InputNotice(.binary, subject: path.display, message: "binary file skipped")
        case .tooLarge(let size):
            InputNotice(.tooLarge, subject: path.display, message: "skipped: \(size) bytes is above the size limit")
        case .unreadable(let error): InputNotice(.unreadable, subject: path.display, message: error.description)
        }
    }

    /// The content, nil when skipped.
    public var value: Value? {
        if case .content(let value) = self { return value }
        return nil
    }
}
