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

    /// The method's own ablation of GEDI's weights `base`, the one place it is stated: GEDI keeps
    /// `base`; "no gen", "no inv" and "no unif" zero their own weight and keep the other two; JEM keeps
    /// only `L_GEN`, at weight 1; the baselines use no GEDI term (all three weights 0: a valid
    /// ``GEDIObjective`` with no terms, and no sampler to validate; their trainer never reads them).
    func weights(ablating base: GEDIObjective.Weights) -> GEDIObjective.Weights {
        switch self {
        case .gedi: base
        case .noGen: GEDIObjective.Weights(generative: 0, invariance: base.invariance, prior: base.prior)
        case .noInv: GEDIObjective.Weights(generative: base.generative, invariance: 0, prior: base.prior)
        case .noUnif: GEDIObjective.Weights(generative: base.generative, invariance: base.invariance, prior: 0)
        case .jem: GEDIObjective.Weights(generative: 1, invariance: 0, prior: 0)
        case .swav, .barlow: GEDIObjective.Weights(generative: 0, invariance: 0, prior: 0)
        }
    }

    /// The ablation of unit weights (``weights(ablating:)``).
    var weights: GEDIObjective.Weights { weights(ablating: .unit) }

    /// Whether the method, trained with `weights`, runs the SGLD sampler: a GEDI-objective method
    /// whose `lambda_GEN` is not 0 ("no gen" and the baselines never sample).
    func usesSampler(weights: GEDIObjective.Weights) -> Bool {
        usesGEDIObjective && weights.generative != 0
    }
}
