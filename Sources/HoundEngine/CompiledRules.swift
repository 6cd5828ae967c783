import HoundModel
import HoundRedaction
import HoundRegex
import HoundRules
import Synchronization

/// A rule set prepared for scanning: the keyword automaton, the keyword → rules map, compiled
/// path and allowlist regexes. Rule regexes themselves compile lazily, per scanner, on the first
/// keyword hit, so start-up pays only for what a scan touches.
public final class CompiledRules: Sendable {
    /// The rules, in rule-set order.
    public let rules: [Rule]
    /// The global allowlists, compiled.
    let globalAllowlists: [CompiledAllowlist]
    /// Per rule: its own allowlists plus the global ones that target it.
    let ruleAllowlists: [[CompiledAllowlist]]
    /// Per rule: compiled `path` regex.
    let pathFilters: [CompiledRegex?]
    /// Per rule: lowercased stopwords.
    let stopwords: [[[UInt8]]]
    /// The rules' keywords, lowercased, deduplicated: the automaton's first keywords.
    let keywords: [String]
    /// Keyword automaton over every rule's keywords and the decoders' markers, built on first
    /// use: a scan that reads no file (an empty folder, a commit that only deletes) never pays
    /// for it.
    private let builtPrefilter = Mutex<Prefilter?>(nil)
    /// Rule regexes compiled so far, shared by every scanner (one compile per rule, not one per
    /// worker): nil not yet, `.some(nil)` failed.
    private let sharedRegexes: Mutex<[CompiledRegex??]>
    /// Keyword index → rules that list it.
    let rulesForKeyword: [[Int32]]
    /// Rules with no keyword: they run on every fragment.
    let unconditionalRules: [Int]
    /// Rules with a path and no regex: the file's presence is the finding.
    let pathOnlyRules: [Int]
    /// Optional organisation key for HMAC fingerprints.
    let fingerprintKey: [UInt8]?
    /// Whether some rule is composite or `skipReport` (the scanner then checks requirements).
    let hasComposites: Bool

    /// Prepares `ruleSet`. Rules that are not built-in have their regexes compiled now so a
    /// syntax error names the rule before any scanning starts.
    public init(_ ruleSet: RuleSet, fingerprintKey: [UInt8]? = nil, validateAll: Bool = false) throws(RuleError) {
        rules = ruleSet.rules
        self.fingerprintKey = fingerprintKey
        hasComposites = ruleSet.rules.contains { !$0.required.isEmpty || $0.skipReport }
        // Regexes compiled here to check them are kept for the scanners.
        var checked = [CompiledRegex??](repeating: nil, count: ruleSet.rules.count)
        // Sized up front: growing the dictionary rehashed it a dozen times, a tenth of start-up.
        let keywordTotal = ruleSet.rules.reduce(0) { $0 + $1.keywords.count }
        var keywordIndex: [String: Int] = Dictionary(minimumCapacity: keywordTotal)
        var keywords: [String] = []
        keywords.reserveCapacity(keywordTotal)
        var rulesForKeyword: [[Int32]] = []
        rulesForKeyword.reserveCapacity(keywordTotal)
        var unconditional: [Int] = []
        var pathOnly: [Int] = []
        var pathFilters: [CompiledRegex?] = []
        for (index, rule) in rules.enumerated() {
            if !rule.source.file.hasPrefix("patterns/") || validateAll {
                if !rule.regex.isEmpty {
                    let regex = try Self.compile(rule.regex, rule: rule, field: "regex")
                    checked[index] = .some(regex)
                    try Self.checkGroupAndKeywords(rule, regex, keywords: !rule.source.file.hasPrefix("patterns/"))
                }
            }
            pathFilters.append(
                try rule.path.map { p throws(RuleError) in try Self.compile(p, rule: rule, field: "path") })
            if rule.regex.isEmpty {
                pathOnly.append(index)
                continue
            }
            if rule.keywords.isEmpty {
                unconditional.append(index)
                continue
            }
            for keyword in rule.keywords {
                let k = keyword.lowercased()
                if let existing = keywordIndex[k] {
                    rulesForKeyword[existing].append(Int32(index))
                } else {
                    keywordIndex[k] = keywords.count
                    keywords.append(k)
                    rulesForKeyword.append([Int32(index)])
                }
            }
        }
        self.keywords = keywords
        self.rulesForKeyword = rulesForKeyword
        self.unconditionalRules = unconditional
        self.pathOnlyRules = pathOnly
        self.pathFilters = pathFilters
        self.sharedRegexes = Mutex(checked)
        self.stopwords = rules.map { $0.stopwords.map { Array($0.lowercased().utf8) } }
        var global: [CompiledAllowlist] = []
        for list in ruleSet.allowlists {
            global.append(try CompiledAllowlist(list, context: "global allowlist"))
        }
        var perRule: [[CompiledAllowlist]] = []
        for rule in rules {
            var lists: [CompiledAllowlist] = []
            for list in rule.allowlists {
                lists.append(try CompiledAllowlist(list, context: "allowlist of rule \"\(rule.id)\""))
            }
            lists += global.filter { list in list.targetRules.contains { rule.answers(to: $0) } }
            perRule.append(lists)
        }
        self.globalAllowlists = global.filter { $0.targetRules.isEmpty }
        self.ruleAllowlists = perRule
    }

    /// The keyword automaton (built by the first caller; later callers share it).
    public var automaton: KeywordAutomaton { prefilter.automaton }

