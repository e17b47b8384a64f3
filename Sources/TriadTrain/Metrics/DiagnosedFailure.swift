/// The verdict of a ``Diagnosis``: which failure mode of the triad (`Proofs/model.md` §4) a trained model
/// shows on held-out data, if any.
public enum DiagnosedFailure: String, Sendable, CaseIterable, CustomStringConvertible {
    /// No failure mode: the clusters agree with the manifolds (NMI at least the threshold) and neither
    /// collapse is present.
    case noFailure = "none"
    /// FM1: the L2-normalised embeddings are (nearly) one vector.
    case representationalCollapse = "representational collapse"
    /// FM2: (nearly) every point is predicted in one cluster.
    case clusterCollapse = "cluster collapse"
    /// FM3, as observed after training: balanced and confident clusters that are unrelated to the
    /// manifolds (low NMI) — the assignments look permuted among the points.
    case permutation
    /// Low NMI without any of the three signatures (e.g. unconfident or unbalanced but not collapsed
    /// predictions): a failure, but not one the triad names. Not in the paper's vocabulary; kept so
    /// that a bad run is never reported as `none`.
    case unclassified

    public var description: String { rawValue }
}
