/// A local optimum reached by the landscape ascent from one start: `L_GEDI` and each term at the weights
/// of the setting, and the measurements that classify it (``OptimumKind``).
public struct LandscapeOptimum: Sendable, Codable {
    public let start: LandscapeStart
    public let gedi: Double
    public let generative: Double
    public let invariance: Double
    public let prior: Double
    /// NMI of `argmax_y p(y|w)` against the true manifolds, weighted by `p`.
    public let nmi: Double
    /// `cos(u_1, u_2)`.
    public let prototypeCosine: Double
    /// `Σ_i p_i max_y p(y|w_i)`.
    public let meanConfidence: Double
    /// The largest share of the mass one cluster takes as argmax.
    public let largestMass: Double
    /// `L_GEDI` gained over the last tenth of the ascent: how settled the optimum is.
    public let lastGain: Double
    public let kind: OptimumKind
}