    /// The keyword automaton and its decoder markers (built by the first caller).
    var prefilter: Prefilter {
        builtPrefilter.withLock { built in
            if let built { return built }
            let prefilter = Prefilter(ruleKeywords: keywords, rules: rules)
            built = prefilter
            return prefilter
        }
    }

    /// Rule `index`'s regex, compiled by the first scanner that needs it (outside the lock; a
    /// scanner that loses the race uses the winner's); nil when it does not compile.
    func regex(forRule index: Int) -> CompiledRegex? {
        if let known = sharedRegexes.withLock({ $0[index] }) { return known }
        let made = try? CompiledRegex(rules[index].regex)
        return sharedRegexes.withLock { slots in
            if let known = slots[index] { return known }
            slots[index] = .some(made)
            return made
        }
    }

    /// Compiles a rule's `regex` or `path`; an error points at the field's value and names the
    /// rule.
    static func compile(_ pattern: String, rule: Rule, field: String) throws(RuleError) -> CompiledRegex {
        do {
            return try CompiledRegex(pattern)
        } catch {
            let at = rule.source.position(of: field)
            throw RuleError(
                file: rule.source.file, line: at.line, column: at.column,
                message: "rule \"\(rule.id)\": " + Self.describe(error, field: field))
        }
    }

    /// Refuses a `secret_group` the regex does not have and (with `keywords`) a keyword no match
    /// of the regex can contain, each at its value's position.
    static func checkGroupAndKeywords(_ rule: Rule, _ regex: CompiledRegex, keywords: Bool) throws(RuleError) {
        if let group = rule.secretGroup, group > regex.captureCount {
            let field = rule.source.valuePositions["secretGroup"] != nil ? "secretGroup" : "secret_group"
            let at = rule.source.position(of: field)
            throw RuleError(
                file: rule.source.file, line: at.line, column: at.column,
                message: "rule \"\(rule.id)\": \(field) is \(group) but the regex has "
                    + (regex.captureCount == 1 ? "1 group" : "\(regex.captureCount) groups"))
        }
        guard keywords else { return }
        for keyword in rule.keywords where !regex.canMatch(containing: Array(keyword.utf8)) {
            let at = rule.source.position(of: "keywords")
            throw RuleError(
                file: rule.source.file, line: at.line, column: at.column,
                message: "rule \"\(rule.id)\": keyword \(Redaction.name(keyword)) can never be part of a match of its "
                    + "regex (keywords choose where the regex runs: name a word its matches contain)")
        }
    }

    /// `invalid regex: REASON at offset N` (`invalid path regex` for `path`), or the size error
    /// as it is.
    static func describe(_ error: RegexSyntaxError, field: String) -> String {
        let what = field == "regex" ? "" : "\(field) "
        switch error.kind {
        case .tooLarge: return what + error.message
        case .syntax: return "invalid \(what)regex: \(error.message) at offset \(error.offset)"
        }
    }
}

/// An allowlist with its regexes compiled.
struct CompiledAllowlist: Sendable {
    let source: Allowlist
    let paths: [CompiledRegex]
    let regexes: [CompiledRegex]
    let stopwords: [[UInt8]]
    var targetRules: [String] { source.targetRules }

    init(_ list: Allowlist, context: String) throws(RuleError) {
        source = list
        var paths: [CompiledRegex] = []
        for p in list.paths { paths.append(try Self.compile(p, context: context, source: list.source, field: "paths")) }
        var regexes: [CompiledRegex] = []
        for r in list.regexes {
            regexes.append(try Self.compile(r, context: context, source: list.source, field: "regexes"))
        }
        self.paths = paths
        self.regexes = regexes
        stopwords = list.stopwords.map { Array($0.lowercased().utf8) }
    }

    /// Compiles one of the allowlist's `paths` or `regexes`; an error points at that field's
    /// value when the allowlist was read from a file.
    static func compile(_ pattern: String, context: String, source: RuleSource?, field: String) throws(RuleError)
        -> CompiledRegex
    {
        do {
            return try CompiledRegex(pattern)
        } catch {
            let at = source?.position(of: field) ?? SourcePoint(line: 0, column: 0)
            let reason = error.kind == .tooLarge ? error.message : "\(error.message) at offset \(error.offset)"
            throw RuleError(
                file: source?.file ?? "<config>", line: at.line, column: at.column,
                message: "\(context): invalid regex \"\(pattern)\": \(reason)")
        }
    }

    /// Whether the allowlist drops a candidate.
    func allows(path: String, secret: [UInt8], match: [UInt8], line: [UInt8], commit: String?) -> Bool {
        var results: [Bool] = []
        if !paths.isEmpty { results.append(paths.contains { $0.matches(path) }) }
        if !regexes.isEmpty {
            let target: [UInt8]
            switch source.regexTarget {
            case .secret: target = secret
            case .match: target = match
            case .line: target = line
            }
            results.append(regexes.contains { $0.matches(target) })
        }
        if !stopwords.isEmpty {
            let lower = secret.map(KeywordAutomaton.fold)
            results.append(stopwords.contains { Heuristics.contains(lower, $0) })
        }
        if !source.commits.isEmpty {
            results.append(commit.map { c in source.commits.contains { c.hasPrefix($0) } } ?? false)
        }
        guard !results.isEmpty else { return false }
        return source.requiresAll ? results.allSatisfy { $0 } : results.contains(true)
    }
}

extension CompiledRegex {
    /// Whether the regex matches anywhere in `bytes`.
    func matches(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isMatch(in: $0, range: 0..<$0.count) }
    }

    /// Whether the regex matches anywhere in `text`.
    func matches(_ text: String) -> Bool { matches(Array(text.utf8)) }
}
