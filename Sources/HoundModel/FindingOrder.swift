/// Report order without copying findings: a permutation of indices (8 bytes per finding)
/// instead of a sorted copy of the array (~230 bytes per finding, plus the sort's own buffer of
/// as many again).
public enum FindingOrder {
    /// The indices of `items` in ascending order by `precedes`; ties keep their original order.
    public static func indices<Item>(of items: [Item], by precedes: (Item, Item) -> Bool) -> [Int] {
        var order = Array(items.indices)
        order.sort { a, b in
            if precedes(items[a], items[b]) { return true }
            if precedes(items[b], items[a]) { return false }
            return a < b
        }
        return order
    }

    /// The indices of `findings` in report order (`Finding.<`).
    public static func indices(of findings: [Finding]) -> [Int] { indices(of: findings, by: <) }
}

extension Array where Element == Finding {
    /// Sorts the findings into report order in place, moving each element once along the
    /// permutation's cycles: no second array of findings is built.
    public mutating func sortCompactly() {
        let order = FindingOrder.indices(of: self)
        var placed = [Bool](repeating: false, count: count)
        for start in indices where !placed[start] && order[start] != start {
            // Position `start` takes the element at order[start]; follow the cycle.
            let first = self[start]
            var target = start
            while true {
                placed[target] = true
                let source = order[target]
                if source == start {
                    self[target] = first
                    break
                }
                self[target] = self[source]
                target = source
            }
        }
    }
}
