/// Hands out one storage for equal context lines, so findings on one line (or on lines that
/// read the same once redacted) share it instead of each holding a copy: a line of eight key ids
/// gave eight findings eight ~100-byte copies of nearly the same text.
///
/// Kept per fragment by the scanner; it remembers at most `capacity` distinct lines (then it
/// starts afresh), so a fragment of all-different lines costs a bounded table and no more.
public struct ContextShare {
    /// The lines handed out so far.
    private var seen: Set<String> = []
    /// How many distinct lines it remembers.
    public let capacity: Int

    /// An empty table remembering up to `capacity` lines.
    public init(capacity: Int = 4096) { self.capacity = capacity }

    /// `context`, or an equal string handed out before (whose storage it then shares).
    public mutating func shared(_ context: String) -> String {
        // Short strings live inside the String value itself: nothing to share.
        guard context.utf8.count > 15 else { return context }
        if let held = seen.firstIndex(of: context) { return seen[held] }
        if seen.count >= capacity { seen.removeAll(keepingCapacity: true) }
        seen.insert(context)
        return context
    }
}
