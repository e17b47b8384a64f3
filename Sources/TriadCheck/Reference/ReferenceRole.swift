/// A quantity of the reference table: one of the three terms, the weighted objective, or an optional
/// form (the symmetrised invariance term, the prior term with a non-uniform `pi`, and `L_GEDI` over
/// the symmetrised invariance term).
public enum ReferenceRole: String, Sendable, CaseIterable {
    case generative = "L_GEN"
    case invariance = "L_INV"
    case prior = "L_PRIOR"
    /// `lambda_GEN L_GEN + lambda_INV L_INV + lambda_PRIOR L_PRIOR` at the world's weights.
    case gedi = "L_GEDI"
    /// `-½ E[CE(p(·|x'), p(·|x)) + CE(p(·|x), p(·|x'))]` (``TriadCore/InvarianceTerm/Form/symmetrised``).
    case symmetrisedInvariance = "L_INV.sym"
    /// `Σ_y pi_y log q_y` with the world's non-uniform `pi`.
    case nonUniformPrior = "L_PRIOR.pi"
    /// `L_GEDI` with the symmetrised invariance term.
    case symmetrisedGEDI = "L_GEDI.sym"

    /// Whether the role is `L_GEDI` (its tolerance scales with the sum of the weights).
    public var isObjective: Bool { self == .gedi || self == .symmetrisedGEDI }
}
