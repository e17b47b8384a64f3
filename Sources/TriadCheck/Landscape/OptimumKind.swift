/// What a local optimum of the landscape is (`Proofs/landscape.md`), read in this order from its
/// predictions `p(y|x)` on the grid, weighted by the data law `p`:
/// - ``mergedUniform``: `cos(u_1, u_2) >= 0.98`, or the mean confidence `Σ_i p_i max_y p(y|w_i) <= 0.55`
///   (near-uniform predictions: at most 0.05 above chance);
/// - ``collapse``: one cluster takes at least 90% of the mass as argmax;
/// - ``manifolds``: NMI of the argmax against the true manifolds `>= 0.7`;
/// - ``cut``: both clusters take at least 30% of the mass, NMI below 0.7 (a balanced partition that is not
///   the manifolds, such as a straight cut through both rings);
/// - ``other``: anything else.
/// Thresholds: 0.7 NMI sits between the best straight cut of moons (about 0.45 on the report's grids) and
/// the manifolds' (0.9 and above); the others are round numbers far from where the optima found sit.
public enum OptimumKind: String, Sendable, CaseIterable, Codable {
    case manifolds
    case cut
    case mergedUniform = "merged-uniform"
    case collapse
    case other

    public static let mergedCosine = 0.98
    public static let uniformConfidence = 0.55
    public static let collapseMass = 0.9
    public static let manifoldsNMI = 0.7
    public static let balancedMass = 0.3

    /// The kind of an optimum from its measurements.
    public static func classify(prototypeCosine: Double, meanConfidence: Double, largestMass: Double, nmi: Double) -> OptimumKind {
        if prototypeCosine >= mergedCosine || meanConfidence <= uniformConfidence { return .mergedUniform }
        if largestMass >= collapseMass { return .collapse }
        if nmi >= manifoldsNMI { return .manifolds }
        if 1 - largestMass >= balancedMass { return .cut }
        return .other
    }
}
