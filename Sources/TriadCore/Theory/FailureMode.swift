/// The three failure modes of Theorem 1 (the paper's Definitions 1-3): the one
/// vocabulary of the theory (TriadCheck's verdicts) and of the diagnosis of trained models (TriadTrain).
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
