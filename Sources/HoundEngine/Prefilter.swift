import HoundRules

/// The keyword automaton of a rule set: every rule's keywords, then the markers that tell the
/// scanner a fragment holds something worth decoding. Markers are not rules' keywords: their
/// hits open no rule window, they only ask for a decoder.
struct Prefilter: Sendable {
    /// What a marker hit asks for.
    enum Marker: UInt8, Sendable {
        /// `kind: secret`: a Kubernetes Secret manifest may be inside (searching every file for
        /// it separately cost 2 % of a scan).
        case kubernetesSecret
        /// The base64 encoding of a provider prefix or a document: a base64 blob to decode.
        case base64
        /// A percent-encoded `_ - + / = @ :`: a percent-encoded value to decode.
        case percent
    }

    /// The automaton: rule keywords first, then markers.
    let automaton: KeywordAutomaton
    /// The first marker's keyword index; lower indices are rule keywords.
    let firstMarker: Int
    /// Per marker (keyword index minus `firstMarker`), what it asks for.
    let markers: [Marker]

    /// The automaton over `ruleKeywords` (lowercased, deduplicated) and the markers for `rules`.
    init(ruleKeywords: [String], rules: [Rule]) {
        var keywords = ruleKeywords
        var markers: [Marker] = [.kubernetesSecret]
        keywords.append(KubernetesSecrets.manifestMarker)
        for marker in Base64Blobs.markers(for: rules) {
            keywords.append(marker)
            markers.append(.base64)
        }
        for marker in Percent.markers {
            keywords.append(marker)
            markers.append(.percent)
        }
        firstMarker = ruleKeywords.count
        self.markers = markers
        automaton = KeywordAutomaton(keywords: keywords)
    }
}
