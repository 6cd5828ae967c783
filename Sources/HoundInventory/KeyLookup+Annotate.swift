import HoundModel

extension KeyLookup {
    /// The findings with what the inventory knows about them.
    ///
    /// - A known, active key: `key` is set and the severity becomes `critical`.
    /// - A retired or revoked key: `key` is set, the severity becomes `low`, and a note says
    ///   "retired key" or "revoked key" (still worth removing from the code).
    /// - A retired version of a key (`[[keys.previous]]`): `key` is set; revoked: severity `low`
    ///   and "revoked version of X, revoked on DATE"; not yet revoked: `critical` and "old version
    ///   of X, still valid (grace period)".
    /// - Anything else is an unregistered credential: severity unchanged, `key` nil, and the note
    ///   "unregistered credential" (only when the inventory has records, so a run without an
    ///   inventory does not claim anything).
    ///
    /// One lookup per finding; findings are rehashed only when the inventory holds fingerprints
    /// of another algorithm than the finding's.
    public func annotate(_ findings: [Finding]) -> [Finding] {
        guard recordCount > 0 else { return findings }
        return findings.map(annotate)
    }

    /// One finding with what the inventory knows about it.
    public func annotate(_ finding: Finding) -> Finding {
        var finding = finding
        let known =
            holdsOnlyFingerprints(of: finding.fingerprint.algorithm)
            ? knownKey(for: finding.fingerprint) : knownKey(forSecret: finding.secret)
        guard let known else {
            if !finding.notes.contains(Inventory.unregisteredNote) { finding.notes.append(Inventory.unregisteredNote) }
            return finding
        }
        finding.key = known.reference
        switch known.retired {
        case .revoked(let day)?:
            finding.severity = .low
            finding.notes.append("revoked version of \(known.reference.name), revoked on \(day)")
            return finding
        case .stillValid?:
            finding.severity = .critical
            finding.notes.append("old version of \(known.reference.name), still valid (grace period): rotate it or finish the rotation")
            return finding
        case nil:
            break
        }
        switch known.status {
        case .active:
            finding.severity = .critical
        case .retired, .revoked:
            finding.severity = .low
            finding.notes.append("\(known.status.rawValue) key")
        }
        return finding
    }
}

extension Inventory {
    /// The note on findings the inventory does not know.
    public static let unregisteredNote = "unregistered credential"
}
