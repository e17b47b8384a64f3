/// The three failure modes of `Proofs/model.md` §4 (the paper's Definitions 1-3).
public enum FailureMode: String, Sendable, CaseIterable, Codable {
    /// Representational collapse: `enc(w) = v` for every point.
    case representationalCollapse = "FM1"
    /// Cluster collapse: some cluster `c` with `p(c|w) >= 1 - eps` for every point (`eps -> 0`).
    case clusterCollapse = "FM2"
    /// Permutation of cluster assignments: the dataset re-paired by a permutation.
    case permutation = "FM3"

    /// A short name for reports.
    public var title: String {
        switch self {
        case .representationalCollapse: "representational collapse"
        case .clusterCollapse: "cluster collapse"
        case .permutation: "permutation of assignments"
        }
    }
}

/// What a check concludes about a term in a mode (`Proofs/model.md` §5.1), or why it could not conclude.
public enum ModeVerdict: String, Sendable, Codable {
    /// The mode reaches the term's supremum (FM1/FM2) or the term is invariant under re-pairing (FM3).
    case admits
    /// The negation: a positive gap bound over the whole mode, or a certified change under re-pairing.
    case penalises
    /// Neither: no witness reaches the bound, yet a configuration beat the derived gap bound.
    case inconclusive
}
