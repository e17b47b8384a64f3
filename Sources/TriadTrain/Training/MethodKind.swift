import TriadCore

/// The training methods by name (the `--method` of `triad train`). GEDI and its ablations share
/// one implementation (``GEDIMethod``) and differ by the weights and the sampler (`Proofs/model.md` §7.2);
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
    /// The SwAV baseline (``SwAVMethod``): Sinkhorn-Knopp codes, swapped prediction.
    case swav
    /// The Barlow Twins baseline (``BarlowTwinsMethod``): cross-correlation of batch-normalised views.
    case barlow

    public var description: String { rawValue }

    /// Whether the method is GEDI, one of its ablations or JEM: trained by ``GEDIMethod`` with
    /// ``weights``. `false` for the baselines, which have losses of their own.
    public var usesGEDIObjective: Bool {
        switch self {
        case .gedi, .noGen, .noInv, .noUnif, .jem: true
        case .swav, .barlow: false
        }
    }

    /// The term weights `(lambda_GEN, lambda_INV, lambda_PRIOR)`. The baselines use no GEDI term:
    /// all three weights are 0 for them (a valid ``GEDIObjective`` with no terms, and no sampler to
    /// validate), and their trainer never reads the weights.
    public var weights: GEDIObjective.Weights {
        switch self {
        case .gedi: .unit
        case .noGen: GEDIObjective.Weights(generative: 0)
        case .noInv: GEDIObjective.Weights(invariance: 0)
        case .noUnif: GEDIObjective.Weights(prior: 0)
        case .jem: GEDIObjective.Weights(generative: 1, invariance: 0, prior: 0)
        case .swav, .barlow: GEDIObjective.Weights(generative: 0, invariance: 0, prior: 0)
        }
    }
}
