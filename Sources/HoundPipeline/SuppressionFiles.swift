import HoundInventory
import HoundModel

/// Baseline and ignore-file suppression, by identity (rule + fingerprint), and by gitleaks'
/// fingerprints (`.gitleaksignore`): the pipeline's suppression stage.
///
/// Which files apply is the CLI's choice (its options): the baseline is `--baseline FILE`, else the configuration's `baseline`, else
/// `.keyhound-baseline.json` at the repository root when it exists (so the file `baseline
/// create` writes applies to every scan and hook). A file that cannot be read or parsed does not
/// stop the scan: it is left out, the problem is kept in `problems` (reported at the top and in
/// the summary, exit 2), and the findings it would have hidden are reported. Better noisy than
/// silent.
package struct SuppressionFiles {
    /// The baseline, when one applies.
    package var baseline: Baseline?
    /// The ignore file of fingerprints, when one applies.
    package var ignore: IgnoreFile?
    /// `.gitleaksignore` at the repository root, when there is one.
    package var gitleaksIgnore: GitleaksIgnore?
    /// Files that could not be applied, each `FILE:LINE:COLUMN: reason (what that means)`.
    package var problems: [String] = []
    /// Aliases of each rule id (for `.gitleaksignore` entries naming gitleaks' ids).
    package var aliases: [String: [String]] = [:]
    /// The repository root, for `.gitleaksignore` paths (relative to it) and the working
    /// directory the shown paths are relative to.
    package var root: String?
    /// The folder shown relative paths are taken from.
    package var workingDirectory = "."
    /// Slow hashes a scan may spend on protected baseline entries (about 40 ms each in a release
    /// build): past it, low-entropy findings are reported, with a warning, rather than the scan
    /// taking minutes on a hostile repository.
    package static let slowHashBudget = 500

    /// No suppression files yet (the CLI's `load` picks them from the options), paths taken
    /// relative to `root` and shown relative to `workingDirectory`.
    package init(root: String? = nil, workingDirectory: String = ".") {
        self.root = root
        self.workingDirectory = workingDirectory
    }

    /// Removes the hidden findings from `findings` (in place), adding them to `suppressed` with
    /// the reason (`baseline: REASON` when the entry has one).
    package mutating func apply(to findings: inout [Finding], suppressed: inout [(finding: Finding, reason: String)]) {
        guard baseline != nil || ignore != nil || gitleaksIgnore != nil else { return }
        var slowHashes = 0
        var overBudget = 0
        findings.removeAll { finding in
            if let baseline {
                if baseline.needsSlowHash(finding) {
                    slowHashes += 1
                    if slowHashes > Self.slowHashBudget {
                        overBudget += 1
                        return false
                    }
                }
                if let entry = baseline.entry(for: finding) {
                    suppressed.append((finding, entry.reason.map { "baseline: \($0)" } ?? "baseline"))
                    return true
                }
            }
            if let ignore, ignore.ignores(finding) {
                suppressed.append((finding, IgnoreFile.fileName))
                return true
            }
            if let gitleaksIgnore, isListed(finding, in: gitleaksIgnore) {
                suppressed.append((finding, GitleaksIgnore.fileName))
                return true
            }
            return false
        }
        if overBudget > 0 {
            problems.append(
                "baseline: \(overBudget) low-entropy findings were not checked against its protected entries "
                    + "(more than \(Self.slowHashBudget) slow hashes in one scan); they are reported")
        }
    }

    /// Whether every place of `finding` is listed in `.gitleaksignore` (by its rule id or a
    /// gitleaks alias, its path as shown or relative to the repository root, its line and commit).
    package func isListed(_ finding: Finding, in file: GitleaksIgnore) -> Bool {
        let names = [finding.ruleID] + (aliases[finding.ruleID] ?? [])
        return ([finding.location] + finding.otherLocations).allSatisfy { location in
            file.ignores(
                ruleNames: names, paths: pathForms(location.path), line: location.line, commit: location.commit?.id)
        }
    }

    /// A shown path, and the same path relative to the repository root.
    package func pathForms(_ shown: String) -> [String] {
        var forms = [shown]
        if shown.hasPrefix("./") { forms.append(String(shown.dropFirst(2))) }
        if let root {
            let full = FilePaths.resolve(shown, relativeTo: workingDirectory)
            if full.hasPrefix(root + "/") { forms.append(String(full.dropFirst(root.count + 1))) }
        }
        return forms
    }
}
