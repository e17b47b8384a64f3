import TriadCore

/// The training methods by name (the `--method` of `triad train`). GEDI and its ablations share
/// one implementation (``GEDIMethod``) and differ by the weights and the sampler (SPEC section 6);
/// SwAV and Barlow Twins plug in as further cases with their own ``TrainingMethod``.
public enum MethodKind: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `L_GEDI = L_GEN + L_INV + L_PRIOR`.
    case gedi
    /// `lambda_GEN = 0`: no generative term, no SGLD at all.
    case noGen = "nogen"
    /// `lambda_INV = 0`.
    case noInv = "noinv"
    /// `lambda_PRIOR = 0` (the "no unif" ablation: no uniform-marginal term).
    case noUnif = "nounif"
    /// JEM: only `L_GEN`, with JEM's sampler (20 steps of size 1) and learning rate 1e-4.
    case jem

    public var description: String { rawValue }

    /// The term weights `(lambda_GEN, lambda_INV, lambda_PRIOR)`.
    public var weights: GEDIObjective.Weights {
        switch self {
        case .gedi: .unit
        case .noGen: GEDIObjective.Weights(generative: 0)
        case .noInv: GEDIObjective.Weights(invariance: 0)
        case .noUnif: GEDIObjective.Weights(prior: 0)
        case .jem: GEDIObjective.Weights(generative: 1, invariance: 0, prior: 0)
        }
    }
}
