import TriadCore

/// The verdict of a ``Diagnosis``: one of Theorem 1's failure modes (`Proofs/model.md` §4; TriadCore's ``FailureMode``,
/// the vocabulary the checker's verdicts use too) as observed on a trained model's held-out data,
/// or one of the two outcomes that are not a mode of the theorem.
public enum DiagnosedFailure: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Not a failure mode: the clusters agree with the manifolds (NMI at least the threshold) and
    /// neither collapse is present.
    case noFailure
    /// A failure mode of Theorem 1, as it shows after training: `.representationalCollapse` (FM1) when
    /// the L2-normalised embeddings are (nearly) one vector; `.clusterCollapse` (FM2) when (nearly)
    /// every point is predicted in one cluster; `.permutation` (FM3) when balanced and confident
    /// clusters are unrelated to the manifolds (low NMI): the assignments look permuted among the points.
    case mode(FailureMode)
    /// Not a mode of the theorem: low NMI without any of the three signatures (e.g. unconfident or
    /// unbalanced but not collapsed predictions). A failure the triad does not name, kept so that a
    /// bad run is never reported as ``noFailure``.
    case unclassified

    /// In report order: no failure, FM1, FM2, FM3, unclassified.
    public static var allCases: [DiagnosedFailure] {
        [.noFailure] + FailureMode.allCases.map { .mode($0) } + [.unclassified]
    }

    /// The theorem's mode, or `nil` for ``noFailure`` and ``unclassified``.
    var theoremMode: FailureMode? {
        if case .mode(let m) = self { return m }
        return nil
    }

    /// The name in reports and the CLI: "none", "representational collapse", "cluster collapse",
    /// "permutation", "unclassified".
    public var description: String {
        switch self {
        case .noFailure: "none"
        case .mode(.representationalCollapse): "representational collapse"
        case .mode(.clusterCollapse): "cluster collapse"
        case .mode(.permutation): "permutation"
        case .unclassified: "unclassified"
        }
    }
}
